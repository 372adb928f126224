"""Demo 参会费用 orders: every confirmed unit of the demo fairs has one order for its amount due — all
paid on the past fair, two paid (offline transfer confirmed) and the rest unpaid on the upcoming one.
Idempotent by order number."""

import datetime

from ..fairs.demo import PAST, UPCOMING
from ..models import Order, OrderStatus, Participation


def seed(rng, years):
    for title, paid_count in ((PAST, None), (UPCOMING, 2)):
        confirmed = Participation.objects.filter(fair__title=title, status="confirmed").order_by("pk")
        for n, participation in enumerate(confirmed):
            number = f"DEMO{participation.fair_id:04d}{participation.pk:08d}"
            if Order.objects.filter(number=number).exists():
                continue
            paid = paid_count is None or n < paid_count
            fen = int(participation.amount_due * 100)
            order = Order(
                number=number, participation=participation, description=f"{participation.fair.title} 参会费用",
                amount_fen=fen, method="offline", status=OrderStatus.PAID if paid else OrderStatus.UNPAID,
                transaction_id=f"BANK{number}" if paid else "",
                paid_at=participation.fair.starts_at - datetime.timedelta(days=3) if paid else None)
            _variant(order, title, n, confirmed.count())
            order.save()


def _variant(order, title, n, count):
    """The other states: a transfer proof waiting for confirmation, a rejected proof, a closed order on the
    upcoming fair; a refund on the past one."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    now = timezone.now()
    if title == UPCOMING and n in (2, 3):
        order.proof.save("proof.png", ContentFile(_proof_image()), save=False)
        order.proof_uploaded_at = now - datetime.timedelta(hours=5)
        if n == 3:
            order.proof_note = "凭证金额与应缴金额不符，请重新上传。"
    elif title == UPCOMING and n == 4:
        order.status = OrderStatus.CLOSED
    elif title == PAST and n == count - 1:
        order.status, order.refunded_at, order.refund_reason = OrderStatus.REFUNDED, now, "单位未能到场，全额退款。"


def _proof_image():
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (400, 240), (240, 240, 230)).save(out, "PNG")
    return out.getvalue()
