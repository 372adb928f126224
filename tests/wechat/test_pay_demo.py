"""The WeChat Pay demo step: merchant settings for the fake, the upcoming fair offering 微信支付 with one unpaid and
one paid WeChat order, and every transaction state; idempotent."""

import random

import pytest

from careers.events.fairs.demo import UPCOMING
from careers.events.models import Order
from careers.wechat.pay import demo
from careers.wechat.pay.models import MerchantSettings, PayState, PayTransaction
from tests.factories import EmployerFactory, FairFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def test_demo_seed_every_state_and_idempotent():
    fair = FairFactory(title=UPCOMING)
    for _ in range(2):
        ParticipationFactory(fair=fair, employer=EmployerFactory(admitted=True), status="pending", amount_due="860.00")
    demo.seed(random.Random(1), (2026, 2027))
    demo.seed(random.Random(1), (2026, 2027))
    fair.refresh_from_db()
    assert "wechat" in fair.payment_methods and MerchantSettings.objects.get(pk=1).enabled
    assert set(PayTransaction.objects.values_list("state", flat=True)) == set(PayState.values)
    assert set(Order.objects.filter(method="wechat").values_list("status", flat=True)) == {"unpaid", "paid"}
    assert PayTransaction.objects.filter(is_test=True).count() == 4
    assert PayTransaction.objects.filter(trade_type="JSAPI").exists()
    assert PayTransaction.objects.count() == 7
