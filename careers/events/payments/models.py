"""参会费用 orders: one per participation and fee, behind a payment interface.

State machine (idempotent: repeating a move to the state already reached is a no-op that reports so):

    unpaid ──pay──▶ paid ──refund──▶ refunded
       └──close──▶ closed

Offline transfer: the unit uploads a proof (`proof`), the school confirms → paid. The WeChat issue
adds a provider that creates a prepay order and marks it paid from the verified notification.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.studentfiles.storage import private_storage

from ..participants.models import participant_file_path


class OrderStatus(models.TextChoices):
    UNPAID = "unpaid", "待支付"
    PAID = "paid", "已支付"
    REFUNDED = "refunded", "已退款"
    CLOSED = "closed", "已关闭"


class Order(BaseModel):
    number = models.CharField("订单号", max_length=32, unique=True)  # out_trade_no for providers
    participation = models.ForeignKey("events.Participation", on_delete=models.PROTECT, related_name="orders",
                                      verbose_name="参会单位")
    description = models.CharField("费用说明", max_length=200)
    amount_fen = models.PositiveIntegerField("金额（分）")
    method = models.CharField("支付方式", max_length=10, default="offline")  # fairs.PaymentMethod value
    status = models.CharField("支付状态", max_length=10, choices=OrderStatus.choices, default=OrderStatus.UNPAID,
                              db_index=True)
    proof = models.FileField("转账凭证", upload_to=participant_file_path, storage=private_storage, blank=True,
                             max_length=200)
    proof_uploaded_at = models.DateTimeField("凭证上传时间", null=True, blank=True)
    proof_note = models.CharField("凭证审核意见", max_length=200, blank=True)  # why the school rejected the proof
    transaction_id = models.CharField("支付流水号", max_length=64, blank=True)
    paid_at = models.DateTimeField("支付时间", null=True, blank=True)
    confirmed_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name="确认人")
    refunded_at = models.DateTimeField("退款时间", null=True, blank=True)
    refund_reason = models.CharField("退款原因", max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "参会费用订单"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["method", "transaction_id"], condition=~models.Q(transaction_id=""),
                                    name="uniq_order_transaction"),
        ]

    def __str__(self):
        return self.number

    @property
    def amount_yuan(self):
        return f"{self.amount_fen // 100}.{self.amount_fen % 100:02d}"
