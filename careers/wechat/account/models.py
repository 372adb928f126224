"""微信接入设置 (manual 8.1): the one WeChat service account, and the callback receipts that make retries harmless."""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.encryption import EncryptedTextField
from careers.core.models import BaseModel


class MessageMode(models.TextChoices):
    PLAIN = "plain", "明文模式"
    COMPATIBLE = "compatible", "兼容模式"
    SAFE = "safe", "安全模式（推荐）"


class WechatAccount(BaseModel):
    """Singleton (pk=1). The Token and EncodingAESKey are generated here and pasted into the WeChat platform."""

    name = models.CharField("公众号名称", max_length=60, blank=True)
    original_id = models.CharField("原始ID", max_length=40, blank=True)  # gh_xxx: ToUserName of callbacks
    app_id = models.CharField("AppID", max_length=40, blank=True)
    app_secret = EncryptedTextField("AppSecret", blank=True)
    token = models.CharField("Token（令牌）", max_length=32, blank=True)
    encoding_aes_key = models.CharField("EncodingAESKey（消息加解密密钥）", max_length=43, blank=True)
    message_mode = models.CharField("消息加解密方式", max_length=12, choices=MessageMode.choices,
                                    default=MessageMode.SAFE)
    enabled = models.BooleanField("启用微信服务号", default=False)
    verify_file_name = models.CharField("业务域名校验文件名", max_length=100, blank=True)  # MP_verify_xxx.txt
    verify_file_content = models.CharField("业务域名校验文件内容", max_length=200, blank=True)
    menu_pushed_at = models.DateTimeField("菜单生成时间", null=True, blank=True)
    # manual 8.6: e-mail is offered beside WeChat only when the school sets it and a send has fewer than 5 recipients
    email_by_default = models.BooleanField("默认同时发送邮件", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "微信接入设置"

    def __str__(self):
        return self.name or "微信服务号"

    @property
    def configured(self):
        return bool(self.enabled and self.app_id and self.app_secret and self.token)


class CallbackReceipt(models.Model):
    """One row per callback WeChat delivered; the unique key drops its retries (MsgId, or FromUserName+CreateTime+Event)."""

    key = models.CharField("消息标识", max_length=120, unique=True)
    received_at = models.DateTimeField("接收时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "微信推送记录"
