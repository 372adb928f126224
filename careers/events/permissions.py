"""宣讲会与招聘会: every menu and action, in one place. Each area adds its lines below its heading
(keep the headings). Venues sit under 代码管理 (manual 4.5: 进入“代码管理”—“场地管理”); talks and fairs
under 招聘服务管理. Talks, fairs and participations are school-wide; registrations and check-ins are
scoped by the student's major."""

from careers.core.permissions import registry

registry.module("recruitment", "招聘服务管理", "bi-building", order=40)

# -- 场地管理 (venues) -------------------------------------------------------------------------------
from .models import Venue  # noqa: E402

registry.register_model(Venue, "codes", menu_label="场地管理", actions=("add", "change", "import"),
                        icon="bi-geo-alt")

# -- 宣讲会 (talks) ----------------------------------------------------------------------------------
from .models import Talk  # noqa: E402

registry.register_model(Talk, "recruitment", menu_label="宣讲会", actions=("add", "review", "export"),
                        icon="bi-megaphone")

# -- 招聘会 (fairs) ----------------------------------------------------------------------------------
from .models import Fair  # noqa: E402

registry.register_model(Fair, "recruitment", menu_label="招聘会", actions=("add", "change", "export"),
                        icon="bi-shop")

# -- 参会单位 (participants: review, booths, jobs 不显示) ---------------------------------------------

# -- 参会费用 (payments) -----------------------------------------------------------------------------

# -- 报名与签到 (check-in, devices) ------------------------------------------------------------------

# -- 统计 (stats) ------------------------------------------------------------------------------------
registry.register_action("recruitment", "events.fair.stats", "招聘会：查看统计与导出统计")
registry.register_action("recruitment", "events.talk.stats", "宣讲会：查看统计与导出统计")
registry.register_menu("recruitment", "events.registration.remind", "活动提醒", "events:reminders", icon="bi-bell")
