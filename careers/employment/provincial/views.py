"""/employment/provincial/: 导出与省系统不一致就业信息.

upload (check the layout) → comparison job → summary + diff table filtered by status →
导出不一致记录 in the provincial upload format with our values. Every step needs the
`employment.employmentrecord.provincial` permission; a comparison is visible only to the
account that ran it, and everything compared or exported is within that account's scope.
"""

import io
import os

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render

from careers.core.exports import write_xlsx
from careers.core.models import Job
from careers.core.views.generic import BackofficeView

from . import format as provincial_format
from . import jobs
from .compare import DIFFERENT, NOT_IN_PROVINCE, PERMISSION, SAME, STATUS_LABELS
from .forms import MismatchExportForm, ProvincialUploadForm

PER_PAGE = 50
TODO = "todo"  # every row that needs attention: all but 一致
FILTERS = {TODO: "需处理", **STATUS_LABELS, "all": "全部"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CONTENT_TYPES = {"xlsx": XLSX, "csv": "text/csv; charset=utf-8", "csv-gbk": "text/csv; charset=gb18030"}


class ProvincialView(BackofficeView):
    template_name = ""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_backoffice:
            self.require(PERMISSION)
        return super().dispatch(request, *args, **kwargs)

    def comparison(self, pk):
        job = jobs.comparison_of(pk, self.request.user)
        if job is None:
            raise Http404("比对记录不存在，请重新上传省系统文件。")
        return job


class CompareView(ProvincialView):
    """Upload the provincial system's export; a file in another layout stops here with the reason."""

    def form(self, data=None, files=None):
        return ProvincialUploadForm(data, files, operating_year=self.request.operating_year)

    def render_form(self, form):
        recent = (Job.objects.filter(kind=jobs.COMPARE_KIND, created_by=self.request.user)
                  .only("pk", "label", "status", "created_at", "result")[:5])
        return render(self.request, "employment/provincial/upload.html",
                      {"form": form, "columns": provincial_format.COLUMNS, "recent": recent})

    def get(self, request):
        return self.render_form(self.form())

    def post(self, request):
        form = self.form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form)
        job = jobs.start_compare(request.user, form.cleaned_data["file"].name, form.data_bytes, form.sheet,
                                 form.index, form.cleaned_data["graduation_year"])
        return redirect("employment:provincial_result", pk=job.pk)


class TemplateView(ProvincialView):
    """An empty sheet with the provincial header row, to show the layout."""
    bench_kind = "download"  # what the list benchmark makes of it: careers/core/routes.py

    def get(self, request):
        buffer = io.BytesIO()
        write_xlsx(buffer, provincial_format.export_fields(), [], provincial_format.SHEET_NAME)
        buffer.seek(0)
        return FileResponse(buffer, as_attachment=True, filename="省系统就业信息格式.xlsx", content_type=XLSX)


class ResultView(ProvincialView):
    @classmethod
    def bench_params(cls, user):
        """The URL the list benchmark times: the user's latest comparison (bench/bench_lists.py)."""
        job = Job.objects.filter(kind=jobs.COMPARE_KIND, created_by=user).order_by("-created_at").first()
        return [{"pk": job.pk}] if job else []

    def get(self, request, pk):
        job = self.comparison(pk)
        result = jobs.load_result(job)
        context = {"job": job, "result": result}
        if result is not None:
            status = request.GET.get("status", TODO)
            status = status if status in FILTERS else TODO
            rows = result["rows"]
            if status == TODO:
                rows = [row for row in rows if row["s"] != SAME]
            elif status != "all":
                rows = [row for row in rows if row["s"] == status]
            page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
            counts = result["counts"]
            filters = [(key, label, len(result["rows"]) - counts[SAME] if key == TODO
                        else len(result["rows"]) if key == "all" else counts[key])
                       for key, label in FILTERS.items()]
            cards = [(key, label, counts[key]) for key, label in STATUS_LABELS.items()]
            page_rows = [{**row, "label": STATUS_LABELS[row["s"]]} for row in page.object_list]
            context.update(page=page, page_rows=page_rows, status=status, filters=filters, counts=counts, cards=cards,
                           export_form=MismatchExportForm(), different=counts[DIFFERENT],
                           missing=counts[NOT_IN_PROVINCE])
        elif job.status == Job.Status.SUCCEEDED:
            messages.error(request, "比对结果文件已被清理，请重新上传省系统文件进行比对。")
            return redirect("employment:provincial_compare")
        return render(request, "employment/provincial/result.html", context)


class ExportView(ProvincialView):
    """导出不一致记录: small exports download at once, larger ones run as a background job."""

    def post(self, request, pk):
        job = self.comparison(pk)
        result = jobs.load_result(job)
        form = MismatchExportForm(request.POST)
        if result is None or not form.is_valid():
            messages.error(request, "比对尚未完成或结果已被清理，无法导出。")
            return redirect("employment:provincial_result", pk=job.pk)
        fmt, include_missing = form.cleaned_data["format"], form.cleaned_data["include_missing"]
        rows = len(jobs.mismatch_ids(result, include_missing))
        if not rows:
            messages.info(request, "没有与省系统不一致的记录，无需导出。")
            return redirect("employment:provincial_result", pk=job.pk)
        if rows > jobs.INLINE_ROWS:
            export = jobs.start_export(request.user, job, fmt, include_missing, rows)
            messages.info(request, f"共 {rows} 条，已在后台导出，完成后可在此页下载。")
            return redirect("core:job_detail", pk=export.pk)
        path, count = jobs.write_mismatches(request.user, result, include_missing, fmt)
        try:
            with open(path, "rb") as handle:
                data = handle.read()
        finally:
            os.unlink(path)
        jobs.log_mismatch_export(request.user, job, count, fmt, include_missing)
        return FileResponse(io.BytesIO(data), as_attachment=True, content_type=CONTENT_TYPES[fmt],
                            filename=provincial_format.filename(jobs.EXPORT_LABEL, fmt))
