from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

ALLOWED_PREFIXES = ("/static/", "/media/")


class ForcePasswordChangeMiddleware:
    """A user holding an initial password may only change it (or log out)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        # an admin inside a student account (进入学生账户) must never be trapped here
        if user.is_authenticated and user.must_change_password and not request.session.get("impersonator"):
            allowed = {reverse("accounts:password_change"), reverse("accounts:logout")}
            if request.path not in allowed and not request.path.startswith(ALLOWED_PREFIXES):
                target = f"{reverse('accounts:password_change')}?first=1"
                if getattr(request, "htmx", False):  # a fragment request: move the whole page instead
                    return HttpResponse(status=204, headers={"HX-Redirect": target})
                return redirect(target)
        return self.get_response(request)


class ImpersonationMiddleware:
    """进入学生账户: expire after 20 minutes, verify the signed token, fence off admin pages.

    While an admin is inside a student account they see the student's pages only: no
    back-office page, no password or profile change, no second impersonation.
    """

    BLOCKED = {"accounts:password_change", "accounts:profile", "accounts:login", "accounts:provider_start",
               "accounts:provider_callback"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from . import impersonation

        request.impersonator = None
        if request.user.is_authenticated and impersonation.is_impersonating(request):
            data = impersonation.token(request)
            if data.get("invalid"):
                impersonation.stop(request, reason="凭据无效")
                return redirect("accounts:login")
            if impersonation.expires_at(data) <= timezone.now():
                return self.back_to_admin(request, impersonation)
            if self.blocked(request):
                if request.path == reverse("accounts:logout"):
                    impersonation.stop(request, reason="退出登录")
                    return self.get_response(request)
                messages.error(request, "正在以学生身份浏览：不能访问管理页面、修改学生密码或再次进入其他学生账户。"
                                        "请先点击“返回管理员”。")
                return redirect("portal:home")
            request.impersonator = {"id": data["id"], "name": data["name"],
                                    "expires": impersonation.expires_at(data)}
        return self.get_response(request)

    def back_to_admin(self, request, impersonation):
        admin = impersonation.stop(request, reason="已超过 20 分钟，自动返回")
        if admin is None:
            return redirect("accounts:login")
        messages.info(request, "进入学生账户已超过 20 分钟，已自动返回管理员账户。")
        return redirect("students:account_list" if admin.has_permission("students.account.view") else "core:home")

    def blocked(self, request):
        from careers.core.views.generic import BackofficeView

        if request.path.startswith(ALLOWED_PREFIXES):
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        if match.view_name == "accounts:logout":
            return True  # handled: ends the visit first
        view_class = getattr(match.func, "view_class", None)
        return match.view_name in self.BLOCKED or bool(view_class and issubclass(view_class, BackofficeView))
