"""职位智能匹配: the back office (run history, 立即运行, matches per run) and the student's page.

Runs are school-wide records; matches are scoped by the student's major (JobMatch.scope_major_lookup).
"""

import logging

import django_filters
import django_tables2 as tables
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from careers.accounts.portal_access import student_required
from careers.core.filtersets import BaseFilterSet
from careers.core.history import log_event
from careers.core.scoping import sees_all_majors
from careers.core.tables import BaseTable
from careers.core.views import generic
from careers.studentfiles.filtersets import StudentFilterMixin
from careers.studentfiles.tables import StudentColumnsMixin

from .models import JobMatch, MatchOptOut, MatchRun
from .run import max_per_student

logger = logging.getLogger(__name__)

RUN_PERMISSION = "recruitment.matchrun.run"

# -- back office: runs ------------------------------------------------------------------------------


class MatchRunFilterSet(BaseFilterSet):
    q = None  # nothing to search in a run
    status = django_filters.ChoiceFilter(label="状态", choices=MatchRun.Status.choices)
    since = django_filters.DateFilter(label="日期起", field_name="run_date", lookup_expr="gte",
                                      widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}))
    until = django_filters.DateFilter(label="日期止", field_name="run_date", lookup_expr="lte",
                                      widget=django_filters.widgets.forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = MatchRun
        fields = ["status", "since", "until"]


class MatchRunTable(BaseTable):
    pk = None
    run_date = tables.DateColumn(format="Y-m-d", verbose_name="匹配日期")
    status = tables.Column(verbose_name="状态")
    jobs = tables.Column(verbose_name="新职位数")
    students = tables.Column(verbose_name="参与学生数")
    matches = tables.Column(verbose_name="匹配数",
                            linkify=lambda record: f"{reverse('recruitment:jobmatch_list')}?run={record.pk}")
    notified = tables.Column(verbose_name="通知学生数")
    started_at = tables.DateTimeColumn(format="Y-m-d H:i:s", verbose_name="开始时间")
    duration = tables.Column(accessor="finished_at", verbose_name="耗时", orderable=False)
    error = tables.Column(verbose_name="错误")

    class Meta(BaseTable.Meta):
        model = MatchRun
        fields = ("run_date", "status", "jobs", "students", "matches", "notified", "started_at", "duration", "error")

    def render_status(self, value, record):
        tone = {"done": "success", "running": "info", "failed": "danger"}.get(record.status, "secondary")
        return format_html('<span class="badge text-bg-{}">{}</span>', tone, value)

    def render_duration(self, record):
        if not record.finished_at:
            return "—"
        seconds = (record.finished_at - record.started_at).total_seconds()
        return f"{seconds:.1f} 秒"

    def render_error(self, value):
        return value[:80]


class MatchRunListView(generic.ObjectListView):
    queryset = MatchRun.objects.all()
    filterset = MatchRunFilterSet
    table = MatchRunTable
    actions = ()
    template_name = "recruitment/match_run_list.html"

    def base_context(self):
        return {**super().base_context(), "can_run": can_run(self.request.user),
                "max_per_student": max_per_student()}


def can_run(user):
    return sees_all_majors(user) and user.has_permission(RUN_PERMISSION)


class MatchRunNowView(generic.BackofficeView):
    """立即运行: today's run through the same task as the nightly beat (a DONE day is not run again)."""
    bench_kind = "action"  # what the list benchmark makes of it: careers/core/routes.py

    def post(self, request):
        if not can_run(request.user):
            raise PermissionDenied("仅学校管理员可立即运行职位匹配。")
        today = timezone.localdate()
        existing = MatchRun.objects.filter(run_date=today).first()
        if existing and existing.status == MatchRun.Status.DONE:
            messages.info(request, f"{today:%Y-%m-%d} 的职位匹配已完成，不会重复推送。")
            return redirect("recruitment:matchrun_list")
        log_event("other", module="recruitment", obj=existing, user=request.user,
                  message=f"立即运行职位智能匹配（{today:%Y-%m-%d}）")
        start_run(request, today)  # the task needs nothing this request writes (no on_commit: its message shows)
        return redirect("recruitment:matchrun_list")

    def get(self, request):
        return redirect("recruitment:matchrun_list")


def start_run(request, today):
    """Queue the run; without a worker (eager Celery, the embedded default) it runs here and now, so say how
    it ended. A failure is recorded on the run (状态 失败, 错误) and told as a message, never a server error."""
    from ..tasks import match_new_jobs

    try:
        match_new_jobs.delay(run_date=today.isoformat(), acting_user_id=request.user.pk)
    except Exception:  # eager: the run failed (it recorded why); otherwise the broker is unreachable
        logger.exception("立即运行: job matching for %s failed", today)
        messages.error(request, f"{today:%Y-%m-%d} 的职位匹配未能完成，原因见运行记录；稍后再次点击“立即运行”会接着运行。")
        return
    run = MatchRun.objects.filter(run_date=today).first()
    if run and run.status == MatchRun.Status.DONE:
        messages.success(request, f"{today:%Y-%m-%d} 的职位匹配已完成：{run.jobs} 个新职位，{run.matches} 条匹配，"
                                  f"已通知 {run.notified} 名学生。")
    else:
        messages.success(request, f"已开始 {today:%Y-%m-%d} 的职位匹配（匹配前一天审核通过的职位），完成后见运行记录。")


# -- back office: matches (scoped by the student's major) -------------------------------------------


class JobMatchFilterSet(StudentFilterMixin, BaseFilterSet):
    search_fields = ("student__student_number", "student__name", "job__title", "job__employer__name")
    run = django_filters.ModelChoiceFilter(label="匹配日期", queryset=MatchRun.objects.all())
    notified = django_filters.BooleanFilter(label="已通知", field_name="notified_at", lookup_expr="isnull",
                                            exclude=True)

    class Meta:
        model = JobMatch
        fields = ["q", "run", "graduation_year", "college", "major", "notified"]


class JobMatchTable(StudentColumnsMixin, BaseTable):
    pk = None
    job = tables.Column(accessor="job__title", verbose_name="职位")
    employer = tables.Column(accessor="job__employer__name", verbose_name="用人单位")
    score = tables.Column(verbose_name="匹配度")
    reasons = tables.Column(orderable=False, verbose_name="匹配理由")
    run = tables.DateColumn(accessor="run__run_date", verbose_name="匹配日期", format="Y-m-d")
    notified_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name="通知时间")

    class Meta(BaseTable.Meta):
        model = JobMatch
        fields = ("student_number", "name", "graduation_year", "college", "major", "job", "employer", "score",
                  "reasons", "run", "notified_at")
        default_columns = ("student_number", "name", "college", "major", "job", "employer", "score", "reasons",
                           "run", "notified_at")

    def render_job(self, value, record):
        return format_html('<a href="/jobs/{}/" target="_blank" rel="noopener">{}</a>', record.job_id, value)

    def render_score(self, value):
        return f"{value:.0f}"

    def render_reasons(self, value):
        return format_html('<span class="small text-muted">{}</span>', " · ".join(value or []))


class JobMatchListView(generic.ObjectListView):
    queryset = JobMatch.objects.select_related("student__major__college", "job__employer", "run")
    filterset = JobMatchFilterSet
    table = JobMatchTable
    actions = ()
    template_name = "recruitment/match_list.html"

    def base_context(self):
        return {**super().base_context(), "max_per_student": max_per_student()}


# -- the student's page -------------------------------------------------------------------------------


@student_required
def my_matches(request, student):
    matches = (JobMatch.objects.filter(student=student)
               .select_related("job__employer", "job__region").order_by("-created_at", "-score", "-pk"))
    page = Paginator(matches, 20).get_page(request.GET.get("page"))
    return render(request, "recruitment/portal/match_list.html", {
        "page": page, "opted_out": MatchOptOut.objects.filter(student=student).exists(),
        "has_resume": student.resumes.exists(), "max_per_student": max_per_student()})


@require_POST
@student_required
def my_matches_toggle(request, student):
    """不再接收职位推荐 / 重新接收职位推荐 (only the signed-in student's own setting)."""
    choice = request.POST.get("receive")
    if choice not in ("0", "1"):
        messages.error(request, "请选择是否接收职位推荐。")
        return redirect("portal_recruitment:job_matches")
    if choice == "0":
        MatchOptOut.objects.get_or_create(student=student)
        messages.success(request, "已设置为不再接收职位推荐。您可以随时在本页重新开启。")
    else:
        MatchOptOut.objects.filter(student=student).delete()
        messages.success(request, "已重新开启职位推荐，学校将根据您的简历推荐新职位。")
    return redirect("portal_recruitment:job_matches")
