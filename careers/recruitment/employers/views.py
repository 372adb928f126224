"""招聘服务管理 → 用人单位管理 (manual 4.1): list, detail & review (flags, pending diff, 同意 / 不同意),
批量审核, licence viewer, 工商信息比对, message history, 停用/启用, export."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careers.core.exports import ExportField
from careers.core.models import MessageDelivery
from careers.core.review import ReviewStatus, pending_diff
from careers.core.views import generic
from careers.core.views.compose import ComposeMessageView, Selection, SelectionError
from careers.core.views.generic import error_text
from careers.core.views.review import BulkReviewView, RejectForm
from careers.studentfiles.storage import private_file_response

from . import actions, hooks, registry_client
from .company import CONTENT_TYPES
from .filtersets import EmployerFilterSet
from .flags import flags_for
from .models import Employer
from .tables import EmployerTable

employers = Employer.objects.select_related("user__wechat_binding", "nature", "industry", "region")
REVIEW = "recruitment.employer.review"
CHANGE = "recruitment.employer.change"


class EmployerRejectForm(RejectForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["reason"]
        field.label = "不通过的原因（用人单位将看到）"
        field.error_messages["required"] = "请填写不通过的原因，用人单位将看到该原因。"


class EmployerListView(generic.ObjectListView):
    queryset = employers
    filterset = EmployerFilterSet
    table = EmployerTable
    template_name = "recruitment/employer_list.html"
    actions = ("export", "review", "message")  # review: the 批量审核 button; message: 发送消息


EXPORT_FIELDS = [
    ExportField("name", "单位名称"), ExportField("credit_code", "统一社会信用代码"),
    ExportField("status", "状态", lambda e: e.status.label),
    ExportField("nature", "单位性质", "nature__name"), ExportField("industry", "单位行业", "industry__name"),
    ExportField("region", "所在地区", "region__name"), ExportField("size", "单位规模"),
    ExportField("address", "通讯地址"), ExportField("website", "单位网址"),
    ExportField("contact_person", "联系人"), ExportField("phone", "联系电话"), ExportField("email", "电子邮箱"),
    ExportField("licence", "营业执照", lambda e: "已上传" if e.licence else "未上传"),
    ExportField("created_at", "注册时间"), ExportField("admitted_at", "入驻时间"),
    ExportField("review_note", "审核意见"),
    ExportField("active", "账号状态", lambda e: "启用" if e.user.is_active else "停用"),
]


class EmployerView(generic.ObjectView):
    """单位详情 & 审核: the approved profile, the pending edit old → new, trust flags, 同意 / 不同意."""

    queryset = employers.select_related("reviewed_by", "region__parent__parent")
    template_name = "recruitment/employer_detail.html"
    detail_fields = ["name", "credit_code", "nature", "industry", "region", "size", "address", "website",
                     "introduction", "contact_person", "phone", "email", "created_at", "submitted_at",
                     "admitted_at", "reviewed_at", "reviewed_by", "review_note"]

    def get_extra_context(self, obj, reject_form=None):
        user = self.request.user
        detail = reverse("recruitment:employer_detail", kwargs={"pk": 0})[:-2]
        return {
            "employer": obj, "status": obj.status, "diff": pending_diff(obj) if obj.pending_changes else [],
            "flags": flags_for(obj, registry_record=registry_client.cached_lookup(obj.credit_code),
                               detail_url=lambda pk: f"{detail}{pk}/"),
            "can_review": obj.review_status == ReviewStatus.PENDING and user.has_permission(REVIEW),
            "can_change": user.has_permission(CHANGE),
            "reject_form": reject_form or EmployerRejectForm(),
            "pending_licence": bool((obj.pending_changes or {}).get("licence")),
            "wechat": hooks.wechat_binding(obj),
            "edit_url": None, "delete_url": None,
        }


class EmployerReviewView(EmployerView):
    """POST 同意 / 不同意 for one unit (the action re-checks the permission)."""

    def post(self, request, pk):
        obj = self.get_object()
        self.require(REVIEW)
        here = reverse("recruitment:employer_detail", kwargs={"pk": obj.pk})
        action = request.POST.get("_action")
        try:
            if action == "approve":
                first = obj.admitted_at is None
                actions.approve(obj, acting_user=request.user)
                messages.success(request, f"已通过“{obj.name}”的{'入驻申请，状态为已入驻' if first else '资料修改'}。")
            elif action == "reject":
                form = EmployerRejectForm(request.POST)
                if not form.is_valid():
                    return self.render_detail(obj, form)
                actions.reject(obj, reason=form.cleaned_data["reason"], acting_user=request.user)
                messages.success(request, f"已退回“{obj.name}”，用人单位将看到原因。")
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "未能审核：" + error_text(exc))
        return redirect(here)

    def render_detail(self, obj, reject_form):
        context = {**self.base_context(), "object": obj, "fields": self.fields_of(obj), "history": None,
                   **self.get_extra_context(obj, reject_form)}
        return render(self.request, self.template_name, context)

    def get(self, request, pk):
        return redirect("recruitment:employer_detail", pk=pk)


class EmployerActiveView(generic.ModelViewMixin):
    """停用 / 启用 the unit's account."""

    queryset = Employer.objects.select_related("user")

    def post(self, request, pk):
        obj = get_object_or_404(self.restricted("change"), pk=pk)
        active = request.POST.get("active") == "1"
        if actions.set_active(obj, active, acting_user=request.user):
            messages.success(request, f"已{'启用' if active else '停用'}“{obj.name}”的账号。")
        return redirect("recruitment:employer_detail", pk=pk)


class EmployerBulkReviewView(BulkReviewView):
    """批量审核: confirm the selected units, then approve all of them or none (and notify each unit)."""

    queryset = employers
    reviews = actions.reviews
    noun, counter = "用人单位", "个"
    template_name = "recruitment/employer_bulk_review.html"

    def approve_all(self, objects, *, acting_user):
        return actions.bulk_approve(objects, acting_user=acting_user)


class EmployerLicenceView(generic.ModelViewMixin):
    """营业执照 viewer: a private file, only for accounts that may view 用人单位管理."""
    bench_kind = "download"  # what the list benchmark makes of it: careers/core/routes.py

    queryset = Employer.objects.all()

    def get(self, request, pk):
        obj = get_object_or_404(self.restricted("view"), pk=pk)
        field = obj.licence
        if request.GET.get("pending"):
            name = (obj.pending_changes or {}).get("licence")
            field = type(field)(obj, field.field, name) if name else None
        if not field:
            messages.info(request, "该单位尚未上传营业执照。")
            return redirect("recruitment:employer_detail", pk=pk)
        extension = field.name.rsplit(".", 1)[-1].lower()
        generic.log_event("other", module="recruitment", obj=obj, user=request.user, message="查看营业执照")
        return private_file_response(field, CONTENT_TYPES.get(extension, "application/octet-stream"),
                                     filename=f"{obj.name}-营业执照.{extension}")


class EmployerRegistryView(generic.ModelViewMixin):
    """工商信息比对: the registry's record beside what the unit filled in, field by field."""

    queryset = employers
    template_name = "recruitment/employer_registry.html"

    def get(self, request, pk):
        obj = get_object_or_404(self.restricted("view"), pk=pk)
        record, error = None, ""
        try:
            record = registry_client.lookup(obj.credit_code)
        except registry_client.RegistryError as exc:
            error = str(exc)
        rows = registry_client.compare(obj, record) if record else []
        return render(request, self.template_name, {
            **self.base_context(), "employer": obj, "record": record, "error": error, "rows": rows,
            "not_found": record is None and not error,
            "differences": sum(1 for r in rows if r.differs)})


class EmployerMessagesView(generic.ModelViewMixin):
    """The messages sent to the unit's account (inbox, e-mail, and WeChat once that issue lands)."""

    queryset = employers
    template_name = "recruitment/employer_messages.html"

    def get(self, request, pk):
        obj = get_object_or_404(self.restricted("view"), pk=pk)
        deliveries = (MessageDelivery.objects.filter(recipient_id=obj.user_id).select_related("message__sender")
                      .order_by("-message__created_at", "-pk"))
        page = Paginator(deliveries, 50).get_page(request.GET.get("page"))
        return render(request, self.template_name, {**self.base_context(), "employer": obj, "page": page,
                                                    "wechat": hooks.wechat_binding(obj)})


MESSAGE = "recruitment.employer.message"


class EmployerMessageView(ComposeMessageView):
    """发送消息 to the units checked on the list (manual 8.6): the shared compose page (core/views/compose.py);
    the units come through Employer.restrict(user, "view") again, so a tampered pk list sends nothing."""

    permission = MESSAGE
    noun, unit, module = "单位", "家", "recruitment"
    url_name, fallback_url_name = "recruitment:employer_message", "recruitment:employer_list"

    def select(self, pks):
        rows = list(Employer.objects.restrict(self.request.user, "view").filter(pk__in=pks)
                    .select_related("user").order_by("name"))
        if len(rows) != len(pks):
            raise SelectionError("所选单位中有您无权查看或已不存在的单位，未发送任何消息。")
        active = [e for e in rows if e.user_id and e.user.is_active]
        return Selection(rows=rows, labels=[e.name for e in rows], users=[e.user for e in active],
                         no_account=[e.name for e in rows if e not in active],
                         no_email=sum(1 for e in active if not e.user.email))

    def log_changes(self, selection):
        return {"employers": [e.credit_code for e in selection.rows]}
