"""会员管理 (manual 2.3): the login accounts of the students in the admin's managed majors.

Rows and URLs are students (pk = student id), so scope is the student's major, exactly as
for 生源信息; permissions are the `students.account.*` items.
"""

from django.contrib import messages
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from careers.accounts import impersonation
from careers.accounts.models import User
from careers.core.history import log_event
from careers.core.redirects import safe_url
from careers.core.scoping import scope_filter
from careers.core.views import generic

from .forms import (
    SetPasswordForm,
    StudentAccountFilterSet,
    StudentAccountForm,
    StudentAccountTable,
)
from ..actions import reset_initial_credentials
from ..models import Student

# Every student is listed; one without an account (deleted by hand) shows 无账号 and has no actions.
accounts = Student.objects.select_related("user", "major__college")


def set_student_password(user, raw_password, *, acting_user):
    """An admin sets a password: strong hash now, and the student must choose their own at next login."""
    User.objects.filter(pk=user.pk).update(password=make_password(raw_password), initial_credential=False,
                                           must_change_password=True, password_changed_at=timezone.now())
    log_event("update", module="students", obj=user, user=acting_user, message="管理员修改学生密码（学生下次登录须重新设置）",
              changes={"must_change_password": ["", "True"]})


class AccountMixin:
    """Scope through the student's major; permission from the 会员管理 items."""

    queryset = accounts
    list_title = "会员管理"

    def restricted(self, action):
        self.require(f"students.account.{action}")
        return scope_filter(self.queryset.all(), self.request.user)

    def get_student(self, action):
        return get_object_or_404(self.restricted(action).filter(user__isnull=False), pk=self.kwargs["pk"])

    @classmethod
    def bench_params(cls, user):
        """The URL the list benchmark times for a page of one account: the newest in scope (bench/bench_lists.py)."""
        accounts_ = scope_filter(cls.queryset.filter(user__isnull=False), user)
        pk = accounts_.order_by("-pk").values_list("pk", flat=True).first()
        return [{"pk": pk}] if pk else []

    def base_context(self):
        return {"model": Student, "verbose_name": self.list_title, "list_url": reverse("students:account_list")}

    def back(self):
        return redirect(safe_url(self.request, self.request.POST.get("return_url", ""),
                                 reverse("students:account_list")))


class StudentAccountListView(AccountMixin, generic.ObjectListView):
    filterset = StudentAccountFilterSet
    table = StudentAccountTable
    template_name = "students/account_list.html"
    actions = ()


class StudentAccountEditView(AccountMixin, generic.ModelViewMixin):
    template_name = "students/account_edit.html"
    title = "编辑学生账号"

    def render_form(self, student, form):
        return render(self.request, self.template_name, {**self.base_context(), "student": student, "form": form,
                                                         "title": self.title})

    def get(self, request, pk):
        student = self.get_student("change")
        return self.render_form(student, StudentAccountForm(instance=student.user, user=request.user))

    def post(self, request, pk):
        student = self.get_student("change")
        form = StudentAccountForm(request.POST, instance=student.user, user=request.user)
        if not form.is_valid():
            return self.render_form(student, form)
        form.save()  # User has HistoricalRecords: the change lands in the operation log
        messages.success(request, f"学生账号 {student.user.username} 已保存。")
        return redirect("students:account_list")


class StudentAccountPasswordView(StudentAccountEditView):
    template_name = "students/account_password.html"
    title = "修改学生密码"

    def get(self, request, pk):
        student = self.get_student("change")
        return self.render_form(student, SetPasswordForm(student.user))

    def post(self, request, pk):
        student = self.get_student("change")
        form = SetPasswordForm(student.user, request.POST)
        if not form.is_valid():
            return self.render_form(student, form)
        set_student_password(student.user, form.cleaned_data["new_password1"], acting_user=request.user)
        messages.success(request, f"已修改 {student} 的密码；学生下次登录时须重新设置密码。")
        return redirect("students:account_list")


class StudentAccountResetView(AccountMixin, generic.ModelViewMixin):
    """初始化密码 for the ticked rows: all within scope, or nothing changes."""

    template_name = "students/account_reset_confirm.html"

    def post(self, request):
        pks = {pk for pk in request.POST.getlist("pk") if pk.isdecimal()}
        if not pks:
            messages.error(request, "请先勾选要初始化密码的学生。")
            return self.back()
        students = list(self.restricted("change").filter(pk__in=pks, user__isnull=False).order_by("student_number"))
        if len(students) != len(pks):
            messages.error(request, "所选学生中有您无权管理或已不存在的账号，未初始化任何密码。")
            return self.back()
        if "_confirm" not in request.POST:
            return render(request, self.template_name, {**self.base_context(), "students": students,
                                                        "return_url": request.POST.get("return_url", "")})
        with transaction.atomic():
            count = reset_initial_credentials([s.user for s in students], acting_user=request.user)
        messages.success(request, f"已将 {count} 个学生账号的密码初始化为身份证号后 6 位，学生登录后须修改。")
        return self.back()


class StudentAccountImpersonateView(AccountMixin, generic.ModelViewMixin):
    """进入学生账户 (2.3.3, the 管理 button): 20 minutes as this student, audited."""
    bench_kind = "action"  # what the list benchmark makes of it: careers/core/routes.py

    def get(self, request, pk):
        self.get_student("impersonate")  # out of scope stays a 404, whatever the method
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, pk):
        student = self.get_student("impersonate")
        try:
            impersonation.start(request, student.user)
        except impersonation.ImpersonationError as exc:
            messages.error(request, str(exc))
            return redirect("students:account_list")
        messages.info(request, f"您正以学生 {student} 的身份浏览，20 分钟后自动返回管理员账户。")
        return redirect("portal:home")
