"""学生服务 → 项目活动 (manual 3.3): 报名类型 (list/add/edit), 项目活动 (list/add/edit/detail, export), the
entries of a programme (scoped by the captain's major) with 同意 / 不同意（原因） one by one and in bulk, the
team members list (scoped by each member's major) and both exports. Writes go through programmes/actions.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from careers.core.scoping import managed_major_ids, sees_all_majors
from careers.core.views import generic
from careers.core.views.exports import ExportView
from careers.studentfiles.storage import private_file_response

from ..participants.files import content_type_of
from . import actions
from .filtersets import (
    ProgrammeEntryFilterSet,
    ProgrammeEntryMemberFilterSet,
    ProgrammeEntryTypeFilterSet,
    ProgrammeFilterSet,
)
from .forms import EntryRejectForm, ProgrammeEntryTypeForm, ProgrammeForm
from .models import EntryStatus, Programme, ProgrammeEntry, ProgrammeEntryMember, ProgrammeEntryType
from .tables import ProgrammeEntryMemberTable, ProgrammeEntryTable, ProgrammeEntryTypeTable, ProgrammeTable

REVIEW = "events.programmeentry.review"


# -- 报名类型 -----------------------------------------------------------------------------------------

class ProgrammeEntryTypeListView(generic.ObjectListView):
    queryset = ProgrammeEntryType.objects.all()
    filterset = ProgrammeEntryTypeFilterSet
    table = ProgrammeEntryTypeTable
    actions = ("add",)
    empty_hint = "点击“新增”添加报名类型（如：本科组、研究生组、创意组），新增项目活动时可选择供学生报名的类型。"


class ProgrammeEntryTypeEditView(generic.ObjectEditView):
    queryset = ProgrammeEntryType.objects.all()
    form = ProgrammeEntryTypeForm

    def success_url(self, obj):
        return reverse("events:programmeentrytype_list")


# -- 项目活动 -----------------------------------------------------------------------------------------

def entry_counts(user):
    """报名数 / 待审核 as annotations; a college admin counts only entries whose captain is in their majors."""
    live = ~Q(entries__status=EntryStatus.WITHDRAWN)
    pending = Q(entries__status=EntryStatus.PENDING)
    if not sees_all_majors(user):
        mine = Q(entries__captain__major__in=managed_major_ids(user))
        live, pending = live & mine, pending & mine
    return {"entry_count": Count("entries", filter=live, distinct=True),
            "pending_count": Count("entries", filter=pending, distinct=True)}


class ProgrammeListView(generic.ObjectListView):
    queryset = Programme.objects.all()
    filterset = ProgrammeFilterSet
    table = ProgrammeTable
    actions = ("add", "export")
    empty_hint = "点击“新增”创建项目活动（竞赛等）；请先在“报名类型”中添加可供学生选择的组别。"

    def restricted(self, action):
        return super().restricted(action).annotate(**entry_counts(self.request.user))


class ProgrammeExportView(ExportView):
    queryset = Programme.objects.all()
    filterset = ProgrammeFilterSet
    table = ProgrammeTable

    @classmethod
    def filtered_queryset(cls, user, query, operating_year=None):
        return super().filtered_queryset(user, query, operating_year).annotate(**entry_counts(user))


class ProgrammeEditView(generic.ObjectEditView):
    queryset = Programme.objects.all()
    form = ProgrammeForm
    template_name = "events/programmes/programme_form.html"


class ProgrammeDetailView(generic.ObjectView):
    queryset = Programme.objects.prefetch_related("entry_types")
    template_name = "events/programmes/programme_detail.html"
    detail_fields = ("title", "entry_form", "registration_opens_at", "registration_closes_at", "min_members",
                     "max_members", "member_mode", "advisor_rule", "attachment_required", "contact", "state")

    def fields_of(self, obj):
        rows = super().fields_of(obj)
        rows.insert(2, ("报名项目类型", "、".join(t.name for t in obj.entry_types.all()) or "不限"))
        return rows

    def get_extra_context(self, obj):
        user = self.request.user
        counts = {}
        if user.has_permission("events.programmeentry.view"):
            rows = ProgrammeEntry.objects.restrict(user).filter(programme=obj).values("status").annotate(n=Count("pk"))
            counts = {r["status"]: r["n"] for r in rows}
        return {
            "status_counts": [(value, label, counts.get(value, 0)) for value, label in EntryStatus.choices],
            "entries_url": reverse("events:programmeentry_list") + f"?programme={obj.pk}"
            if user.has_permission("events.programmeentry.view") else None,
            "members_url": reverse("events:programmeentrymember_list") + f"?programme={obj.pk}"
            if user.has_permission("events.programmeentrymember.view") else None,
            "attachment_url": reverse("events:programme_file", args=[obj.pk]) if obj.attachment else None,
        }


class ProgrammeFileView(generic.ModelViewMixin):
    """The programme's attachment (private storage), for accounts that may view 项目活动."""

    bench_kind = "download"
    queryset = Programme.objects.all()

    def get(self, request, pk):
        programme = get_object_or_404(self.restricted("view"), pk=pk)
        if not programme.attachment:
            raise Http404
        ext = programme.attachment.name.rsplit(".", 1)[-1]
        return private_file_response(programme.attachment, content_type_of(programme.attachment),
                                     filename=f"{programme.title}-附件.{ext}")


# -- 报名 (entries) -----------------------------------------------------------------------------------

entries = (ProgrammeEntry.objects.select_related("programme", "entry_type", "captain__major__college")
           .annotate(member_count=Count("members", filter=Q(members__active=True))))


class ProgrammeEntryListView(generic.ObjectListView):
    queryset = entries
    filterset = ProgrammeEntryFilterSet
    table = ProgrammeEntryTable
    template_name = "events/programmes/entry_list.html"
    actions = ("export",)
    empty_hint = "学生报名后在这里审核；团队报名在全部成员确认、队长提交后进入“待审核”。"

    def base_context(self):
        context = super().base_context()
        pk = self.request.GET.get("programme", "")
        programme = Programme.objects.filter(pk=pk).first() if pk.isdecimal() else None
        context.update({
            "programme": programme,
            "page_title": f"报名列表：{programme}" if programme else "项目活动报名",
            "can_review": self.request.user.has_permission(REVIEW),
            "reject_form": EntryRejectForm(),
            "members_url": reverse("events:programmeentrymember_list") + (f"?programme={pk}" if programme else "")
            if self.request.user.has_permission("events.programmeentrymember.view") else None,
        })
        return context


ProgrammeEntryExportView = ExportView.of(ProgrammeEntryListView)


class ProgrammeEntryDetailView(generic.ObjectView):
    """One entry: its details, its members (those in the viewer's majors; others only counted) and, while
    待审核, 同意 / 不同意（原因）. POST _action = approve | reject."""

    queryset = entries.select_related("reviewed_by")
    template_name = "events/programmes/entry_detail.html"
    detail_fields = ("programme", "entry_type", "team_name", "captain", "advisor_name", "advisor_contact", "note",
                     "attachment", "status", "review_note", "submitted_at", "reviewed_at", "reviewed_by")

    def get_extra_context(self, obj, reject_form=None):
        members = list(obj.members.select_related("student__major__college").order_by("-active", "-role", "pk"))
        visible = set(ProgrammeEntryMember.objects.restrict(self.request.user).filter(entry=obj)
                      .values_list("pk", flat=True)) if self.request.user.has_permission(
            "events.programmeentrymember.view") else set()
        if obj.captain.major_id is not None:  # the captain is in scope (the entry is): shown with the entry
            visible |= {m.pk for m in members if m.role == "captain"}
        return {"members": [m for m in members if m.pk in visible],
                "hidden_members": sum(1 for m in members if m.pk not in visible and m.active),
                "reviewing": obj.status == EntryStatus.PENDING and self.request.user.has_permission(REVIEW),
                "reject_form": reject_form or EntryRejectForm(),
                "attachment_url": reverse("events:programmeentry_file", args=[obj.pk]) if obj.attachment else None}

    def post(self, request, pk):
        entry = self.get_object()
        self.require(REVIEW)
        action = request.POST.get("_action")
        try:
            if action == "approve":
                actions.approve_entry(entry, acting_user=request.user)
                messages.success(request, f"报名“{entry}”已审核同意，团队成员将收到通知。")
            elif action == "reject":
                form = EntryRejectForm(request.POST)
                if not form.is_valid():
                    return self.render_page(entry, extra=self.get_extra_context(entry, reject_form=form))
                actions.reject_entry(entry, reason=form.cleaned_data["reason"], acting_user=request.user)
                messages.success(request, f"报名“{entry}”审核不同意，团队成员将看到原因。")
        except ValidationError as exc:
            messages.error(request, "操作未完成：" + generic.error_text(exc))
        return redirect(request.path)


class ProgrammeEntryFileView(generic.ModelViewMixin):
    bench_kind = "download"
    queryset = ProgrammeEntry.objects.select_related("programme", "captain")

    def get(self, request, pk):
        entry = get_object_or_404(self.restricted("view"), pk=pk)
        if not entry.attachment:
            raise Http404
        ext = entry.attachment.name.rsplit(".", 1)[-1]
        return private_file_response(entry.attachment, content_type_of(entry.attachment),
                                     filename=f"{entry}-报名附件.{ext}")


class ProgrammeEntryApproveView(generic.BulkActionView):
    """同意 for the checked rows: all of them or none."""

    queryset = ProgrammeEntry.objects.select_related("programme", "captain")
    action = "review"

    def perform(self, objects):
        count = actions.bulk_review(objects, approve=True, acting_user=self.request.user)
        return f"已审核同意 {count} 条报名。"


class ProgrammeEntryRejectView(generic.BulkActionView):
    """不同意（原因） for the checked rows: one reason for all of them, all or none."""

    queryset = ProgrammeEntry.objects.select_related("programme", "captain")
    action = "review"

    def perform(self, objects):
        form = EntryRejectForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(generic.error_text(ValidationError(
                [e for errors in form.errors.values() for e in errors])))
        count = actions.bulk_review(objects, approve=False, reason=form.cleaned_data["reason"],
                                    acting_user=self.request.user)
        return f"已审核不同意 {count} 条报名，团队成员将看到原因。"


# -- 团队成员 -----------------------------------------------------------------------------------------

members = ProgrammeEntryMember.objects.filter(active=True).select_related(
    "programme", "entry", "student__major__college")


class ProgrammeEntryMemberListView(generic.ObjectListView):
    queryset = members
    filterset = ProgrammeEntryMemberFilterSet
    table = ProgrammeEntryMemberTable
    actions = ("export",)
    empty_hint = "学生报名项目活动后，团队成员（含队长）显示在这里。"


ProgrammeEntryMemberExportView = ExportView.of(ProgrammeEntryMemberListView)

