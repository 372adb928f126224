"""消息模板设置 (manual 8.2) and the record of every template message sent (for result events and exactly-once)."""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel, MessageDelivery


class TemplateSetting(BaseModel):
    """Which WeChat template carries one kind of system notification, and how its fields are filled."""

    kind = models.CharField("通知类型", max_length=40, unique=True)  # Message.kind, see template_messages/kinds.py
    template_id = models.CharField("模板ID", max_length=64, blank=True)
    enabled = models.BooleanField("启用", default=True)
    # {"first": "{subject}", "keyword1": "{name}", ..., "remark": "..."}: WeChat field → text with placeholders
    fields = models.JSONField("模板字段", default=dict, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "消息模板设置"
        ordering = ["kind"]

    def __str__(self):
        return self.kind


class SendState(models.TextChoices):
    IN_FLIGHT = "in_flight", "发送中"  # written before the API call: a crash here is resolved, never resent blindly
    ACCEPTED = "accepted", "已提交微信"
    DELIVERED = "delivered", "已送达"
    BLOCKED = "blocked", "用户拒收"
    FAILED = "failed", "发送失败"


class TemplateSend(models.Model):
    """One template-message API call for one delivery: msgid from WeChat, then the TEMPLATESENDJOBFINISH result."""

    delivery = models.OneToOneField(MessageDelivery, on_delete=models.CASCADE, related_name="wechat_send",
                                    verbose_name="投递")
    openid = models.CharField("OpenID", max_length=64, db_index=True)
    template_id = models.CharField("模板ID", max_length=64, blank=True)
    msgid = models.BigIntegerField("微信消息ID", null=True, blank=True, unique=True)
    state = models.CharField("状态", max_length=12, choices=SendState.choices, default=SendState.IN_FLIGHT)
    error = models.CharField("错误", max_length=300, blank=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    result_at = models.DateTimeField("结果时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "模板消息发送记录"
        indexes = [models.Index(fields=["state", "created_at"], name="wechat_send_state_idx")]
