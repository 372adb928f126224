"""What the events app contributes to core's extension points (imported once by core.registry.autodiscover):
menus and actions, each area's hooks (导入场地, 就业市场信息统计 counters, the reminder task), the payment
providers, and each area's demo data in dependency order."""

from careers.core.dashboard import dashboard_card
from careers.core.demo import seed_step

from . import permissions  # noqa: F401  (menus and actions)
from . import workqueue  # noqa: F401  (待办事项 of the back-office home)
from .checkin.hub import registrations_card, upcoming_card
from .participants.cards import fair_participations
from .payments import providers  # noqa: F401  (the offline transfer provider)
from .stats import hooks as _stats_hooks  # noqa: F401
from .talks.cards import upcoming_talks
from .venues import hooks as _venues_hooks  # noqa: F401

for _area in ("venues", "talks", "fairs", "participants", "payments", "checkin", "stats"):
    seed_step(f"events.{_area}", f"careers.events.{_area}.demo")
# -- 项目活动 (programmes) --
seed_step("events.programmes", "careers.events.programmes.demo")

# issue 16 · 就业活动 (after checkin: its demo adds registrations and check-ins with the shared rows) and the
# 就业日历's cache invalidation (signals on talks, fairs and 就业活动)
seed_step("events.career_events", "careers.events.career_events.demo")
from .calendar import signals as _calendar_signals  # noqa: E402,F401

# the student hub (/me/)
dashboard_card("events.hub_upcoming", "events/portal/cards/upcoming.html", upcoming_card, board="student", order=30)
dashboard_card("events.hub_registrations", "events/portal/cards/registrations.html", registrations_card,
               board="student", order=50)
# The employer portal home: fairs and talks after the unit's jobs, before its messages (recruitment's cards).
dashboard_card("events.company_fairs", "events/company_cards/fairs.html", fair_participations, board="company",
               order=30)
dashboard_card("events.company_talks", "events/company_cards/talks.html", upcoming_talks, board="company", order=40)
# -- 项目活动 (programmes): the student hub card (only when the student has an entry or an invitation) --
from .programmes.hub import programmes_card  # noqa: E402

dashboard_card("events.hub_programmes", "events/programmes/portal/card.html", programmes_card, board="student",
               order=55)
