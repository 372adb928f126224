"""招聘服务管理 → 招聘会 (manual 4.6.1): list, 增加/修改 (three sections), the fair's hub page,
发布 / 撤回发布 / 取消, and the fair's 报名名单 (scoped by the students' majors) with its export.
State changes go through fairs/actions.py."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careers.core.scoping import scope_filter, sees_all_majors
from careers.core.views import generic
from careers.core.views.exports import ExportView
from careers.core.views.generic import error_text

from ..checkin.registration import closed_reason
from ..models import (
    EmployerOperation,
    Fair,
    ParticipationStatus,
    PaymentMethod,
    Registration,
)
from . import actions
from .fees import basis_label
from .filtersets import FairFilterSet, FairRegistrationFilterSet, with_checked_in
from .forms import FairCancelForm, FairForm
from .tables import FairRegistrationTable, FairTable

fairs = Fair.objects.select_related("venue")
CHANGE = "events.fair.change"


class FairListView(generic.ObjectListView):
    queryset = fairs
    filterset = FairFilterSet
    table = FairTable
    actions = ("add", "export")


class FairEditView(generic.ObjectEditView):
    queryset = fairs
    form = FairForm
    template_name = "events/fairs/fair_form.html"

    def save(self, form):
        fair = form.save(commit=False)
        if fair.pk is None:
            fair.created_by = self.request.user
        elif "fee_items" in form.changed_fee_fields():
            applied = fair.participations.active().count()
            if applied:
                messages.warning(self.request, f"参会费用已修改：已申请的 {applied} 家单位的应缴费用不会自动改变，"
                                               "如需调整请在参会单位列表中处理。")
        fair._history_user = self.request.user
        fair.save()
        return fair

    def render_form(self, form, obj):
        return render(self.request, self.template_name, {**self.base_context(), "form": form, "object": obj,
                                                         "is_new": obj.pk is None})


class FairView(generic.ObjectView):
    """The fair's hub: its settings and links to 参会单位, 职位, 报名名单, 签到, 统计 (each area's page)."""

    queryset = fairs.select_related("created_by")
    template_name = "events/fairs/fair_detail.html"

    def get_extra_context(self, obj):
        user = self.request.user
        units = obj.participations.aggregate(
            applied=Count("pk", filter=Q(status__in=(ParticipationStatus.PENDING, ParticipationStatus.CONFIRMED))),
            confirmed=Count("pk", filter=Q(status=ParticipationStatus.CONFIRMED)))
        registrations = scope_filter(Registration.objects.filter(fair=obj), user).count()
        operations = dict(EmployerOperation.choices)
        methods = dict(PaymentMethod.choices)
        return {
            "fair": obj, "units": units, "registrations": registrations,
            "operations": [operations.get(v, v) for v in obj.employer_operations or ()],
            "payment_methods": [methods.get(v, v) for v in obj.payment_methods or ()],
            "fee_rows": [(item.get("name"), item.get("amount"), basis_label(item.get("per")))
                         for item in obj.fee_items or ()],
            "can_change": user.has_permission(CHANGE),
            "cancel_form": FairCancelForm(),
            "registration_note": closed_reason(obj) if obj.registration_required else "",
            "is_public": Fair.objects.public().filter(pk=obj.pk).exists(),
            "edit_url": reverse("events:fair_edit", args=[obj.pk]) if user.has_permission(CHANGE) else None,
            "delete_url": None,
        }


class FairStatusView(generic.ModelViewMixin):
    """POST 发布 / 撤回发布 / 取消 (with a reason) for one fair."""

    queryset = Fair.objects.all()

    def post(self, request, pk):
        fair = get_object_or_404(self.restricted("change"), pk=pk)
        action = request.POST.get("_action")
        try:
            if action == "publish":
                if actions.publish(fair, acting_user=request.user):
                    messages.success(request, f"招聘会“{fair}”已发布，网站将于对外发布时间起显示。")
                else:
                    messages.info(request, f"招聘会“{fair}”已是发布状态。")
            elif action == "unpublish":
                if actions.unpublish(fair, acting_user=request.user):
                    messages.success(request, f"已撤回招聘会“{fair}”的发布，网站不再显示。")
                else:
                    messages.info(request, f"招聘会“{fair}”尚未发布。")
            elif action == "cancel":
                form = FairCancelForm(request.POST)
                if not form.is_valid():
                    messages.error(request, "未取消：" + "；".join(form.errors["reason"]))
                    return redirect("events:fair_detail", pk=pk)
                told = actions.cancel(fair, reason=form.cleaned_data["reason"], acting_user=request.user)
                if told is None:
                    messages.info(request, f"招聘会“{fair}”已是取消状态。")
                else:
                    messages.success(request, f"招聘会“{fair}”已取消，已通知 {told} 个已报名学生和参会单位账号。")
        except (ValidationError, PermissionDenied) as exc:
            messages.error(request, "操作未完成：" + error_text(exc))
        return redirect("events:fair_detail", pk=pk)

    def get(self, request, pk):
        return redirect("events:fair_detail", pk=pk)


class FairPermissionMixin:
    """报名名单 pages are read with the fair's permissions (招聘会 menu) and limited to the user's
    managed majors, so a college admin only sees their own students."""

    def restricted(self, action):
        self.require(f"events.fair.{action}")
        return scope_filter(self.queryset.all(), self.request.user)


fair_registrations = with_checked_in(Registration.objects.filter(fair__isnull=False).select_related(
    "student__major__college", "fair"))


class FairRegistrationListView(FairPermissionMixin, generic.ObjectListView):
    queryset = fair_registrations
    filterset = FairRegistrationFilterSet
    table = FairRegistrationTable
    template_name = "events/fairs/registration_list.html"
    actions = ()

    def base_context(self):
        fair_pk = self.request.GET.get("fair") or ""
        return {**super().base_context(), "page_title": "招聘会报名名单",
                "fair": Fair.objects.filter(pk=fair_pk).first() if fair_pk.isdecimal() else None,
                "sees_all": sees_all_majors(self.request.user)}


class FairRegistrationExportView(ExportView.of(FairRegistrationListView)):
    @classmethod
    def export_permission(cls):
        return "events.fair.export"
