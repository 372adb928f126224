import os
import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from careers.core.exports import ExportField, export_filename, log_export, write_xlsx
from careers.core.scoping import scope_filter
from careers.core.views import generic
from careers.org.models import Major

from . import actions
from .figures import KINDS, KNOWN_KEYS, display
from .filtersets import ProjectFilterSet
from .forms import KNOWN_HELP, ProjectForm, ReportForm, figure_formset, figures_from
from .models import ProgressProject, ProgressReport
from .suggestions import suggestions
from .summary import export_labels, export_rows, project_summary
from .tables import ProjectTable

projects = ProgressProject.objects.select_related("created_by")


class ProjectListView(generic.ObjectListView):
    queryset = projects
    filterset = ProjectFilterSet
    table = ProjectTable
    actions = ("add",)


class ProjectView(generic.ObjectView):
    """A project: its window, figures, completion by college, the combined table and (for colleges) 报送."""

    queryset = projects
    template_name = "progress/project_detail.html"

    def get_extra_context(self, project):
        user = self.request.user
        summary = project_summary(project, user)
        can_report = user.has_permission("progress.progressreport.add") or user.has_permission(
            "progress.progressreport.change")
        return {
            "summary": summary, "state": project.window_state(), "kinds": KINDS,
            "can_report": can_report,
            "export_url": reverse("progress:project_export", kwargs={"pk": project.pk})
            if user.has_permission("progress.progressproject.export") else None,
        }


class ProjectEditView(generic.ObjectEditView):
    """新增/修改项目 (school admins): the project's fields plus a table of figures (a formset)."""

    queryset = ProgressProject.objects.all()
    form = ProjectForm
    template_name = "progress/project_edit.html"

    def get_form(self, obj, data=None, files=None):
        return self.form(data, files, instance=obj, user=self.request.user,
                         operating_year=getattr(self.request, "operating_year", None))

    def render_form(self, form, obj, formset=None):
        return render(self.request, self.template_name, {
            **self.base_context(), "form": form, "object": obj, "is_new": obj.pk is None,
            "formset": formset or figure_formset(obj), "known_help": KNOWN_HELP, "known_keys": KNOWN_KEYS,
        })

    def get(self, request, **kwargs):
        obj = self.get_object()
        return self.render_form(self.get_form(obj), obj)

    def post(self, request, **kwargs):
        obj = self.get_object()
        formset = figure_formset(obj, request.POST)
        formset.is_valid()
        obj.figures = figures_from(formset)  # checked by the model's clean (form) and by save_project
        form = self.get_form(obj, request.POST)
        if form.is_valid():
            try:
                obj = actions.save_project(form.instance, user=request.user)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"就业进展报送项目“{obj}”已保存。")
                return redirect("progress:progressproject_detail", pk=obj.pk)
        return self.render_form(form, obj, formset)


class ProjectDeleteView(generic.ObjectDeleteView):
    queryset = ProgressProject.objects.all()


class ProjectExportView(generic.ModelViewMixin):
    """汇总表 as .xlsx: the same rows as the page, within the user's scope. POST: a download is logged."""

    queryset = projects

    def post(self, request, pk):
        project = get_object_or_404(self.restricted("view"), pk=pk)
        self.require("progress.progressproject.export")
        summary = project_summary(project, request.user)
        labels = export_labels(project)
        fields = [ExportField(f"c{i}", label, (lambda row, i=i: row[i])) for i, label in enumerate(labels)]
        rows = list(export_rows(summary))
        handle, path = tempfile.mkstemp(suffix=".xlsx")
        os.close(handle)
        write_xlsx(path, fields, rows, "就业进展汇总")
        log_export(request.user, ProgressProject, len(rows), "xlsx", fields, f"project={project.pk}")
        stream = open(path, "rb")
        os.unlink(path)  # the open handle keeps the data until the response is closed
        return FileResponse(stream, as_attachment=True, filename=export_filename(project.title, "xlsx"),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


class ReportView(generic.ModelViewMixin):
    """报送 one major's figures (college admins), inside the project's window only."""

    queryset = projects
    template_name = "progress/report_form.html"

    def setup_objects(self, pk, major_pk):
        user = self.request.user
        project = get_object_or_404(self.restricted("view"), pk=pk)
        if not (user.has_permission("progress.progressreport.add") or
                user.has_permission("progress.progressreport.change")):
            raise PermissionDenied("您没有报送就业进展的权限，请联系学校管理员分配。")
        major = get_object_or_404(scope_filter(Major.objects.select_related("college", "education_level"), user),
                                  pk=major_pk)
        report = ProgressReport.objects.filter(project=project, major=major).select_related("reported_by").first()
        return project, major, report

    def render_page(self, project, major, report, form, status=200):
        suggested = suggestions(project.graduation_year, [major.pk]).get(major.pk, {})
        suggested = {k: v for k, v in suggested.items() if project.figure(k) and project.figure(k)["kind"] == "integer"}
        if form is None:
            initial = dict(suggested)
            if report is not None:  # numbers as typed: 56 rather than 56.0
                initial = {k: f"{v:g}" if isinstance(v, float) else v for k, v in report.values.items()}
            form = ReportForm(initial=initial, figures=project.figures, suggested=suggested)
        state = project.window_state()
        return render(self.request, self.template_name, {
            "page_title": "就业进展报送", "project": project, "major": major, "report": report, "form": form,
            "state": state, "suggested": suggested, "known_keys": KNOWN_KEYS,
            "list_url": reverse("progress:progressproject_detail", kwargs={"pk": project.pk}),
        }, status=status)

    def get(self, request, pk, major_pk):
        return self.render_page(*self.setup_objects(pk, major_pk), None)

    def post(self, request, pk, major_pk):
        project, major, report = self.setup_objects(pk, major_pk)
        form = ReportForm(request.POST, figures=project.figures)
        form.is_valid()
        try:
            report = actions.submit_report(project, major, request.POST, user=request.user)
        except actions.ReportRefused as exc:
            messages.error(request, str(exc))
            project.refresh_from_db()
        except ValidationError as exc:
            for key, problems in exc.message_dict.items():
                form.add_error(None if key == "__all__" or key not in form.fields else key, problems)
        else:
            messages.success(request, f"{major} 的就业进展已报送。")
            return redirect("progress:progressproject_detail", pk=project.pk)
        return self.render_page(project, major, report, form)


class ReportDetailView(generic.ModelViewMixin):
    """One report (read-only): its values with labels and its change history."""

    queryset = ProgressReport.objects.select_related("project", "major__college", "reported_by")
    template_name = "progress/report_detail.html"

    def get(self, request, pk):
        self.require("progress.progressproject.view")
        report = get_object_or_404(scope_filter(self.queryset.all(), request.user), pk=pk)
        project = report.project
        rows = [(f["label"], display(f, report.values.get(f["key"]))) for f in project.figures]
        history = report.history.select_related("history_user").order_by("-history_date")[:20]
        return render(request, self.template_name, {
            "page_title": "就业进展报送", "report": report, "project": project, "rows": rows, "history": history,
            "state": project.window_state(),
            "edit_url": reverse("progress:report", kwargs={"pk": project.pk, "major_pk": report.major_id}),
            "list_url": reverse("progress:progressproject_detail", kwargs={"pk": project.pk}),
        })

