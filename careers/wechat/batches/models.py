"""批量消息发送面板 (manual 8.6): one batch = one core Message whose deliveries are the per-recipient statuses."""

from django.conf import settings
from django.db import models

from careers.core.models import BaseModel, Message


class BatchState(models.TextChoices):
    DRAFT = "draft", "待发送"
    RUNNING = "running", "发送中"
    PAUSED = "paused", "未完成"
    DONE = "done", "已完成"


class BatchSend(BaseModel):
    scope_major_lookup = "major"  # a batch for one major is seen by that major's admins; no major: school-wide
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    link = models.CharField("链接", max_length=500, blank=True)
    graduation_year = models.PositiveSmallIntegerField("毕业年份", null=True, blank=True)
    college = models.ForeignKey("org.College", null=True, blank=True, on_delete=models.PROTECT, verbose_name="学院",
                                related_name="+")
    major = models.ForeignKey("org.Major", null=True, blank=True, on_delete=models.PROTECT, verbose_name="专业",
                              related_name="+")
    query = models.JSONField("其他条件", default=dict, blank=True)  # a saved student query's filter parameters
    channels = models.JSONField("发送渠道", default=list)
    message = models.OneToOneField(Message, null=True, blank=True, on_delete=models.SET_NULL, related_name="batch",
                                   verbose_name="消息")
    state = models.CharField("状态", max_length=10, choices=BatchState.choices, default=BatchState.DRAFT)
    total = models.PositiveIntegerField("发送对象数", default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="创建人")
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "批量消息"
        ordering = ["-pk"]

    def __str__(self):
        return self.title
