"""Demo 网站菜单: a column of every kind (the manual's codes), a 特色专栏 "就业质量年报" with its yearly pages, one
college's own news column and a hidden column. Idempotent by slug."""

from careers.org.models import College

from .models import Category

# slug, name, kind, ordering, parent slug, visible, in nav, description
COLUMNS = [
    ("news", "中心新闻", "news", 10, None, True, True, "学生就业指导中心的工作动态"),
    ("notice", "通知公告", "notice", 20, None, True, True, "招聘活动、办事流程的通知"),
    ("policy", "就业政策", "policy", 30, None, True, True, "国家、省市和学校的就业政策"),
    ("guidance", "就业指导", "article", 40, None, True, True, "求职技巧、职业规划文章"),
    ("help", "帮助中心", "help", 50, None, True, True, "系统使用帮助"),
    ("about", "中心简介", "explain", 60, None, True, True, "机构设置与联系方式"),
    ("photos", "图片新闻", "photo", 70, None, True, True, ""),
    ("videos", "视频", "video", 80, None, True, True, ""),
    ("downloads", "下载中心", "download", 90, None, True, True, "表格、材料下载"),
    ("links", "友情链接", "link", 100, None, True, False, ""),
    ("quality-report", "就业质量年报", "special", 110, None, True, True, "历年毕业生就业质量年度报告"),
    ("quality-report-2024", "2024年度报告", "special", 10, "quality-report", True, True, ""),
    ("quality-report-2025", "2025年度报告", "special", 20, "quality-report", True, True, ""),
    ("other", "其他资讯", "other", 120, None, True, False, ""),
    ("archive", "历史归档", "news", 200, None, False, False, "已停用的旧栏目（隐藏）"),
    ("notice-employer", "单位招聘通知", "notice", 10, "notice", True, True, "用人单位发布的招聘信息"),
]


def college_column():
    """The demo college's own news column (its admins manage it)."""
    # 信息工程学院 when the demo school has it (its admin 李老师 then manages the column), else the first college
    college = College.objects.filter(name="信息工程学院").first() or College.objects.order_by("pk").first()
    if college is None:
        return None
    column, _ = Category.objects.get_or_create(slug="college-news", defaults={
        "name": f"{college.name}新闻", "kind": "news", "college": college, "ordering": 15,
        "description": "学院就业工作动态（学院管理员维护）"})
    return column


def seed(rng, years):
    by_slug = {}
    for slug, name, kind, ordering, parent, visible, in_nav, description in COLUMNS:
        by_slug[slug], _ = Category.objects.get_or_create(slug=slug, defaults={
            "name": name, "kind": kind, "ordering": ordering, "parent": by_slug.get(parent),
            "is_visible": visible, "in_nav": in_nav, "description": description})
    college_column()
