"""Binding a user account to a WeChat identity (openid), and the QR codes / OAuth states used to bind and to sign in."""

from django.conf import settings
from django.db import models

from careers.core.models import BaseModel


class BindingSource(models.TextChoices):
    OAUTH = "oauth", "公众号网页授权"
    QR = "qr", "扫码绑定"
    DEMO = "demo", "演示数据"


class WechatBinding(BaseModel):
    """One account ↔ one openid of our service account (both unique)."""

    scope_unscoped = "a user's own WeChat identity; views filter by user and by the user's own scope"
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="wechat_binding",
                                verbose_name="账号")
    openid = models.CharField("OpenID", max_length=64, unique=True)
    unionid = models.CharField("UnionID", max_length=64, blank=True)
    nickname = models.CharField("微信昵称", max_length=100, blank=True)
    subscribed = models.BooleanField("已关注服务号", default=True)
    source = models.CharField("绑定方式", max_length=10, choices=BindingSource.choices, default=BindingSource.QR)
    bound_at = models.DateTimeField("绑定时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "微信绑定"

    def __str__(self):
        return f"{self.user} ↔ 微信"


class QrPurpose(models.TextChoices):
    BIND = "bind", "绑定微信"
    LOGIN = "login", "扫码登录"


class QrStatus(models.TextChoices):
    WAITING = "waiting", "等待扫码"
    SCANNED = "scanned", "已扫码"
    DONE = "done", "已完成"
    USED = "used", "已使用"  # a login code whose session was created: single use
    REFUSED = "refused", "已拒绝"  # scanned by a WeChat not bound (login) or bound elsewhere (bind)
    EXPIRED = "expired", "已过期"


class QrLogin(models.Model):
    """A temporary parameterised QR code (bind or login). `scene` is the QR's scene string; the page polls by `token`."""

    purpose = models.CharField("用途", max_length=10, choices=QrPurpose.choices)
    scene = models.CharField("场景值", max_length=64, unique=True)
    token = models.CharField("轮询令牌", max_length=64, unique=True)
    ticket = models.CharField("二维码ticket", max_length=200, blank=True)
    qr_url = models.CharField("二维码内容", max_length=300, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+", verbose_name="账号")  # bind: who asked; login: who scanned
    openid = models.CharField("扫码OpenID", max_length=64, blank=True)
    status = models.CharField("状态", max_length=10, choices=QrStatus.choices, default=QrStatus.WAITING)
    note = models.CharField("说明", max_length=200, blank=True)
    expires_at = models.DateTimeField("过期时间", db_index=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "微信二维码"
