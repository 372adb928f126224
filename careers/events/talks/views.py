"""招聘服务管理 → 宣讲会 (manual 4.5): list (报名人数 links to the registration list), the review page (the
application, its venue conflicts, the day's bookings; 同意 with the registration settings / 不同意 with a
reason / 取消), 学校发布 (add) and 修改 (edit), export, and the per-talk registration list (scoped by the
students' majors) with its export. Writes go through talks/actions.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from careers.core.forms import add_action_errors
from careers.core.scoping import managed_major_ids, scope_filter, sees_all_majors
from careers.core.views import generic
from careers.core.views.exports import ExportView

from ..models import Registration, Talk, TalkStatus
from ..stats.exports import TalkStatsExportView
from ..venues import calendar
from ..venues.conflicts import venue_conflicts
from . import actions
from .filtersets import TalkFilterSet, TalkRegistrationFilterSet
from .forms import ApproveForm, CancelForm, SchoolTalkForm, TalkRejectForm
from .tables import TalkRegistrationTable, TalkTable

talks = Talk.objects.select_related("employer", "venue")
REVIEW, CHANGE = "events.talk.review", "events.talk.change"


def registration_count(user):
    """报名人数 as an annotation; a college admin counts only the students of the majors they manage."""
    if sees_all_majors(user):
        return Count("registrations")
    return Count("registrations", filter=Q(registrations__student__major__in=managed_major_ids(user)))


class TalkListView(generic.ObjectListView):
    queryset = talks
    filterset = TalkFilterSet
    table = TalkTable
    template_name = "events/talks/talk_list.html"
    actions = ("add", "export")  # 报名人数 and the check-in figures: TalkStatsColumns annotates them, scoped


TalkExportView = TalkStatsExportView.of(TalkListView)


class TalkDetailView(generic.ModelViewMixin):
    """审核 / 查看: POST _action = approve | reject | cancel."""

    queryset = talks
    template_name = "events/talks/talk_detail.html"

    def get_object(self):
        return get_object_or_404(self.restricted("view").annotate(
            registration_count=registration_count(self.request.user)), pk=self.kwargs["pk"])

    def render_page(self, talk, approve_form=None, reject_form=None, cancel_form=None, status=200):
        user = self.request.user
        pending = talk.status == TalkStatus.PENDING
        conflicts = [calendar.Booking(e, e._meta.model_name, True, calendar.event_url(e))
                     for e in venue_conflicts(talk.venue, talk.starts_at, talk.ends_at, exclude=talk)]
        return render(self.request, self.template_name, {
            **self.base_context(), "object": talk, "talk": talk, "conflicts": conflicts,
            "day": calendar.day_bookings(timezone.localtime(talk.starts_at).date()),
            "jobs": list(talk.jobs.all()),
            "reviewing": pending and user.has_permission(REVIEW),
            "can_change": talk.status in (TalkStatus.PENDING, TalkStatus.APPROVED) and user.has_permission(CHANGE),
            "approve_form": approve_form or ApproveForm(talk=talk),
            "reject_form": reject_form or TalkRejectForm(),
            "cancel_form": cancel_form or CancelForm(),
            "registrations_url": reverse("events:talk_registration_list") + f"?talk={talk.pk}",
        }, status=status)

    def get(self, request, pk):
        return self.render_page(self.get_object())

    def post(self, request, pk):
        talk = self.get_object()
        action = request.POST.get("_action")
        try:
            if action == "approve":
                self.require(REVIEW)
                form = ApproveForm(request.POST, talk=talk)
                if not form.is_valid():
                    return self.render_page(talk, approve_form=form, status=400)
                try:
                    actions.approve_talk(talk, acting_user=request.user, venue=form.cleaned_data["venue"],
                                         **form.settings())
                except ValidationError as exc:
                    add_action_errors(form, exc)
                    return self.render_page(talk, approve_form=form, status=400)
                messages.success(request, f"宣讲会“{talk}”已审核同意，网站已公布，学生可按设置的时间报名。")
            elif action == "reject":
                self.require(REVIEW)
                form = TalkRejectForm(request.POST)
                if not form.is_valid():
                    return self.render_page(talk, reject_form=form, status=400)
                actions.reject_talk(talk, reason=form.cleaned_data["reason"], acting_user=request.user)
                messages.success(request, f"宣讲会“{talk}”未通过审核，用人单位将看到原因。")
            elif action == "cancel":
                self.require(CHANGE)
                form = CancelForm(request.POST)
                if not form.is_valid():
                    return self.render_page(talk, cancel_form=form, status=400)
                actions.cancel_talk(talk, reason=form.cleaned_data["reason"], acting_user=request.user)
                messages.success(request, f"宣讲会“{talk}”已取消，已通知报名的学生（{talk.registration_count} 人）和举办单位。")
            else:
                return redirect(request.path)
        except ValidationError as exc:
            messages.error(request, "操作未完成：" + generic.error_text(exc))
        return redirect(request.path)



class TalkEditView(generic.ModelViewMixin):
    """学校发布宣讲会 (no pk) / 修改宣讲会 (pk)."""

    queryset = talks
    template_name = "events/talks/talk_form.html"

    def get_object(self):
        if "pk" in self.kwargs:
            self.require(CHANGE)
            return get_object_or_404(self.restricted("view"), pk=self.kwargs["pk"])
        self.require("events.talk.add")
        return Talk()

    def render_form(self, form, talk):
        return render(self.request, self.template_name, {**self.base_context(), "form": form, "object": talk,
                                                         "is_new": talk.pk is None})

    def get(self, request, **kwargs):
        talk = self.get_object()
        if talk.pk and talk.status not in (TalkStatus.PENDING, TalkStatus.APPROVED):
            messages.error(request, f"该宣讲会{talk.get_status_display()}，不能修改。")
            return redirect("events:talk_detail", pk=talk.pk)
        return self.render_form(SchoolTalkForm(talk=talk), talk)

    def post(self, request, **kwargs):
        talk = self.get_object()
        form = SchoolTalkForm(request.POST, talk=talk)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if talk.pk:
                    talk = actions.change_talk(talk, form.values(), employer=data.get("employer"),
                                               acting_user=request.user, **form.settings())
                else:
                    talk = actions.publish_talk(form.values(), employer=data.get("employer"),
                                                acting_user=request.user, **form.settings())
            except ValidationError as exc:
                add_action_errors(form, exc)
            else:
                messages.success(request, f"宣讲会“{talk}”已保存。")
                return redirect("events:talk_detail", pk=talk.pk)
        return self.render_form(form, talk)


# -- 报名名单 ------------------------------------------------------------------------------------------

class TalkRegistrationsMixin:
    """Registrations to talks, behind the talk permissions and the managed-majors scope (?talk=<pk>)."""

    queryset = Registration.objects.filter(talk__isnull=False).select_related(
        "student__major__college", "talk")
    view_permission = "events.talk.view"

    def restricted(self, action):
        code = "events.talk.export" if action == "export" else self.view_permission
        self.require(code)
        return scope_filter(self.queryset.all(), self.request.user)

    @classmethod
    def export_permission(cls):
        return "events.talk.export"


class TalkRegistrationListView(TalkRegistrationsMixin, generic.ObjectListView):
    filterset = TalkRegistrationFilterSet
    table = TalkRegistrationTable
    template_name = "events/talks/registration_list.html"
    actions = ("export",)

    def base_context(self):
        context = super().base_context()
        talk_pk = self.request.GET.get("talk", "")
        talk = Talk.objects.select_related("venue", "employer").filter(pk=talk_pk).first() \
            if talk_pk.isdecimal() else None
        can_export = self.request.user.has_permission("events.talk.export")
        context.update({"talk": talk, "page_title": f"报名名单：{talk}" if talk else "宣讲会报名名单",
                        "list_url": reverse("events:talk_list"),
                        "registration_export_url": reverse("events:talk_registration_export") if can_export else None})
        return context


class TalkRegistrationExportView(TalkRegistrationsMixin, ExportView):
    queryset = TalkRegistrationsMixin.queryset
    filterset = TalkRegistrationFilterSet
    table = TalkRegistrationTable

    @classmethod
    def model_verbose_name(cls):
        return "宣讲会报名名单"
