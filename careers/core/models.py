import uuid

from django.conf import settings
from django.db import models

from .scoping import ScopedManager, ScopedQuerySet


class RemembersLoadedValues:
    """Keeps the values a row was loaded with: the operation log diffs against them when the row has no
    history yet (rows inserted in bulk), see careers.core.history. For models with HistoricalRecords."""

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_values = dict(zip(field_names, values))
        return instance


class BaseModel(RemembersLoadedValues, models.Model):
    """Timestamps, scoped manager. Change history is added per model with HistoricalRecords."""

    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = ScopedManager()

    class Meta:
        abstract = True


class OperationLog(models.Model):
    """系统日志: one row per admin write, with the changed fields from -> to."""

    class Action(models.TextChoices):
        CREATE = "create", "新增"
        UPDATE = "update", "修改"
        DELETE = "delete", "删除"
        LOGIN = "login", "登录"
        LOGOUT = "logout", "退出"
        IMPORT = "import", "导入"
        EXPORT = "export", "导出"
        OTHER = "other", "其他"

    timestamp = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    user_repr = models.CharField("操作人", max_length=150, blank=True)
    ip_address = models.GenericIPAddressField("IP", null=True, blank=True)
    request_id = models.UUIDField("请求编号", null=True, blank=True, db_index=True)
    module = models.CharField("模块", max_length=50, db_index=True)
    action = models.CharField("操作", max_length=20, choices=Action.choices)
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象ID", max_length=64, blank=True, db_index=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    changes = models.JSONField("变更内容", default=dict, blank=True)
    message = models.CharField("说明", max_length=500, blank=True)

    objects = ScopedQuerySet.as_manager()  # restrict(): the permission check (no student in reach)

    class Meta:
        verbose_name = verbose_name_plural = "系统日志"
        ordering = ["-timestamp", "-pk"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self):
        return f"{self.user_repr} {self.get_action_display()} {self.object_repr}"


class Job(models.Model):
    """A long-running piece of work (import, export, batch send) with progress and retries."""

    class Status(models.TextChoices):
        PENDING = "pending", "排队中"
        RUNNING = "running", "进行中"
        SUCCEEDED = "succeeded", "已完成"
        FAILED = "failed", "失败"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField("类型", max_length=60, db_index=True)
    label = models.CharField("名称", max_length=200)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.PENDING)
    progress = models.PositiveIntegerField("已处理", default=0)
    total = models.PositiveIntegerField("总数", default=0)
    message = models.CharField("进度说明", max_length=500, blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)
    result_file = models.FileField(upload_to="jobs/%Y/%m/", blank=True)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="jobs")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "后台任务"
        ordering = ["-created_at"]

    def __str__(self):
        return self.label

    @property
    def percent(self):
        if self.status == self.Status.SUCCEEDED:
            return 100
        return int(self.progress * 100 / self.total) if self.total else 0

    @property
    def is_done(self):
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)


class UserPreference(models.Model):
    """Per-user UI choices, e.g. the columns shown in each table."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="preference")
    data = models.JSONField(default=dict)

    def get(self, key, default=None):
        return self.data.get(key, default)

    def set(self, key, value):
        self.data[key] = value
        self.save(update_fields=["data"])


class Message(models.Model):
    """One message sent to many users through one or more channels."""

    sender = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="sent_messages", verbose_name="发送人")
    subject = models.CharField("标题", max_length=200)
    body = models.TextField("内容")
    link = models.CharField("链接", max_length=500, blank=True)
    channels = models.JSONField("渠道", default=list)
    # What kind of notification this is ("" for a hand-written one): channels such as WeChat template
    # messages pick their template by it (see messaging.channels.register_channel_policy).
    kind = models.CharField("消息类型", max_length=40, blank=True, default="")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    objects = ScopedQuerySet.as_manager()  # restrict(): the permission check (no student in reach)

    class Meta:
        verbose_name = verbose_name_plural = "消息"
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject


class MessageDelivery(models.Model):
    """The delivery of one message to one user through one channel."""

    class Status(models.TextChoices):
        QUEUED = "queued", "待发送"
        SENDING = "sending", "发送中"  # claimed by a worker; see careers.core.messaging.service
        SENT = "sent", "已发送"
        FAILED = "failed", "发送失败"
        SKIPPED = "skipped", "无法发送"

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="deliveries",
                                  verbose_name="接收人")
    channel = models.CharField("渠道", max_length=20)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.QUEUED)
    error = models.CharField("错误", max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    # FAILED: when the next retry is due (empty = no more retries); SENDING: when the claim expires.
    next_attempt_at = models.DateTimeField("下次重试时间", null=True, blank=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)
    read_at = models.DateTimeField("阅读时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "消息投递"
        constraints = [models.UniqueConstraint(fields=["message", "recipient", "channel"], name="uniq_delivery")]
        indexes = [models.Index(fields=["recipient", "channel", "read_at"]),
                   # the periodic sweep looks for due retries and expired claims
                   models.Index(fields=["status", "next_attempt_at"], name="core_delivery_due_idx")]
