"""Students' reminder choices (manual 8: 就业活动、宣讲会、招聘会 the day before; 每日宣讲会提醒)."""

from django.conf import settings
from django.db import models

from careers.core.models import BaseModel


class ReminderPreference(BaseModel):
    scope_unscoped = "a user's own settings, read and written only by that user and by system tasks"
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference",
                                verbose_name="账号")
    career_events = models.BooleanField("就业活动提醒", default=True)
    talks = models.BooleanField("宣讲会提醒", default=True)
    fairs = models.BooleanField("招聘会提醒", default=True)
    daily_talks = models.BooleanField("每日宣讲会提醒", default=False)
    job_matches = models.BooleanField("职位匹配推送", default=True)
    application_updates = models.BooleanField("投递状态提醒", default=True)
    # the day of the last 每日宣讲会提醒 sent (set in the transaction that records it: never twice a day)
    daily_talks_sent_on = models.DateField("每日宣讲会提醒发送日期", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = verbose_name_plural = "微信提醒设置"
