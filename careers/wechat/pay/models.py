"""微信商户设置 and WeChat Pay (manual 8.5): merchant keys (encrypted), the provider's orders, notifications, 测试支付."""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.encryption import EncryptedTextField
from careers.core.models import BaseModel


class MerchantSettings(BaseModel):
    """Singleton (pk=1)."""

    mch_id = models.CharField("商户号", max_length=32, blank=True)
    api_v3_key = EncryptedTextField("APIv3密钥", blank=True)  # 32 characters
    cert_serial_no = models.CharField("商户API证书序列号", max_length=64, blank=True)
    private_key = EncryptedTextField("商户API证书私钥", blank=True)  # PEM
    platform_public_key = models.TextField("微信支付公钥", blank=True)  # PEM; optional (else platform certificates)
    platform_public_key_id = models.CharField("微信支付公钥ID", max_length=64, blank=True)
    enabled = models.BooleanField("启用微信支付", default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "微信商户设置"

    def __str__(self):
        return self.mch_id or "微信商户"


class TradeType(models.TextChoices):
    JSAPI = "JSAPI", "公众号支付"
    NATIVE = "NATIVE", "扫码支付"


class PayState(models.TextChoices):
    NOTPAY = "NOTPAY", "未支付"
    SUCCESS = "SUCCESS", "支付成功"
    CLOSED = "CLOSED", "已关闭"
    REFUND = "REFUND", "已退款"
    PAYERROR = "PAYERROR", "支付失败"


class PayTransaction(models.Model):
    """One WeChat Pay order: for a 费用订单 (`order`, events.payments) or a 测试支付 (`is_test`, 0.10 yuan)."""

    out_trade_no = models.CharField("商户订单号", max_length=32, unique=True)
    order = models.ForeignKey("events.Order", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="wechat_transactions", verbose_name="费用订单")
    is_test = models.BooleanField("测试支付", default=False)
    trade_type = models.CharField("支付方式", max_length=8, choices=TradeType.choices)
    amount_fen = models.PositiveIntegerField("金额（分）")
    description = models.CharField("商品描述", max_length=127)
    payer_openid = models.CharField("付款人OpenID", max_length=64, blank=True)
    code_url = models.CharField("二维码链接", max_length=200, blank=True)
    prepay_id = models.CharField("预支付交易会话标识", max_length=64, blank=True)
    state = models.CharField("交易状态", max_length=10, choices=PayState.choices, default=PayState.NOTPAY)
    transaction_id = models.CharField("微信支付订单号", max_length=32, blank=True)
    refund_no = models.CharField("退款单号", max_length=64, blank=True)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    expires_at = models.DateTimeField("过期时间")
    paid_at = models.DateTimeField("支付时间", null=True, blank=True)
    checked_at = models.DateTimeField("最近查单时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "微信支付交易"
        indexes = [models.Index(fields=["state", "created_at"], name="wechat_pay_state_idx")]

    def __str__(self):
        return self.out_trade_no


class PayNotification(models.Model):
    """Every payment notification received (by its id: a replay is recognised), with what was done with it."""

    notification_id = models.CharField("通知ID", max_length=64, unique=True)
    event_type = models.CharField("通知类型", max_length=40)
    out_trade_no = models.CharField("商户订单号", max_length=32, blank=True, db_index=True)
    outcome = models.CharField("处理结果", max_length=200, blank=True)
    received_at = models.DateTimeField("接收时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "微信支付通知"
