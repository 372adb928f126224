"""进入学生账户 (manual 2.3.3): an admin works as one student for 20 minutes.

The admin's identity stays in the session as a signed token bound to that one student;
the session key is rotated on the way in and out, both ends are audited, and
`ImpersonationMiddleware` ends the visit when it expires or is tampered with.
"""

from datetime import datetime, timedelta

from django.contrib.auth import login, logout
from django.core import signing
from django.utils import timezone

from careers.core.history import log_event

from .models import User

SESSION_KEY = "impersonator"
SALT = "careers.accounts.impersonation"
DURATION = timedelta(minutes=20)
BACKEND = "careers.accounts.backends.AccountBackend"


class ImpersonationError(Exception):
    pass


def _quiet_login(request, user):
    """login() rotates the session key; keep the visited account's 最近登录 untouched."""
    last_login = user.last_login
    login(request, user, backend=BACKEND)
    User.objects.filter(pk=user.pk).update(last_login=last_login)


def token(request):
    """The verified impersonation data of this session, or None (also when tampered)."""
    raw = request.session.get(SESSION_KEY)
    if not raw:
        return None
    try:
        data = signing.loads(raw, salt=SALT)
    except signing.BadSignature:
        return {"invalid": True}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or data.get("student_id") != user.pk:
        return {"invalid": True}
    return data


def is_impersonating(request):
    return bool(request.session.get(SESSION_KEY))


def expires_at(data):
    return datetime.fromtimestamp(data["expires"], tz=timezone.get_current_timezone())


def start(request, student_user):
    """Log `request.user` (an admin) in as `student_user`. Callers check permission and scope."""
    admin = request.user
    if is_impersonating(request):
        raise ImpersonationError("已在学生账户中，请先返回管理员账户。")
    if not admin.is_authenticated or not admin.is_backoffice:
        raise ImpersonationError("只有管理员可以进入学生账户。")
    if student_user.kind != User.Kind.STUDENT:
        raise ImpersonationError("只能进入学生账户。")
    if not student_user.is_active:
        raise ImpersonationError("该学生账号已停用，不能进入。")
    expires = timezone.now() + DURATION
    year = request.session.get("operating_year")
    _quiet_login(request, student_user)
    request.session[SESSION_KEY] = signing.dumps(
        {"id": admin.pk, "name": admin.name or admin.username, "student_id": student_user.pk,
         "expires": int(expires.timestamp()), "year": year}, salt=SALT)
    log_event("login", module="students", obj=student_user, user=admin,
              message=f"进入学生账户（有效 {int(DURATION.total_seconds() // 60)} 分钟）")
    return expires


def stop(request, *, reason="返回管理员账户"):
    """End the visit: back to the admin, or logged out when the admin can no longer sign in."""
    data = token(request) or {}
    student = request.user if request.user.is_authenticated else None
    admin = None
    if not data.get("invalid") and data.get("id"):
        admin = User.objects.filter(pk=data["id"], is_active=True, kind__in=User.BACKOFFICE_KINDS).first()
    if admin is None:
        logout(request)
        why = "凭据无效" if data.get("invalid") else "管理员账户不可用"
        log_event("logout", module="students", obj=student, user=User.objects.filter(pk=data.get("id")).first(),
                  message=f"退出学生账户：{reason}（{why}，已退出登录）")
        return None
    _quiet_login(request, admin)
    if data.get("year"):
        request.session["operating_year"] = data["year"]
    log_event("logout", module="students", obj=student, user=admin, message=f"退出学生账户：{reason}")
    return admin


def stop_view(request):
    """返回管理员 (POST from the banner)."""
    from django.contrib import messages
    from django.http import HttpResponseNotAllowed
    from django.shortcuts import redirect

    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not is_impersonating(request):
        return redirect("core:home")
    admin = stop(request)
    if admin is None:
        return redirect("accounts:login")
    messages.success(request, "已返回管理员账户。")
    return redirect("students:account_list" if admin.has_permission("students.account.view") else "core:home")
