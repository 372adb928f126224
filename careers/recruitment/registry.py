"""What the recruitment app contributes to core's extension points (imported once by core.registry.autodiscover):
menus and actions, each area's hooks (the 单位查询 provider, 就业市场信息统计 counters, job handlers …) and each
area's demo data, in dependency order."""

from careers.core.dashboard import dashboard_card
from careers.core.demo import seed_step

from . import permissions  # noqa: F401  (menus and actions)
from . import workqueue  # noqa: F401  (待办事项 of the back-office home)
from .applications import hooks as _applications_hooks  # noqa: F401
from .applications.cards import new_applications
from .employers import hooks as _employers_hooks  # noqa: F401
from .employers.cards import unread_messages
from .jobs import hooks as _jobs_hooks  # noqa: F401
from .applications.hub import applications_card
from .jobs.cards import jobs_by_state
from .matching.hub import matches_card

for _area in ("employers", "appeals", "jobs", "applications", "matching"):
    seed_step(f"recruitment.{_area}", f"careers.recruitment.{_area}.demo")

# the student hub (/me/)
dashboard_card("recruitment.hub_matches", "recruitment/portal/cards/matches.html", matches_card, board="student",
               order=20)
dashboard_card("recruitment.hub_applications", "recruitment/portal/cards/applications.html", applications_card,
               board="student", order=40)
# The employer portal home (company:home); events adds its fairs (30) and talks (40) before the messages.
CARDS = "recruitment/company/cards"
dashboard_card("recruitment.company_applications", f"{CARDS}/applications.html", new_applications, board="company",
               order=10)
dashboard_card("recruitment.company_jobs", f"{CARDS}/jobs.html", jobs_by_state, board="company", order=20)
dashboard_card("recruitment.company_messages", f"{CARDS}/messages.html", unread_messages, board="company",
               order=50)
