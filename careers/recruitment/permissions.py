"""招聘服务管理: every menu and action of the recruitment module, in one place (app-wide: core imports
`<app>.permissions`).

Each area adds its lines below its heading (keep the headings). Employers and jobs are school-wide
records (no major scope); applications and matches are scoped by the student's major.
"""

from careers.core.permissions import registry

registry.module("recruitment", "招聘服务管理", "bi-building", order=40)

# -- 用人单位管理 (employers) ----------------------------------------------------------------------
from .models import Employer  # noqa: E402

registry.register_model(Employer, "recruitment", menu_label="用人单位管理", actions=("review", "change", "export"),
                        icon="bi-building-check")
registry.register_action("recruitment", "recruitment.employer.message", "用人单位管理：发送消息")  # WeChat 8.6

# -- 用人单位账号申诉 (appeals) ---------------------------------------------------------------------
from .models import AccountAppeal  # noqa: E402

registry.register_model(AccountAppeal, "recruitment", menu_label="用人单位账号申诉", actions=("review",),
                        icon="bi-person-exclamation")

# -- 职位管理 (jobs) ---------------------------------------------------------------------------------
from .models import Job  # noqa: E402

registry.register_model(Job, "recruitment", menu_label="职位管理", actions=("review", "export"), icon="bi-briefcase")
registry.register_action("recruitment", "recruitment.job.change", "职位管理：刷新时间")

# -- 简历投递管理 (applications) ---------------------------------------------------------------------
from .models import Application  # noqa: E402

registry.register_model(Application, "recruitment", menu_label="简历投递管理", actions=("export",), icon="bi-send")

# -- 职位智能匹配 (matching) -------------------------------------------------------------------------
from .models import JobMatch, MatchRun  # noqa: E402

registry.register_model(MatchRun, "recruitment", menu_label="职位智能匹配", icon="bi-magic")
registry.register_action("recruitment", "recruitment.matchrun.run", "职位智能匹配：立即运行（仅学校管理员）")
registry.register_model(JobMatch, "recruitment", menu_label="职位匹配结果", icon="bi-list-stars")
