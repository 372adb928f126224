"""What the counseling app contributes to core's extension points (imported once by core.registry.autodiscover):
menus and actions, the 待办事项, the student hub's card and each area's demo data in dependency order."""

from careers.core.dashboard import dashboard_card
from careers.core.demo import demo_step, seed_step

from . import permissions  # noqa: F401  (menus and actions)
from . import workqueue  # noqa: F401  (待办事项 of the back-office home)
from .bookings.hub import counseling_card


def _setup_demo(ctx):
    from .setup.demo import run

    run(ctx)  # with the context: the adviser's login is printed with the other demo accounts


demo_step("counseling.setup", _setup_demo)
for _area in ("slots", "bookings"):
    seed_step(f"counseling.{_area}", f"careers.counseling.{_area}.demo")

dashboard_card("counseling.hub", "counseling/portal/card.html", counseling_card, board="student", order=60)
