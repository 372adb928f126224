"""What the recruitment app contributes to core's extension points (imported once by core.registry.autodiscover):
menus and actions, each area's hooks (the 单位查询 provider, 就业市场信息统计 counters, job handlers …) and each
area's demo data, in dependency order."""

from careers.core.dashboard import dashboard_card
from careers.core.demo import seed_step

from . import permissions  # noqa: F401  (menus and actions)
from .applications import hooks as _applications_hooks  # noqa: F401
from .applications.cards import new_applications
from .employers import hooks as _employers_hooks  # noqa: F401
from .employers.cards import unread_messages
from .jobs import hooks as _jobs_hooks  # noqa: F401
from .jobs.cards import jobs_by_state

for _area in ("employers", "appeals", "jobs", "applications"):
    seed_step(f"recruitment.{_area}", f"careers.recruitment.{_area}.demo")

# The employer portal home (company:home), in display order; events adds its cards before the messages.
CARDS = "recruitment/company/cards"
dashboard_card("recruitment.applications", f"{CARDS}/applications.html", new_applications, board="company")
dashboard_card("recruitment.jobs", f"{CARDS}/jobs.html", jobs_by_state, board="company")
dashboard_card("recruitment.messages", f"{CARDS}/messages.html", unread_messages, board="company")
