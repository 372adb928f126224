"""What the events app contributes to core's extension points (imported once by core.registry.autodiscover):
menus and actions, each area's hooks (导入场地, 就业市场信息统计 counters, the reminder task), the payment
providers, and each area's demo data in dependency order."""

from careers.core.dashboard import dashboard_card
from careers.core.demo import seed_step

from . import permissions  # noqa: F401  (menus and actions)
from . import workqueue  # noqa: F401  (待办事项 of the back-office home)
from .checkin.hub import registrations_card, upcoming_card
from .payments import providers  # noqa: F401  (the offline transfer provider)
from .stats import hooks as _stats_hooks  # noqa: F401
from .venues import hooks as _venues_hooks  # noqa: F401

for _area in ("venues", "talks", "fairs", "participants", "payments", "checkin", "stats"):
    seed_step(f"events.{_area}", f"careers.events.{_area}.demo")

# the student hub (/me/)
dashboard_card("events.upcoming", "events/portal/cards/upcoming.html", upcoming_card, board="student", order=30)
dashboard_card("events.registrations", "events/portal/cards/registrations.html", registrations_card,
               board="student", order=50)
