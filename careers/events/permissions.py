"""宣讲会与招聘会: every menu and action, in one place. Each area adds its lines below its heading
(keep the headings). Venues sit under 代码管理 (manual 4.5: 进入“代码管理”—“场地管理”); talks and fairs
under 招聘服务管理. Talks, fairs and participations are school-wide; registrations and check-ins are
scoped by the student's major.

App-wide on purpose: core discovers `<app>.permissions`, and the menu order reads best in one file."""

from careers.core.permissions import registry

registry.module("recruitment", "招聘服务管理", "bi-building", order=40)

# -- 场地管理 (venues) -------------------------------------------------------------------------------
from .models import Venue  # noqa: E402

registry.register_model(Venue, "codes", menu_label="场地管理", actions=("add", "change", "import"),
                        icon="bi-geo-alt", position=40)

# -- 宣讲会 (talks) ----------------------------------------------------------------------------------
from .models import Talk  # noqa: E402

registry.register_model(Talk, "recruitment", menu_label="宣讲会", actions=("add", "change", "review", "export"),
                        icon="bi-megaphone")

# -- 招聘会 (fairs) ----------------------------------------------------------------------------------
from .models import Fair  # noqa: E402

registry.register_model(Fair, "recruitment", menu_label="招聘会", actions=("add", "change", "export"),
                        icon="bi-shop")

# -- 参会单位 (participants: review, booths, jobs 不显示) ---------------------------------------------
from .models import ParticipantJob, Participation  # noqa: E402

registry.register_model(Participation, "recruitment", menu_label="参会单位", url_name="events:participant_list",
                        actions=("review", "change", "export"), icon="bi-people")
registry.register_model(ParticipantJob, "recruitment", menu_label="招聘会职位", url_name="events:fair_job_list",
                        actions=("change", "export"), icon="bi-briefcase")

# -- 参会费用 (payments) -----------------------------------------------------------------------------
from .models import Order  # noqa: E402

registry.register_model(Order, "recruitment", menu_label="参会费用", actions=("export",), icon="bi-cash-coin")
registry.register_action("recruitment", "events.order.confirm", "参会费用：确认收款/退回凭证/关闭订单")
registry.register_action("recruitment", "events.order.refund", "参会费用：退款")

# -- 报名与签到 (check-in, devices) ------------------------------------------------------------------
from .models import CheckIn, CheckinDevice  # noqa: E402

# 签到记录 per talk/fair (scoped by the student's major); `add` is 补签 (an admin marks a student present).
registry.register_model(CheckIn, "recruitment", menu_label="签到记录", actions=("export",), icon="bi-qr-code-scan")
registry.register_action("recruitment", "events.checkin.add", "签到记录：补签")
registry.register_model(CheckinDevice, "recruitment", menu_label="签到设备", actions=("add", "change"),
                        icon="bi-upc-scan")

# -- 统计 (stats) ------------------------------------------------------------------------------------
registry.register_action("recruitment", "events.fair.stats", "招聘会：查看统计与导出统计")
registry.register_action("recruitment", "events.talk.stats", "宣讲会：查看统计与导出统计")
registry.register_menu("recruitment", "events.registration.remind", "活动提醒", "events:reminders", icon="bi-bell")

# -- 就业活动 (career_events; issue 16, manual 3.2: 学生服务 → 就业活动, 活动分类管理 reached from it) -------------
from .models import CareerEvent, CareerEventCategory  # noqa: E402

registry.register_model(CareerEvent, "services", menu_label="就业活动", actions=("add", "change", "export"),
                        icon="bi-calendar-event", position=20)
registry.register_model(CareerEventCategory, "services", menu_label="活动分类管理", actions=("add", "change"),
                        icon="bi-tags", position=21)
# -- 项目活动 (programmes, manual 3.3: 学生服务 → 项目活动) ------------------------------------------
from .models import Programme, ProgrammeEntry, ProgrammeEntryMember, ProgrammeEntryType  # noqa: E402

registry.register_model(Programme, "services", menu_label="项目活动", actions=("add", "change", "export"),
                        icon="bi-trophy", position=60)
registry.register_model(ProgrammeEntryType, "services", menu_label="报名类型", actions=("add", "change"),
                        icon="bi-tags", position=61)
# 报名 are reached from a programme's page (scoped by the captain's major); 团队成员 by each member's major.
registry.register_model(ProgrammeEntry, "services", menu_label="项目活动报名", actions=("review", "export"),
                        icon="bi-people", position=62)
registry.register_model(ProgrammeEntryMember, "services", menu_label="项目活动团队成员", actions=("export",),
                        icon="bi-person-lines-fill", position=63)
