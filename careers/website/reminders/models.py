"""事件提醒 (manual 5.2.2): reminders shown on the 就业日历 from `remind_days` days before the event until it ends."""

import datetime

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet


class CalendarReminder(BaseModel):
    title = models.CharField("提醒标题", max_length=100)
    content = models.CharField("提醒内容", max_length=500, blank=True)
    starts_at = models.DateTimeField("事件时间")
    ends_at = models.DateTimeField("结束时间", null=True, blank=True, help_text="留空为事件当天结束")
    remind_days = models.PositiveSmallIntegerField("提前提醒天数", default=7,
                                                   help_text="在事件前多少天开始在就业日历上显示（0–90）")
    url = models.CharField("相关链接", max_length=500, blank=True)
    is_visible = models.BooleanField("显示", default=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_unscoped = "public calendar reminders, linked to no student"

    class Meta:
        verbose_name = verbose_name_plural = "事件提醒"
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.title

    @property
    def shows_from(self):
        return self.starts_at - datetime.timedelta(days=self.remind_days)
