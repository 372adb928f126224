"""What the students app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from importlib import import_module

from careers.core.dashboard import dashboard_card
from careers.core.demo import STUDENTS, demo_step, seed_step

from . import permissions  # noqa: F401  (menus and actions)
from . import workqueue  # noqa: F401  (待办事项 of the back-office home)
from .records import importers  # noqa: F401  (the "students.student" import spec)
from .records.dashboard import students_by_college
from .portal.hub import record_card
from .records.demo import build_roster

demo_step("students.roster", build_roster, stage=STUDENTS)
seed_step("students", "careers.students.demo")
demo_step("students.logins", lambda ctx: import_module("careers.students.demo").demo_logins(ctx))
dashboard_card("students.by_college", "students/cards/students_by_college.html", students_by_college)
dashboard_card("students.record", "students/portal/cards/record.html", record_card, board="student", order=60)
