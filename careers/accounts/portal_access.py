"""Access to the 学生中心 (/me/) pages of every app: the student-only decorator and the impersonation audit.

Every portal view works on the signed-in student's own record (no student id in any URL). While an admin is
inside the account (进入学生账户) each write is also logged under the admin.
"""

from functools import wraps

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from careers.core.history import log_event

from .models import User

# what the portal pages show of the student, loaded with the record
STUDENT_RELATED = ("major__college", "major__education_level", "major__campus", "ethnicity", "political_status",
                   "origin_region__parent__parent", "training_mode", "enrolment_status")


NOT_STUDENT = "学生中心仅供学生账号使用。"
NO_STUDENT_RECORD = "您的账号还没有对应的学生信息，请联系学院管理员。"


def student_required(view=None, *, not_student=NOT_STUDENT, no_record=NO_STUDENT_RECORD):
    """Only a student account with a student record; the view is called as `view(request, student, ...)`.

    The one access check of every /me/ page. `@student_required` as is, or
    `@student_required(not_student=..., no_record=...)` for a page that words the refusal its own way.
    """
    if view is None:
        return lambda view: student_required(view, not_student=not_student, no_record=no_record)

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.user.kind != User.Kind.STUDENT:
            raise PermissionDenied(not_student)
        student_model = apps.get_model("students", "Student")
        student = student_model.objects.select_related(*STUDENT_RELATED).filter(user=request.user).first()
        if student is None:
            raise PermissionDenied(no_record)
        return view(request, student, *args, **kwargs)

    return wrapper


def audit_impersonated_write(request, student, message, changes=None):
    """Writes made by an admin inside the student account carry the admin's name in the log."""
    impersonator = getattr(request, "impersonator", None)
    if impersonator:
        admin = User.objects.filter(pk=impersonator["id"]).first()
        log_event("update", module="students", obj=student, user=admin, changes=changes or {},
                  message=f"{message}（管理员进入学生账户操作）")
