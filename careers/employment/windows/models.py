"""功能时间设置: per graduation year, when students may report dispatch or employment data."""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.scoping import ScopedQuerySet


class ReportingWindow(models.Model):
    """功能时间设置: per graduation year, when students may report dispatch or employment data.

    No row means open (the manual: students may report by default).
    """

    class Function(models.TextChoices):
        DISPATCH = "dispatch", "填报派遣信息"
        EMPLOYMENT = "employment", "填报就业信息"

    graduation_year = models.PositiveSmallIntegerField("毕业年份")
    function = models.CharField("功能", max_length=20, choices=Function.choices)
    opens_at = models.DateTimeField("开始时间")
    closes_at = models.DateTimeField("结束时间")

    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()  # restrict(): the permission check (no student in reach)

    class Meta:
        verbose_name = verbose_name_plural = "功能时间设置"
        ordering = ["-graduation_year", "function"]
        constraints = [models.UniqueConstraint(fields=["graduation_year", "function"], name="uniq_reporting_window")]

    def __str__(self):
        return f"{self.graduation_year}届 {self.get_function_display()}"
