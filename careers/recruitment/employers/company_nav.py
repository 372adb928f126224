"""The employer portal's menu: each area adds its entries here (label, URL name, icon), in display order."""

COMPANY_NAV = [
    ("单位首页", "company:home", "bi-house"),
    ("单位信息", "company:profile", "bi-building"),
    ("职位管理", "company:job_list", "bi-briefcase"),
    ("收到的简历", "company:application_list", "bi-inbox"),
    ("人才库", "company:resume_search", "bi-people"),
    ("宣讲会", "company_events:talk_list", "bi-megaphone"),
    ("招聘会", "company_events:fair_list", "bi-shop"),
    ("网上签约", "company_employment:signing_list", "bi-pen"),
]
