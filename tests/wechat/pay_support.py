# ruff: noqa: F811  (pytest fixtures imported from tests/wechat/pay_support.py)
"""Fixtures of the WeChat Pay tests: 微信商户设置 configured for the running fake, a fair with WeChat payment,
its unit's order, and posting a (fake-built) notification through the Django test client."""

import pytest
from django.urls import reverse

from careers.wechat.fake.pay_demo_keys import DEMO_API_V3_KEY, DEMO_CERT_SERIAL, DEMO_MERCHANT_PRIVATE_KEY
from careers.wechat.pay.models import MerchantSettings
from tests.events.participants_support import _private_media, code_tables, employer  # noqa: F401
from tests.factories import FairFactory, ParticipationFactory
from tests.wechat.conftest import APP_ID  # noqa: F401


@pytest.fixture
def merchant(fake_wechat):
    MerchantSettings.objects.update_or_create(pk=1, defaults=dict(
        mch_id=fake_wechat.mch_id, api_v3_key=DEMO_API_V3_KEY, cert_serial_no=DEMO_CERT_SERIAL,
        private_key=DEMO_MERCHANT_PRIVATE_KEY, enabled=True))
    return fake_wechat


@pytest.fixture
def wx_fair(db):
    return FairFactory(payment_methods=["offline", "wechat"], fee_items=[
        {"name": "展位费", "amount": "800.00", "per": "booth"}, {"name": "餐费", "amount": "30.00", "per": "attendee"}])


@pytest.fixture
def wx_participation(wx_fair, employer):  # noqa: F811
    return ParticipationFactory(fair=wx_fair, employer=employer, amount_due="860.00")


@pytest.fixture
def wx_order(merchant, wx_participation):
    from careers.events.payments import actions

    return actions.create_order(wx_participation, method="wechat").order


def post_notification(client, headers, body):
    meta = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items() if k.lower() != "content-type"}
    data = body.encode() if isinstance(body, str) else body
    return client.post(reverse("wechat_site:pay_notify"), data=data, content_type="application/json", **meta)


def open_tx(order):
    return order.wechat_transactions.order_by("-pk").first()
