"""线下转账: the unit transfers to the school's account (fair.payee_info), uploads the proof, and the school
confirms it (events:order_confirm) or rejects it with a reason."""

from django.core.exceptions import ValidationError

from .base import PaymentProvider, register_provider


class OfflineTransfer(PaymentProvider):
    code = "offline"
    label = "线下转账（上传凭证）"
    confirms_manually = True

    def create(self, order):
        fair = order.participation.fair
        return {"kind": "offline", "payee_info": fair.payee_info,
                "remark": f"{order.participation.employer.name} {order.number}"}

    def handle_notification(self, request):
        raise ValidationError("线下转账没有支付通知，请由学校管理员核对凭证后确认。")

    def refund(self, order, reason):
        return ""  # the school transfers the money back itself; the order only records it


register_provider(OfflineTransfer())
