import os
import tempfile

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from careers.codes.models import Code
from careers.core.exports import ExportField, export_filename, log_export, write_xlsx
from careers.core.scoping import scope_filter
from careers.core.views import generic
from careers.core.views.batch import BatchQueryView
from careers.org.models import College, Major

from . import actions
from .filtersets import LedgerFilterSet, StatisticsConditionsFilterSet
from .forms import FollowUpEntryForm
from .models import FollowUpEntry, LedgerStudent
from .queries import employment_label, ledger_queryset
from .snapshots import current_snapshot
from .statistics import export_labels, export_rows, ledger_statistics
from .tables import LedgerTable

VIEW = "followup.ledgerstudent.view"
EXPORT = "followup.ledgerstudent.export"


class LedgerListView(generic.ObjectListView):
    """就业跟踪台账: the operating year's 在读 students in scope, with their latest follow-up state."""

    queryset = ledger_queryset()
    filterset = LedgerFilterSet
    table = LedgerTable
    template_name = "followup/ledger_list.html"
    actions = ("export",)


class LedgerBatchView(BatchQueryView):
    """批量查询列表 for the ledger (see students)."""

    list_url_name = "followup:ledgerstudent_list"
    permission = VIEW


class StudentLedgerView(generic.ModelViewMixin):
    """One student's 跟踪记录 (newest first) and the form to add one."""

    queryset = ledger_queryset().select_related("major__campus")
    template_name = "followup/student_ledger.html"

    def get_student(self):
        return get_object_or_404(self.restricted("view"), pk=self.kwargs["pk"])

    def initial(self, entries):
        """A new entry starts from the latest one's situation and difficulties (they usually carry over)."""
        latest = entries[0] if entries else None
        initial = {"method": FollowUpEntry.Method.PHONE}
        if latest is not None:
            initial.update(situation=latest.situation, difficulties=latest.difficulties)
        return initial

    def render_page(self, student, form, status=200):
        user = self.request.user
        entries = list(student.followups.select_related("recorded_by"))
        if form is None and user.has_permission("followup.followupentry.add"):
            form = FollowUpEntryForm(initial=self.initial(entries), user=user, student=student)
        return render(self.request, self.template_name, {
            **self.base_context(), "student": student, "entries": entries, "form": form,
            "employment": employment_label(student.employment_status, student.destination_name, student.placed),
            "can_change": user.has_permission("followup.followupentry.change"),
            "can_delete": user.has_permission("followup.followupentry.delete"),
        }, status=status)

    def get(self, request, pk):
        return self.render_page(self.get_student(), None)

    def post(self, request, pk):
        student = self.get_student()
        self.require("followup.followupentry.add")
        form = FollowUpEntryForm(request.POST, user=request.user, student=student)
        if form.is_valid():
            try:
                actions.add_entry(student, {name: form.cleaned_data[name] for name in form.Meta.fields},
                                  user=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"已为 {student} 新增跟踪记录。")
                return redirect("followup:ledgerstudent_detail", pk=student.pk)
        return self.render_page(student, form)


class EntryEditView(generic.ObjectEditView):
    queryset = FollowUpEntry.objects.select_related("student")
    form = FollowUpEntryForm
    template_name = "followup/entry_edit.html"

    def get_object(self):
        if "pk" not in self.kwargs:
            raise Http404  # entries are added on the student's page
        return super().get_object()

    def save(self, form):
        return actions.update_entry(form.instance, {name: form.cleaned_data[name] for name in form.Meta.fields},
                                    user=self.request.user)

    def success_url(self, obj):
        return reverse("followup:ledgerstudent_detail", kwargs={"pk": obj.student_id})


class EntryDeleteView(generic.ObjectDeleteView):
    queryset = FollowUpEntry.objects.select_related("student")

    def get(self, request, pk):
        entry = self.get_object()
        return render(request, self.template_name, {
            **self.base_context(), "object": entry,
            "list_url": reverse("followup:ledgerstudent_detail", kwargs={"pk": entry.student_id})})

    def post(self, request, pk):
        entry = self.get_object()
        student_id = entry.student_id
        actions.delete_entry(entry, user=request.user)
        messages.success(request, "已删除该跟踪记录。")
        return redirect("followup:ledgerstudent_detail", pk=student_id)


# -- 生成统计表 ---------------------------------------------------------------------------------------
class StatisticsMixin(generic.BackofficeView):
    def options(self):
        """The table's conditions from the query string, each checked against the user's scope (the page's
        dropdowns are StatisticsConditionsFilterSet's: the same scoped lists, the 专业 one a type-ahead)."""
        user, data = self.request.user, self.request.GET
        year = data.get("graduation_year", "")
        year = int(year) if year.isdecimal() and 2000 <= int(year) <= 2100 else self.request.operating_year
        colleges = scope_filter(College.objects.all(), user)
        majors = scope_filter(Major.objects.select_related("education_level"), user)
        levels = Code.objects.of("education_level").order_by("sort", "code")

        def pick(queryset, key):
            value = data.get(key, "")
            return queryset.filter(pk=value).first() if value.isdecimal() else None

        return {"year": year, "college": pick(colleges, "major__college"), "major": pick(majors, "major"),
                "education_level": pick(levels, "major__education_level")}

    def snapshot(self, options):
        """Today's counts from the nightly snapshot while it is current, unless 实时重算 (?live=1) was asked for."""
        return None if self.request.GET.get("live") == "1" else current_snapshot(options["year"])

    def statistics(self, options, snapshot=None):
        return ledger_statistics(self.request.user, options["year"], college=options["college"],
                                 education_level=options["education_level"], major=options["major"],
                                 snapshot=snapshot)


class StatisticsView(StatisticsMixin):
    bench_kind = "statistics"  # what the list benchmark makes of it: careers/core/routes.py
    template_name = "followup/statistics.html"

    def get(self, request):
        self.require(VIEW)
        options = self.options()
        snapshot = self.snapshot(options)
        query = request.GET.copy()
        query.pop("live", None)
        query["live"] = "1"
        live_query = query.urlencode()
        query.pop("live")
        return render(request, self.template_name, {
            "page_title": "就业动态统计表", "options": options, "stats": self.statistics(options, snapshot),
            "snapshot": snapshot, "live_query": live_query, "snapshot_query": query.urlencode(),
            "live": request.GET.get("live") == "1", "now": timezone.localtime(),
            "conditions": StatisticsConditionsFilterSet(request.GET, request=request).form,
            "list_url": reverse("followup:ledgerstudent_list"), "can_export": request.user.has_permission(EXPORT),
        })


class StatisticsExportView(StatisticsMixin):
    """The statistics table as .xlsx (the same figures as the page). POST: a download is logged."""

    def post(self, request):
        self.require(EXPORT)
        options = self.options()
        stats = self.statistics(options, self.snapshot(options))
        fields = [ExportField(f"c{i}", label, (lambda row, i=i: row[i])) for i, label in enumerate(export_labels())]
        rows = list(export_rows(stats))
        handle, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        title = f"{options['year']}届就业动态统计表"
        write_xlsx(path, fields, rows, title)
        log_export(request.user, LedgerStudent, len(rows), "xlsx", fields, request.GET.urlencode())
        stream = open(path, "rb")
        os.unlink(path)  # the open handle keeps the data until the response is closed
        return FileResponse(stream, as_attachment=True, filename=export_filename(title, "xlsx"),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
