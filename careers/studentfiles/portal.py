"""Student-portal access: the signed-in student and nobody else."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from careers.students.models import Student


def student_view(view):
    """Only student accounts linked to a student record; sets `request.student`."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if user.kind != user.Kind.STUDENT:
            raise PermissionDenied("该页面仅限学生访问。")
        student = Student.objects.filter(user=user).select_related("major").first()
        if student is None:
            raise PermissionDenied("您的账号尚未关联学生信息，请联系学校就业部门。")
        request.student = student
        return view(request, *args, **kwargs)

    return wrapper
