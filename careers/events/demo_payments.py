"""Demo 参会费用 orders: every confirmed unit of the demo fairs has one order for its amount due — all
paid on the past fair, two paid (offline transfer confirmed) and the rest unpaid on the upcoming one.
Idempotent by order number."""

import datetime

from .demo_fairs import PAST, UPCOMING
from .models import Order, OrderStatus, Participation


def seed(rng, years):
    for title, paid_count in ((PAST, None), (UPCOMING, 2)):
        confirmed = Participation.objects.filter(fair__title=title, status="confirmed").order_by("pk")
        for n, participation in enumerate(confirmed):
            number = f"DEMO{participation.fair_id:04d}{participation.pk:08d}"
            if Order.objects.filter(number=number).exists():
                continue
            paid = paid_count is None or n < paid_count
            fen = int(participation.amount_due * 100)
            Order.objects.create(
                number=number, participation=participation, description=f"{participation.fair.title} 参会费用",
                amount_fen=fen, method="offline", status=OrderStatus.PAID if paid else OrderStatus.UNPAID,
                transaction_id=f"BANK{number}" if paid else "",
                paid_at=participation.fair.starts_at - datetime.timedelta(days=3) if paid else None)
