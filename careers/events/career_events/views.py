"""学生服务 → 就业活动 (manual 3.2): list (微信链接, 报名人数 → 报名名单, 签到二维码, 签到数据), 新增/修改, the
event's page with 发布 / 取消, the promotion page (link + QR), 活动分类管理, and the registration list
(scoped by the students' majors, exportable, 发送消息 to the checked students). Writes go through actions.py;
check-in pages are the check-in area's (events:checkin_qr / checkin_list with kind career_event)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careers.core.scoping import scope_filter
from careers.core.views import generic
from careers.core.views.exports import ExportView

from ..checkin import registration
from ..checkin.qr import qr_svg
from ..models import CheckIn, Registration
from . import actions
from .filtersets import CareerEventCategoryFilterSet, CareerEventFilterSet, CareerEventRegistrationFilterSet
from .forms import CancelForm, CareerEventCategoryForm, CareerEventForm
from .models import CareerEvent, CareerEventCategory, CareerEventState
from .tables import CareerEventCategoryTable, CareerEventRegistrationTable, CareerEventTable

career_events = CareerEvent.objects.select_related("category", "venue")
CHANGE = "events.careerevent.change"


def scoped_count(model, user):
    """报名人数 / 签到人数 as a correlated subquery (one query for the page, no GROUP BY over the list);
    a college admin counts only the students of the majors they manage."""
    rows = scope_filter(model.objects.filter(career_event=OuterRef("pk")), user)
    counted = rows.order_by().values("career_event").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def annotate_counts(queryset, user):
    return queryset.annotate(registration_count=scoped_count(Registration, user),
                             checkin_count=scoped_count(CheckIn, user))


# -- 活动分类管理 --------------------------------------------------------------------------------------
category_views = {action: view for action, view in generic.crud_views(
    CareerEventCategory.objects.annotate(event_count=Count("events")), filterset=CareerEventCategoryFilterSet,
    table=CareerEventCategoryTable, form=CareerEventCategoryForm, list_actions=("add",)).items()
    if action in ("list", "add", "detail", "edit")}  # no delete: a category in use is PROTECTed; 停用 it instead


# -- 就业活动 ------------------------------------------------------------------------------------------
class CareerEventListView(generic.ObjectListView):
    queryset = career_events.defer("description")
    filterset = CareerEventFilterSet
    table = CareerEventTable
    template_name = "events/career_events/careerevent_list.html"
    actions = ("add", "export")

    def restricted(self, action):
        return annotate_counts(super().restricted(action), self.request.user)


class CareerEventExportView(ExportView.of(CareerEventListView)):
    """The list's export with the same scoped 报名人数 / 签到人数 (annotated after the filters; not sortable)."""

    @classmethod
    def filtered_queryset(cls, user, query, operating_year=None):
        return annotate_counts(super().filtered_queryset(user, query, operating_year), user)


class CareerEventEditView(generic.ObjectEditView):
    queryset = career_events
    form = CareerEventForm

    def get_object(self):
        obj = super().get_object()
        if obj.pk and obj.state == CareerEventState.CANCELLED:
            raise PermissionDenied("该就业活动已取消，不能修改。")
        return obj

    def save(self, form):
        event = actions.save_event(form.save(commit=False), acting_user=self.request.user)
        if form.conflicts:
            messages.warning(self.request, f"注意：场地“{event.venue}”在该时间还有其他安排：{form.conflict_text()}。")
        return event


class CareerEventView(generic.ObjectView):
    """The event's page: its settings, figures and links; POST 发布 / 取消 go to CareerEventStatusView."""

    queryset = career_events
    template_name = "events/career_events/careerevent_detail.html"

    def get_extra_context(self, obj, cancel_form=None):
        user = self.request.user
        return {
            "event": obj, "cancel_form": cancel_form or CancelForm(),
            "can_change": user.has_permission(CHANGE) and obj.state != CareerEventState.CANCELLED,
            "edit_url": reverse("events:careerevent_edit", args=[obj.pk])
            if user.has_permission(CHANGE) and obj.state != CareerEventState.CANCELLED else None,
            "registered": scope_filter(Registration.objects.filter(career_event=obj), user).count(),
            "checked_in": scope_filter(CheckIn.objects.filter(career_event=obj), user).count(),
            "limit": registration.capacity_of(obj),
            "closed": registration.closed_reason(obj),
            "conflicts": actions.conflicts_of(obj) if obj.venue_id else [],
            "registrations_url": reverse("events:careerevent_registration_list") + f"?career_event={obj.pk}",
            "checkins_url": reverse("events:checkin_list") + f"?career_event={obj.pk}",
            "qr_url": reverse("events:checkin_qr", args=["career_event", obj.pk]),
            "promo_url": reverse("events:careerevent_promo", args=[obj.pk]),
            "public_url": reverse("site_events:career_event_detail", args=[obj.pk]),
        }


class CareerEventStatusView(generic.ModelViewMixin):
    """POST _action = publish | cancel (with a reason)."""

    bench_kind = "action"  # a GET only goes back to the event page (careers/core/routes.py)
    queryset = CareerEvent.objects.all()

    def get(self, request, pk):
        return redirect("events:careerevent_detail", pk=pk)

    def post(self, request, pk):
        event = get_object_or_404(self.restricted("change"), pk=pk)
        action = request.POST.get("_action")
        try:
            if action == "publish":
                if actions.publish(event, acting_user=request.user):
                    messages.success(request, f"就业活动“{event}”已发布，已在就业日历中显示，学生可按设置的时间报名。")
                else:
                    messages.info(request, f"就业活动“{event}”已是发布状态。")
            elif action == "cancel":
                form = CancelForm(request.POST)
                if not form.is_valid():
                    messages.error(request, "未取消：" + "；".join(form.errors["reason"]))
                    return redirect("events:careerevent_detail", pk=pk)
                told = actions.cancel(event, reason=form.cleaned_data["reason"], acting_user=request.user)
                if told is None:
                    messages.info(request, f"就业活动“{event}”已是取消状态。")
                else:
                    messages.success(request, f"就业活动“{event}”已取消，已通知 {told} 名报名学生。")
        except ValidationError as exc:
            messages.error(request, "操作未完成：" + generic.error_text(exc))
        return redirect("events:careerevent_detail", pk=pk)


class CareerEventPromoView(generic.ModelViewMixin):
    """微信链接: the public (phone) page of the event as a link and a QR code to post or print."""

    queryset = career_events
    template_name = "events/career_events/promo.html"

    def get(self, request, pk):
        event = get_object_or_404(self.restricted("view"), pk=pk)
        url = request.build_absolute_uri(reverse("site_events:career_event_detail", args=[pk]))
        return render(request, self.template_name, {
            **self.base_context(), "event": event, "url": url, "qr": qr_svg(url, title="活动推广二维码"),
            "screen_url": request.build_absolute_uri(reverse("site_events:career_event_checkin_screen", args=[pk])),
            "page_title": "微信链接"})


# -- 报名名单 ------------------------------------------------------------------------------------------
class CareerEventRegistrationsMixin:
    """Registrations to 就业活动, behind the 就业活动 permissions and the managed-majors scope."""

    queryset = Registration.objects.filter(career_event__isnull=False).select_related(
        "student__major__college", "career_event")

    def restricted(self, action):
        self.require("events.careerevent.export" if action == "export" else "events.careerevent.view")
        return scope_filter(self.queryset.all(), self.request.user)

    @classmethod
    def export_permission(cls):
        return "events.careerevent.export"


class CareerEventRegistrationListView(CareerEventRegistrationsMixin, generic.ObjectListView):
    filterset = CareerEventRegistrationFilterSet
    table = CareerEventRegistrationTable
    template_name = "events/career_events/registration_list.html"
    actions = ("export",)

    def base_context(self):
        context = super().base_context()
        value = self.request.GET.get("career_event", "")
        event = CareerEvent.objects.filter(pk=value).first() if value.isdecimal() else None
        can_export = self.request.user.has_permission("events.careerevent.export")
        context.update({"event": event, "page_title": f"报名名单：{event}" if event else "就业活动报名名单",
                        "list_url": reverse("events:careerevent_list"),
                        "registration_export_url": reverse("events:careerevent_registration_export")
                        if can_export else None})
        return context


class CareerEventRegistrationExportView(CareerEventRegistrationsMixin, ExportView):
    queryset = CareerEventRegistrationsMixin.queryset
    filterset = CareerEventRegistrationFilterSet
    table = CareerEventRegistrationTable

    @classmethod
    def model_verbose_name(cls):
        return "就业活动报名名单"
