"""招聘服务管理 → 用人单位账号申诉: list, detail (appeal beside the account), licence, handling."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse

from careers.core.views import generic
from careers.studentfiles.storage import private_file_response

from . import actions
from .filtersets import AccountAppealFilterSet
from .forms import NoteForm, PasswordMethodForm, RejectForm
from .models import AccountAppeal
from .tables import AccountAppealTable

appeals = AccountAppeal.objects.select_related("employer", "handled_by")
LICENCE_TYPES = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "pdf": "application/pdf"}


def licence_kind(appeal):
    return appeal.licence.name.rsplit(".", 1)[-1].lower() if appeal.licence else ""


class AccountAppealListView(generic.ObjectListView):
    queryset = appeals
    filterset = AccountAppealFilterSet
    table = AccountAppealTable
    actions = ()


class AccountAppealView(generic.ObjectView):
    queryset = appeals.select_related("employer__user")
    template_name = "recruitment/appeal_detail.html"
    detail_fields = ["unit_name", "credit_code", "contact_person", "phone", "email", "reason", "status", "method",
                     "handling_note", "handled_at", "handled_by", "created_at"]
    bound_forms = {}
    active_method = ""

    def get_extra_context(self, obj):
        account = obj.employer.user
        can_review = obj.status == AccountAppeal.Status.PENDING and self.request.user.has_permission(
            "recruitment.accountappeal.review")
        forms = {"password": PasswordMethodForm(account), "other": NoteForm(), "reject": RejectForm(),
                 **self.bound_forms} if can_review else {}
        rows = [("联系人", obj.employer.contact_person, obj.contact_person),
                ("手机号码", obj.employer.phone, obj.phone),
                ("电子邮箱", obj.employer.email, obj.email),
                ("账号邮箱", account.email, obj.email),
                ("账号手机", account.phone, obj.phone)]
        return {"appeal": obj, "employer": obj.employer, "account": account, "licence_kind": licence_kind(obj),
                "compare": [(label, old, new, (old or "") != (new or "")) for label, old, new in rows],
                "can_review": can_review, "forms": forms, "active_method": self.active_method,
                "reset_links": list(obj.reset_links.all()[:10]),
                "other_appeals": list(obj.employer.appeals.exclude(pk=obj.pk).order_by("-created_at")[:10])}


class AccountAppealLicenceView(generic.ModelViewMixin):
    """The licence photo/scan (private storage, 查看 permission)."""
    bench_kind = "download"  # what the list benchmark makes of it: careers/core/routes.py

    queryset = AccountAppeal.objects.all()

    def get(self, request, pk):
        appeal = generic.get_object_or_404(self.restricted("view"), pk=pk)
        kind = licence_kind(appeal)
        return private_file_response(appeal.licence, LICENCE_TYPES.get(kind, "application/octet-stream"),
                                     filename=f"{appeal.unit_name}营业执照.{kind or 'bin'}",
                                     attachment=kind not in LICENCE_TYPES)


class AccountAppealHandleView(AccountAppealView):
    """POST method=password|email|sms|other|reject (审核 permission); GET goes back to the detail page."""

    def get(self, request, pk):
        return redirect("recruitment:accountappeal_detail", pk=pk)

    def post(self, request, pk):
        appeal = self.get_object("review")
        method = request.POST.get("method", "")
        user = request.user
        try:
            if method == "password":
                form = PasswordMethodForm(appeal.employer.user, request.POST)
                if not form.is_valid():
                    return self.invalid(request, pk, method, form)
                actions.handle_with_password(appeal, password=form.cleaned_data["new_password1"], acting_user=user)
                done = "已为该单位账号设置新密码，请线下通知申诉人；申诉人首次登录时须修改密码。"
            elif method == "email":
                link = actions.handle_with_email(appeal, acting_user=user, build_url=lambda token: (
                    request.build_absolute_uri(reverse("company:reset", args=[token]))))
                done = f"重置密码链接已发送至 {link.email}，30 分钟内有效，仅能使用一次。"
            elif method == "sms":
                actions.handle_with_sms(appeal, acting_user=user)
                done = f"新密码已通过短信发送至 {actions.mask_phone(appeal.phone)}；申诉人首次登录时须修改密码。"
            elif method == "other":
                form = NoteForm(request.POST)
                if not form.is_valid():
                    return self.invalid(request, pk, method, form)
                actions.handle_other(appeal, note=form.cleaned_data["note"], acting_user=user)
                done = "已标记为其他处理方式。"
            elif method == "reject":
                form = RejectForm(request.POST)
                if not form.is_valid():
                    return self.invalid(request, pk, method, form)
                actions.reject_appeal(appeal, reason=form.cleaned_data["reason"], acting_user=user)
                done = "已标记为不予处理，账号信息未作修改。"
            else:
                messages.error(request, "请选择处理方式。")
                return redirect("recruitment:accountappeal_detail", pk=pk)
        except actions.AppealError as exc:
            messages.error(request, exc.message)
        except ValidationError as exc:  # the password policy, checked again inside the action
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, done)
        return redirect("recruitment:accountappeal_detail", pk=pk)

    def invalid(self, request, pk, method, form):
        self.bound_forms = {method: form}
        self.active_method = method
        response = AccountAppealView.get(self, request, pk)
        response.status_code = 400
        return response
