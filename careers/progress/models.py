"""就业进展情况 (manual 6.3): the school sets up a reporting project — a window and the figures
to report — and each college reports them per major inside that window.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel

from .figures import validate_figures


@dataclass(frozen=True)
class WindowState:
    is_open: bool
    status: str  # "upcoming", "open" or "closed"
    message: str


def when(moment):
    return date_format(timezone.localtime(moment), "Y年n月j日 H:i")


class ProgressProject(BaseModel):
    """就业进展报送项目: what to report (figures) and when (starts_at–ends_at), for one graduation year."""

    STATUS_LABELS = {"upcoming": "未开始", "open": "报送中", "closed": "已截止"}

    title = models.CharField("项目名称", max_length=200)
    graduation_year = models.PositiveSmallIntegerField("毕业年份", db_index=True)
    starts_at = models.DateTimeField("报送开始时间")
    ends_at = models.DateTimeField("报送截止时间")
    # An ordered list of {"key", "label", "kind"}; kind is integer, percentage or text (see figures.py).
    figures = models.JSONField("报送指标", default=list)
    description = models.TextField("填报说明", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="创建人")

    # No operating_year_field: the list shows every project (few, newest first), filterable by year.
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "就业进展情况"
        ordering = ["-starts_at", "-pk"]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "报送截止时间必须晚于开始时间。"
        try:
            self.figures = validate_figures(self.figures)
        except ValidationError as exc:
            errors[NON_FIELD_ERRORS] = exc.messages  # figures are edited as a table, not one form field
        if errors:
            raise ValidationError(errors)

    def window_state(self, now=None):
        """Open between starts_at and ends_at (inclusive); otherwise why not, with the window."""
        now = now or timezone.now()
        span = f"报送时间为 {when(self.starts_at)} 至 {when(self.ends_at)}"
        if now < self.starts_at:
            return WindowState(False, "upcoming", f"{span}，尚未开始。")
        if now > self.ends_at:
            return WindowState(False, "closed", f"{span}，已截止。")
        return WindowState(True, "open", f"{span}，请在截止前完成报送。")

    @property
    def status_label(self):
        return self.STATUS_LABELS[self.window_state().status]

    def figure(self, key):
        return next((f for f in self.figures if f["key"] == key), None)


class ProgressReport(BaseModel):
    """One college's report of a project's figures for one major."""

    project = models.ForeignKey(ProgressProject, on_delete=models.CASCADE, related_name="reports",
                                verbose_name="报送项目")
    major = models.ForeignKey("org.Major", on_delete=models.PROTECT, related_name="progress_reports",
                              verbose_name="专业")
    values = models.JSONField("报送数据", default=dict, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="报送人")
    reported_at = models.DateTimeField("报送时间", default=timezone.now)

    scope_major_lookup = "major"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "就业进展报送"
        ordering = ["project", "major"]
        constraints = [models.UniqueConstraint(fields=["project", "major"], name="uniq_progress_report_major",
                                               violation_error_message="该专业已报送过本项目，请修改原报送。")]

    def __str__(self):
        return f"{self.project}：{self.major}"
