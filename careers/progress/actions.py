"""就业进展情况 actions: saving a project (school admins) and a college's report (inside the window).

Each runs in one transaction and re-checks its rules at write time, whatever the form said:
the window (a report sent after the deadline is refused and nothing is written), the
user's permission and scope, and every figure's value. Projects and reports carry
simple-history, so each write lands in the operation log under the admin.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from careers.core.scoping import scope_filter
from careers.core.transitions import locked

from .figures import clean_values, figure_changes_blocked, validate_figures
from .models import ProgressReport
from .summary import expected_majors


class ReportRefused(Exception):
    """The report cannot be written; the message says why (in Chinese)."""


def _reported_keys(project):
    keys = set()
    for values in project.reports.values_list("values", flat=True):
        keys.update(k for k, v in (values or {}).items() if v not in (None, ""))
    return keys


@transaction.atomic
def save_project(project, *, user):
    """Create or update a project; figures already reported may not be removed or change kind."""
    if not user.has_permission(f"progress.progressproject.{'change' if project.pk else 'add'}"):
        raise PermissionDenied("只有学校管理员可以设置就业进展报送项目。")
    project.figures = validate_figures(project.figures)
    if project.pk:
        stored = locked(project)
        reported = _reported_keys(stored)
        problems = figure_changes_blocked([f for f in stored.figures if f["key"] in reported], project.figures)
        if problems:
            raise ValidationError(problems)
    else:
        project.created_by = user
    project.full_clean()
    project._history_user = user
    project.save()
    return project


def reportable_major(project, major_id, user):
    """The major if `user` may report it for `project`: managed by them and expecting a report."""
    major = expected_majors(project.graduation_year, user).filter(pk=major_id).first()
    if major is None:
        raise ReportRefused("该专业不在您管辖的专业范围内，或没有该届在读学生，无需报送。")
    return major


def submit_report(project, major, data, *, user, now=None):
    """Create or update `major`'s report from raw `data` (key -> text). Returns the report.

    Raises ReportRefused (window closed, not allowed) or ValidationError({key: message} / cross rules).
    """
    with transaction.atomic():
        # Lock the project: the deadline and the figures are read once, for the whole write.
        project = locked(project)
        state = project.window_state(now)
        if not state.is_open:
            raise ReportRefused(state.message)
        major = reportable_major(project, major.pk, user)
        report = ProgressReport.objects.select_for_update().filter(project=project, major=major).first()
        action = "change" if report is not None else "add"
        if not user.has_permission(f"progress.progressreport.{action}"):
            raise ReportRefused("您没有报送就业进展的权限，请联系学校管理员分配。" if action == "add"
                                else "您没有修改就业进展报送的权限，请联系学校管理员分配。")
        values, errors, cross = clean_values(project.figures, data)
        if errors or cross:
            raise ValidationError({**errors, **({"__all__": cross} if cross else {})})
        report = report or ProgressReport(project=project, major=major)
        report.values = values
        report.reported_by = user
        report.reported_at = now or timezone.now()
        report._history_user = user
        report._change_reason = "修改报送" if action == "change" else "报送"
        report.save()
        if not scope_filter(ProgressReport.objects.filter(pk=report.pk), user).exists():
            raise ReportRefused("该专业不在您管辖的专业范围内。")  # restrict-then-verify; rolls back
        return report
