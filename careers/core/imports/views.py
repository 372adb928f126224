"""The import steps: template → upload → field matching → check (dry run) → commit.

Every step checks the spec's permission and that the upload belongs to the user; an
upload of someone else is a 404.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse

from ..downloads import attachment
from ..forms import BaseForm
from ..jobs import live_progress
from ..models import Job
from ..views.generic import BackofficeView
from . import mapping as mapping_step
from . import runner
from .readers import ALLOWED_EXTENSIONS, ImportFileError, read_table
from .report import issue_rows, message_lines
from .session import ImportSession
from .spec import ACTION_LABELS, KIND_HELP, KIND_LABELS, get_spec, registry
from .template import build_template, template_filename

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ISSUES_PER_PAGE = 200
# The steps shown on every page, lit one at a time; a page's heading names the lit step.
STEPS = [(1, "① 上传文件"), (2, "② 字段匹配"), (3, "③ 检查数据"), (4, "④ 确认导入")]
STEP_TITLES = {number: label[2:] for number, label in STEPS}


def megabytes(size):
    return f"{size / 1024 / 1024:g} MB"


class UploadForm(BaseForm):
    file = forms.FileField(label="导入文件")

    def __init__(self, *args, spec, user, **kwargs):
        self.spec = spec
        self.sheet = None
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = (f"支持 Excel（.xlsx、.xls）或 CSV（UTF-8 或 GBK 编码）文件，"
                                         f"大小不超过 {megabytes(settings.IMPORT_MAX_UPLOAD_BYTES)}，"
                                         f"最多 {spec.max_rows} 行数据。")
        self.fields["file"].widget.attrs["accept"] = ",".join(ALLOWED_EXTENSIONS)
        self.fields.update(spec.upload_fields(user))
        self._style()

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"文件大小为 {megabytes(upload.size)}，超过了 "
                                        f"{megabytes(settings.IMPORT_MAX_UPLOAD_BYTES)} 的上限，请拆分后分批导入。")
        data = upload.read()
        try:
            self.sheet = read_table(data, upload.name, max_rows=self.spec.max_rows)
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc))
        self.data_bytes = data
        return upload

    def extra(self):
        names = [name for name in self.fields if name != "file"]
        return self.spec.clean_extra({name: self.cleaned_data.get(name) for name in names})


class SpecView(BackofficeView):
    """Resolves the spec from the URL and checks its permission (and the upload's owner)."""

    def dispatch(self, request, *args, **kwargs):
        self.spec = get_spec(kwargs.get("slug", ""))
        if self.spec is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def require_spec(self):
        if not self.spec.has_permission(self.request.user):
            raise PermissionDenied("您没有此导入的权限，请联系学校管理员分配。")

    def get_session(self):
        session = ImportSession.load(self.kwargs["token"], user=self.request.user, slug=self.spec.slug)
        if session is None:
            raise Http404("导入记录不存在或已过期，请重新上传。")
        return session

    def context(self, **extra):
        list_url = None
        if self.spec.list_url_name:
            try:
                list_url = reverse(self.spec.list_url_name)
            except NoReverseMatch:
                pass
        return {"spec": self.spec, "list_url": list_url, "kind_labels": KIND_LABELS, "kind_help": KIND_HELP,
                "steps": STEPS, **extra}


def job_of(job_id, user):
    if not job_id:
        return None
    return live_progress(Job.objects.filter(pk=job_id, created_by=user).first())


class ImportIndexView(BackofficeView):
    """数据管理 — 导入数据: every import the user may run."""

    def get(self, request):
        specs = [s for s in registry.specs.values() if s.has_permission(request.user)]
        if not specs:
            raise PermissionDenied("您没有任何导入权限，请联系学校管理员分配。")
        return render(request, "core/imports/index.html", {"specs": specs})


class ImportStartView(SpecView):
    def get(self, request, slug):
        self.require_spec()
        form = UploadForm(spec=self.spec, user=request.user)
        return render(request, "core/imports/start.html", self.context(form=form))

    def post(self, request, slug):
        self.require_spec()
        form = UploadForm(request.POST, request.FILES, spec=self.spec, user=request.user)
        if not form.is_valid():
            return render(request, "core/imports/start.html", self.context(form=form))
        session = ImportSession.create(self.spec, request.user, form.cleaned_data["file"].name, form.data_bytes,
                                       form.sheet, form.extra())
        return redirect("core:import_mapping", slug=self.spec.slug, token=session.token)


class ImportTemplateView(SpecView):
    bench_kind = "download"  # what the list benchmark makes of it: careers/core/routes.py
    def get(self, request, slug):
        self.require_spec()
        return attachment(build_template(self.spec), template_filename(self.spec), XLSX)


class ImportMappingView(SpecView):
    def form(self, session, data=None):
        headers = session.meta["headers"]
        initial = session.meta.get("mapping") or mapping_step.auto_mapping(
            self.spec, headers, mapping_step.remembered_mapping(self.request.user, self.spec))
        return mapping_step.MappingForm(data, initial=initial, spec=self.spec, headers=headers)

    def render(self, session, form):
        return render(self.request, "core/imports/mapping.html",
                      self.context(form=form, session=session, preview=session.meta.get("preview") or [],
                                   extra_label=self.spec.describe_extra(session.meta.get("extra", {}))))

    def get(self, request, slug, token):
        self.require_spec()
        session = self.get_session()
        return self.render(session, self.form(session))

    def post(self, request, slug, token):
        self.require_spec()
        session = self.get_session()
        form = self.form(session, request.POST)
        if not form.is_valid():
            return self.render(session, form)
        if session.meta.get("commit_job") and self._commit_succeeded(session):
            messages.info(request, "该文件已经导入完成；如需再次导入，请重新上传。")
            return redirect("core:import_report", slug=slug, token=token)
        mapping_step.remember_mapping(request.user, self.spec, form.mapping)
        runner.start_check(self.spec, session, form.mapping, request.user)
        return redirect("core:import_report", slug=slug, token=token)

    def _commit_succeeded(self, session):
        job = job_of(session.meta.get("commit_job"), self.request.user)
        return job is not None and job.status != Job.Status.FAILED


class ImportReportView(SpecView):
    def get(self, request, slug, token):
        self.require_spec()
        session = self.get_session()
        check_job = job_of(session.meta.get("check_job"), request.user)
        if check_job is None:
            return redirect("core:import_mapping", slug=slug, token=token)
        commit_job = job_of(session.meta.get("commit_job"), request.user)
        report = session.load_report() if check_job.status == Job.Status.SUCCEEDED else None
        step = 4 if commit_job is not None else 3  # ④ from the moment the commit is started
        context = self.context(session=session, check_job=check_job, commit_job=commit_job, report=report,
                               step=step, step_title=STEP_TITLES[step],
                               extra_label=self.spec.describe_extra(session.meta.get("extra", {})))
        if report is not None:
            only_errors = request.GET.get("show") == "errors"
            issues = issue_rows(report, errors_only=only_errors)
            page = Paginator(issues, ISSUES_PER_PAGE).get_page(request.GET.get("page"))
            for row in page.object_list:
                row["lines"] = message_lines(row)
                row["action_label"] = ACTION_LABELS.get(row["action"], "错误")
            counts = report["counts"]
            context.update(page=page, only_errors=only_errors, counts=counts,
                           to_write=counts["create"] + counts["update"],
                           labels={f.name: f.label for f in self.spec.fields})
        return render(request, "core/imports/report.html", context)


class ImportCommitView(SpecView):
    def post(self, request, slug, token):
        self.require_spec()
        session = self.get_session()
        check_job = job_of(session.meta.get("check_job"), request.user)
        report = session.load_report()
        if check_job is None or check_job.status != Job.Status.SUCCEEDED or report is None:
            messages.error(request, "请先完成数据检查。")
            return redirect("core:import_mapping", slug=slug, token=token)
        commit_job = job_of(session.meta.get("commit_job"), request.user)
        if commit_job is not None and commit_job.status != Job.Status.FAILED:
            messages.info(request, "该文件已经提交导入，请勿重复提交。")
            return redirect("core:import_report", slug=slug, token=token)
        if report["counts"]["create"] + report["counts"]["update"] == 0:
            messages.info(request, "没有需要新增或更新的数据。")
            return redirect("core:import_report", slug=slug, token=token)
        runner.start_commit(self.spec, session, request.user)
        return redirect("core:import_report", slug=slug, token=token)


class ImportErrorsView(SpecView):
    """The dry run's error sheet (original columns + 错误原因), for the uploader only."""

    def get(self, request, slug, token):
        self.require_spec()
        session = self.get_session()
        job = job_of(session.meta.get("check_job"), request.user)
        if job is None or not job.result_file:
            raise Http404("没有可下载的错误数据。")
        try:
            handle = job.result_file.open("rb")
        except FileNotFoundError:
            return HttpResponse("文件已被清理，请重新检查数据。", status=410, content_type="text/plain; charset=utf-8")
        return attachment(handle, f"{self.spec.label}-错误数据.xlsx", XLSX)
