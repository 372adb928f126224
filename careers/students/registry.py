"""What the students app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from importlib import import_module

from careers.core.dashboard import dashboard_card
from careers.core.demo import STUDENTS, demo_step, seed_step
from careers.core.review import review_decided

from . import permissions  # noqa: F401  (menus and actions)
from . import workqueue  # noqa: F401  (待办事项 of the back-office home)
from .records import importers  # noqa: F401  (the "students.student" import spec)
from .records.dashboard import students_by_college
from .portal.hub import record_card
from .records.demo import build_roster
from .records.notify import student_record_decided

demo_step("students.roster", build_roster, stage=STUDENTS)
seed_step("students", "careers.students.demo")
demo_step("students.logins", lambda ctx: import_module("careers.students.demo").demo_logins(ctx))
dashboard_card("students.by_college", "students/cards/students_by_college.html", students_by_college)
dashboard_card("students.record", "students/portal/cards/record.html", record_card, board="student", order=60)
# the student hears of every decision on their 生源信息 (inbox)
review_decided.connect(student_record_decided, sender="students.Student", dispatch_uid="students.review_decided")
