"""用人单位账号申诉 (manual 4.2): a unit that lost its account asks for it back.

The admin checks the licence photo and handles the appeal with one of four methods; once
handled, the appellant's contact details replace the account's. The e-mail method sends a
single-use link valid for 30 minutes (`PasswordResetLink`: only a hash of the token is stored).
"""

import uuid
from datetime import timedelta

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.studentfiles.storage import private_storage

RESET_LINK_VALIDITY = timedelta(minutes=30)  # manual 4.2 (2): 仅30分钟有效


def appeal_licence_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"appeals/{uuid.uuid4().hex}.{ext}"


class AccountAppeal(BaseModel):
    class Status(models.TextChoices):
        PENDING = "pending", "待处理"
        HANDLED = "handled", "已处理"
        REJECTED = "rejected", "不予处理"

    class Method(models.TextChoices):
        PASSWORD = "password", "修改密码（线下通知）"
        EMAIL = "email", "验证邮箱（发送重置链接）"
        SMS = "sms", "验证手机（短信发送新密码）"
        OTHER = "other", "其他处理方式"

    employer = models.ForeignKey("recruitment.Employer", on_delete=models.CASCADE, related_name="appeals",
                                 verbose_name="用人单位")
    unit_name = models.CharField("单位名称", max_length=100)
    credit_code = models.CharField("统一社会信用代码", max_length=18)
    contact_person = models.CharField("新联系人", max_length=50)
    phone = models.CharField("新手机号码", max_length=20)
    email = models.EmailField("新电子邮箱")
    licence = models.FileField("营业执照照片", upload_to=appeal_licence_path, storage=private_storage, max_length=200)
    reason = models.TextField("申诉原因", max_length=1000)
    status = models.CharField("处理状态", max_length=10, choices=Status.choices, default=Status.PENDING,
                              db_index=True)
    method = models.CharField("处理方式", max_length=10, choices=Method.choices, blank=True)
    handling_note = models.CharField("处理说明", max_length=500, blank=True)
    handled_at = models.DateTimeField("处理时间", null=True, blank=True)
    handled_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="处理人")

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "用人单位账号申诉"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.unit_name} 的申诉"


class PasswordResetLink(models.Model):
    """A single-use password reset link sent to an appellant's new e-mail address."""

    appeal = models.ForeignKey(AccountAppeal, on_delete=models.CASCADE, related_name="reset_links",
                               verbose_name="申诉")
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+", verbose_name="账号")
    token_hash = models.CharField("令牌摘要", max_length=64, unique=True)
    email = models.EmailField("发送邮箱")
    created_at = models.DateTimeField("发送时间", auto_now_add=True)
    expires_at = models.DateTimeField("失效时间")
    used_at = models.DateTimeField("使用时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "密码重置链接"
        ordering = ["-created_at"]
