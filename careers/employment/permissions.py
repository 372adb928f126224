"""派遣与就业: every menu and action of the dispatch and employment module, in one place.

Each area adds its lines below its heading (keep the headings).
"""

from careers.core.permissions import registry  # noqa: F401

# -- 派遣信息, 主管单位库, 功能时间设置 (dispatch) ------------------------------------------------------
from .models import DispatchRecord, ReportingWindow, SupervisingAuthority  # noqa: E402

registry.register_model(DispatchRecord, "students", menu_label="派遣信息", actions=("change", "review", "export"),
                        icon="bi-send", position=30)
# Shared reference settings: writes are school-only (accounts.models.is_school_only).
registry.register_model(SupervisingAuthority, "codes", menu_label="主管单位库", actions=("add", "change"),
                        icon="bi-building", position=30)
registry.register_model(ReportingWindow, "system", menu_label="功能时间设置", actions=("change",), icon="bi-clock")

# -- 就业信息, 未就业名单 (employment) ----------------------------------------------------------------
from .models import EmploymentRecord  # noqa: E402

registry.register_model(EmploymentRecord, "students", menu_label="就业信息", actions=("change", "review", "export"),
                        icon="bi-briefcase", position=40)
registry.register_menu("students", "employment.unemployed.view", "未就业名单", "employment:unemployed_list",
                       icon="bi-person-x", position=41)

# -- 与省系统不一致的就业信息 (provincial comparison) ------------------------------------------------
registry.register_action("students", "employment.employmentrecord.provincial", "就业信息：导出与省系统不一致")
# The page is reached from 就业信息; the menu entry shows for whoever holds the action (no checkbox of its own).
registry.register_derived_menu("students", "employment.provincial.compare", "与省系统比对", "employment:provincial_compare",
                               any_suffix="employment.employmentrecord.provincial", icon="bi-arrow-left-right",
                               position=42)
from .provincial import jobs as _provincial_jobs  # noqa: E402,F401  (registers the job handlers in every process)

# -- 协议书管理 (agreements) -------------------------------------------------------------------------
from .models import AgreementApplication, AgreementNumber, AgreementSettings, OnlineAgreement  # noqa: E402

# review: 同意 / 不同意; print: 批量审核打印, 登记编号, 重置; change: 协议书设置 and 申请材料 (school only)
registry.register_model(AgreementApplication, "affairs", menu_label="协议书管理",
                        actions=("review", "print", "export"), icon="bi-file-earmark-text", position=10)
registry.register_model(AgreementNumber, "affairs", menu_label="协议书编号", actions=("import", "export"),
                        icon="bi-123", position=11)
registry.register_model(AgreementSettings, "affairs", menu_label="协议书设置",
                        url_name="employment:agreementsettings_edit", actions=("change",), icon="bi-sliders",
                        position=12)
# 网上签约: review = 学校同意（编号）/ 不同意
registry.register_model(OnlineAgreement, "affairs", menu_label="网上签约", actions=("review", "export"),
                        icon="bi-pen", position=13)
