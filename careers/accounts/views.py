from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from careers.core.history import log_event
from careers.core.permissions import registry
from careers.core.ratelimit import hit
from careers.core.redirects import return_url
from careers.core.request_context import client_ip
from careers.core.views.generic import BackofficeView
from careers.org.models import Major

from . import actions, majors_table
from .forms import LoginForm, MajorSearchForm, PasswordChangeForm, ProfileForm
from .models import RoleTemplate, User
from .providers import enabled_providers, get_provider

LOGIN_ATTEMPTS_PER_IP_PER_MINUTE = 30


def editable_accounts(user):
    """Back-office accounts `user` may manage; only the superuser manages superusers."""
    accounts = User.objects.filter(kind__in=User.BACKOFFICE_KINDS)
    return accounts if user.is_superuser else accounts.filter(is_superuser=False)


def lockout_response(request, response=None, credentials=None):
    minutes = int(settings.AXES_COOLOFF_TIME * 60)
    html = render_to_string("accounts/locked.html", {"minutes": minutes, "limit": settings.AXES_FAILURE_LIMIT},
                            request=request)
    return HttpResponse(html, status=429)


class CampusLoginView(LoginView):
    template_name = "accounts/login.html"
    form_class = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        if not hit(f"login-ip:{client_ip(request)}", limit=LOGIN_ATTEMPTS_PER_IP_PER_MINUTE, window=60):
            form = self.get_form()
            form.errors.clear()
            return render(request, self.template_name, {"form": self.form_class(request),
                                                        "rate_limited": True}, status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        response = super().form_valid(form)
        log_event("login", module="accounts", obj=self.request.user, user=self.request.user, message="登录成功")
        return response

    def get_context_data(self, **kwargs):
        # a provider may hide its button while it cannot work (e.g. WeChat not configured): `available()`
        providers = [p for p in enabled_providers() if getattr(p, "available", lambda: True)()]
        return {**super().get_context_data(**kwargs), "providers": providers}


@require_POST
def logout_view(request):
    if request.user.is_authenticated:
        log_event("logout", module="accounts", obj=request.user, user=request.user)
    logout(request)
    messages.info(request, "您已安全退出。")
    return redirect("accounts:login")


def layout_for(user):
    return "backoffice.html" if user.is_backoffice else "portal.html"


@login_required
def password_change(request):
    user = request.user
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        actions.change_password(user, form.cleaned_data["new_password1"])
        update_session_auth_hash(request, user)
        messages.success(request, "密码已修改。")
        return redirect("core:home")
    return render(request, "accounts/password_change.html", {
        "form": form, "layout": layout_for(user), "first": user.must_change_password})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "账户信息已保存。")
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "layout": layout_for(request.user)})


class AccountPermissionsView(BackofficeView):
    """Tick menu and action permissions per module; copy from a role template."""

    def get_account(self, pk):
        self.require("accounts.user.change")
        return get_object_or_404(editable_accounts(self.request.user), pk=pk)

    def get(self, request, pk):
        account = self.get_account(pk)
        return render(request, "accounts/permissions.html", {
            "account": account, "modules": registry.sorted_modules(), "granted": set(account.permissions),
            "templates": RoleTemplate.objects.all(),
        })

    def post(self, request, pk):
        account = self.get_account(pk)
        if account.is_superuser:
            messages.info(request, "超级用户拥有全部权限，无需分配。")
            return redirect("accounts:user_permissions", pk=pk)
        if "template" in request.POST:
            template = get_object_or_404(RoleTemplate, pk=request.POST["template"])
            codes = set(template.permissions) & registry.all_codes()
        else:
            codes = set(request.POST.getlist("codes"))
        try:
            added, removed = actions.set_account_permissions(account, codes, acting_user=request.user)
        except ValueError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"权限已保存（新增 {len(added)} 项，取消 {len(removed)} 项），对方下一次操作即生效。")
        return redirect("accounts:user_permissions", pk=pk)


class RoleTemplatePermissionsView(BackofficeView):
    def get(self, request, pk):
        self.require("accounts.roletemplate.change")
        template = get_object_or_404(RoleTemplate, pk=pk)
        return render(request, "accounts/permissions.html", {
            "account": template, "modules": registry.sorted_modules(), "granted": set(template.permissions),
            "is_template": True})

    def post(self, request, pk):
        self.require("accounts.roletemplate.change")
        template = get_object_or_404(RoleTemplate, pk=pk)
        codes = set(request.POST.getlist("codes"))
        unknown = codes - registry.all_codes()
        if unknown:
            messages.error(request, "包含未知权限，未保存。")
        else:
            template.permissions = sorted(codes)
            template.save()
            messages.success(request, "角色模板权限已保存。")
        return redirect("accounts:roletemplate_permissions", pk=pk)


class ManagedMajorsView(BackofficeView):
    """管辖专业: search by campus/college/学历, then + / – each major or a whole college."""

    def get_account(self, pk):
        self.require("accounts.user.change")
        return get_object_or_404(editable_accounts(self.request.user), pk=pk)

    def get(self, request, pk):
        account = self.get_account(pk)
        form = MajorSearchForm(request.GET or None)
        majors = Major.objects.all()
        if form.is_valid():
            data = form.cleaned_data
            for field in ("campus", "college", "education_level"):
                if data.get(field):
                    majors = majors.filter(**{field: data[field]})
            if data.get("q"):
                majors = majors.filter(name__icontains=data["q"].strip())
        managed_ids = set(account.managed_majors.order_by().values_list("pk", flat=True))
        context = {"account": account, "form": form, "managed_ids": managed_ids,
                   "rows": majors_table.rows_html(majors, managed_ids),
                   "sees_all": account.is_school_admin or account.is_superuser}
        template = "accounts/includes/majors_table.html" if request.htmx else "accounts/managed_majors.html"
        return render(request, template, context)

    def post(self, request, pk):
        account = self.get_account(pk)
        add = [int(v) for v in request.POST.getlist("add") if v.isdecimal()]
        remove = [int(v) for v in request.POST.getlist("remove") if v.isdecimal()]
        college = request.POST.get("add_college", "")
        if college.isdecimal():
            add += list(Major.objects.filter(college_id=int(college)).values_list("pk", flat=True))
        actions.change_managed_majors(account, add=add, remove=remove, acting_user=request.user)
        if request.htmx:
            return self.get(request, pk)
        messages.success(request, "管辖专业已更新，对方下一次操作即生效。")
        return redirect(return_url(request, f"{request.path}?{request.GET.urlencode()}", names=("return_url",)))


class ResetPasswordView(BackofficeView):
    def post(self, request, pk):
        self.require("accounts.user.change")
        account = get_object_or_404(editable_accounts(request.user), pk=pk)
        actions.reset_to_default_password(account, acting_user=request.user)
        messages.success(request, f"已将 {account} 的密码重置为默认密码（账号+123456），对方首次登录须修改。")
        return redirect("accounts:user_detail", pk=pk)


def provider_start(request, key):
    """Send the browser to an external login provider (school SSO, WeChat QR)."""
    provider = get_provider(key)
    if provider is None:
        messages.error(request, "该登录方式未启用。")
        return redirect("accounts:login")
    return redirect(provider.start_url(request))


def provider_callback(request, key):
    """The provider vouches for a user; finish the login like a password login would."""
    provider = get_provider(key)
    user = provider.authenticate(request) if provider else None
    if user is None or not user.is_active:
        messages.error(request, "外部登录失败或账号未绑定，请使用账号密码登录。")
        return redirect("accounts:login")
    login(request, user, backend="careers.accounts.backends.AccountBackend")
    log_event("login", module="accounts", obj=user, user=user, message=f"通过{provider.label}登录")
    return redirect("core:home")
