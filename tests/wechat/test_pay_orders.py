# ruff: noqa: F811  (pytest fixtures imported from tests/wechat/pay_support.py)
"""WeChat Pay orders against the fake (production code path): Native and JSAPI create (idempotent, a new
out_trade_no once the old one is closed/expired), request signatures the fake checks, errors, reconciliation by
query, closing, refunds, and the unit's payment page (QR on PC, JSAPI inside WeChat, polling to 已支付)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from careers.events.models import OrderStatus
from careers.events.payments import actions
from careers.events.payments.providers import get_provider
from careers.wechat.pay import client as pay_client
from careers.wechat.pay.models import PayState, PayTransaction
from careers.wechat.pay.provider import reconcile
from tests.wechat.pay_support import (_private_media, code_tables, employer, merchant, open_tx,  # noqa: F401
                                      wx_fair, wx_order, wx_participation)

pytestmark = pytest.mark.django_db
WECHAT_UA = "Mozilla/5.0 (iPhone) AppleWebKit/605 MicroMessenger/8.0.50 NetType/WIFI"


def test_native_order_is_created_with_the_order_and_reused(merchant, wx_order):
    provider = get_provider("wechat")
    tx = open_tx(wx_order)
    assert tx.trade_type == "NATIVE" and tx.amount_fen == 86000 and tx.code_url.startswith("weixin://wxpay/")
    assert tx.out_trade_no.startswith(wx_order.number) and len(tx.out_trade_no) <= 32
    fake_order = merchant.pay_orders[tx.out_trade_no]
    assert fake_order["total"] == 86000 and fake_order["notify_url"].endswith("/wxpay/notify/")
    again = provider.create(wx_order)
    assert again["out_trade_no"] == tx.out_trade_no and "<svg" in again["qr_svg"]
    assert PayTransaction.objects.count() == 1
    assert sum(1 for m, p in merchant.requests if p == "/v3/pay/transactions/native") == 1
    assert sum(1 for m, p in merchant.requests if p == "/v3/certificates") == 1  # fetched once, cached


def test_expired_transaction_is_closed_and_replaced(merchant, wx_order):
    tx = open_tx(wx_order)
    PayTransaction.objects.filter(pk=tx.pk).update(expires_at=timezone.now() + datetime.timedelta(minutes=1))
    data = get_provider("wechat").create(wx_order)
    assert data["out_trade_no"] != tx.out_trade_no
    tx.refresh_from_db()
    assert tx.state == PayState.CLOSED and merchant.pay_orders[tx.out_trade_no]["trade_state"] == "CLOSED"


def test_jsapi_order_and_signed_parameters(merchant, wx_order):
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import padding
    import base64

    from careers.wechat.fake.pay_demo_keys import DEMO_MERCHANT_PRIVATE_KEY

    provider = get_provider("wechat")
    data = provider.create(wx_order, payer_openid="oUnit000000000000000000001")
    params = data["jsapi"]
    assert data["mode"] == "jsapi" and params["package"].startswith("prepay_id=wx") and params["signType"] == "RSA"
    public = serialization.load_pem_private_key(DEMO_MERCHANT_PRIVATE_KEY.encode(), None).public_key()
    text = f"{params['appId']}\n{params['timeStamp']}\n{params['nonceStr']}\n{params['package']}\n"
    public.verify(base64.b64decode(params["paySign"]), text.encode(), padding.PKCS1v15(), hashes.SHA256())
    assert params["appId"] == "wx1234567890abcdef"
    # the Native QR opened with the order was closed: only one of them can be paid
    native = wx_order.wechat_transactions.get(trade_type="NATIVE")
    assert native.state == PayState.CLOSED
    again = provider.create(wx_order, payer_openid="oUnit000000000000000000001")
    assert again["out_trade_no"] == data["out_trade_no"]


def test_fake_refuses_a_bad_request_signature(merchant, wx_participation):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    pay_client.pay_client()  # certificates fetched with the right key
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    merchant.pay_configure(merchant_private_key=other.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode())
    with pytest.raises(ValidationError, match="SIGN_ERROR"):
        actions.create_order(wx_participation, method="wechat")
    assert not wx_participation.orders.exists()


def test_api_errors_are_refused_in_chinese(merchant, wx_participation):
    merchant.pay_fail_next("/v3/pay/transactions/native", code="SYSTEM_ERROR", status=500, message="系统繁忙")
    with pytest.raises(ValidationError, match="系统繁忙"):
        actions.create_order(wx_participation, method="wechat")
    assert not wx_participation.orders.exists()
    assert actions.create_order(wx_participation, method="wechat").changed


def test_disabled_merchant_is_not_offered_and_refused(merchant, wx_participation):
    from careers.wechat.pay.models import MerchantSettings

    MerchantSettings.objects.filter(pk=1).update(enabled=False)
    assert not get_provider("wechat").available()
    with pytest.raises(ValidationError, match="未启用"):
        actions.create_order(wx_participation, method="wechat")


def test_reconcile_marks_paid_when_the_notification_was_lost(merchant, wx_order):
    tx = open_tx(wx_order)
    merchant.pay(tx.out_trade_no, send=False)
    assert reconcile(older_than_minutes=10)["paid"] == 0  # too recent
    PayTransaction.objects.filter(pk=tx.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=11))
    counts = reconcile(older_than_minutes=10)
    assert counts["paid"] == 1
    wx_order.refresh_from_db()
    tx.refresh_from_db()
    assert wx_order.status == OrderStatus.PAID and tx.state == PayState.SUCCESS
    assert wx_order.transaction_id == merchant.pay_orders[tx.out_trade_no]["transaction_id"]
    assert reconcile(older_than_minutes=0)["paid"] == 0  # nothing left unpaid


def test_reconcile_closes_expired_and_command(merchant, wx_order):
    from io import StringIO

    from django.core.management import call_command

    tx = open_tx(wx_order)
    PayTransaction.objects.filter(pk=tx.pk).update(created_at=timezone.now() - datetime.timedelta(hours=3),
                                                   expires_at=timezone.now() - datetime.timedelta(hours=1))
    out = StringIO()
    call_command("wechat_pay_reconcile", "--older-than", "10", stdout=out)
    assert "已关闭 1" in out.getvalue()
    tx.refresh_from_db()
    assert tx.state == PayState.CLOSED and merchant.pay_orders[tx.out_trade_no]["trade_state"] == "CLOSED"
    wx_order.refresh_from_db()
    assert wx_order.status == OrderStatus.UNPAID  # the 费用订单 stays payable: a new QR is opened on the page


def test_reconcile_task_runs(merchant, wx_order):
    from careers.wechat.pay.tasks import reconcile_payments

    assert reconcile_payments.delay(older_than_minutes=0).get() == {"paid": 0, "closed": 0, "open": 1, "error": 0}


def test_refund_through_wechat(merchant, wx_order):
    tx = open_tx(wx_order)
    merchant.pay(tx.out_trade_no, send=False)
    reconcile(older_than_minutes=0)
    wx_order.refresh_from_db()
    outcome = actions.refund(wx_order, "单位未能到场")
    assert outcome.changed
    tx.refresh_from_db()
    assert tx.state == PayState.REFUND and tx.refund_no.startswith("5030")
    assert merchant.pay_orders[tx.out_trade_no]["refunded"] == 86000
    wx_order.refresh_from_db()
    assert wx_order.status == OrderStatus.REFUNDED


def test_refund_failure_keeps_the_order_paid(merchant, wx_order):
    tx = open_tx(wx_order)
    merchant.pay(tx.out_trade_no, send=False)
    reconcile(older_than_minutes=0)
    merchant.pay_fail_next("/v3/refund/domestic/refunds", code="NOT_ENOUGH", status=403, message="基本账户余额不足")
    wx_order.refresh_from_db()
    with pytest.raises(ValidationError, match="微信支付退款失败：.*基本账户余额不足"):
        actions.refund(wx_order, "单位未能到场")
    wx_order.refresh_from_db()
    assert wx_order.status == OrderStatus.PAID


def test_unit_page_shows_qr_then_paid(client, merchant, wx_participation, employer):  # noqa: F811
    client.force_login(employer.user)
    url = reverse("company_events:payment", args=[wx_participation.fair_id])
    page = client.get(url).content.decode()
    assert 'value="wechat"' in page
    client.post(reverse("company_events:payment_start", args=[wx_participation.fair_id]), {"method": "wechat"})
    page = client.get(url).content.decode()
    assert 'id="wechat-qr"' in page and "<svg" in page and "sim-pay-link" in page
    order = wx_participation.orders.get()
    status_url = reverse("wechat_company:pay_order_status", args=[order.pk])
    assert "等待支付" in client.get(status_url).content.decode()
    merchant.pay(open_tx(order).out_trade_no, send=False)  # the notification is lost: the poll queries
    PayTransaction.objects.update(checked_at=None)
    response = client.get(status_url)
    assert response.status_code == 204 and response["HX-Redirect"] == url
    assert 'id="order-paid"' in client.get(url).content.decode()


def test_unit_page_inside_wechat_links_to_jsapi(client, merchant, wx_order, employer):  # noqa: F811
    from careers.wechat.binding.models import WechatBinding

    client.force_login(employer.user)
    page = client.get(reverse("company_events:payment", args=[wx_order.participation.fair_id]),
                      HTTP_USER_AGENT=WECHAT_UA).content.decode()
    assert 'id="wechat-jsapi-link"' in page
    jsapi = reverse("wechat_company:pay_jsapi") + f"?order={wx_order.pk}"
    assert "尚未绑定微信" in client.get(jsapi, HTTP_USER_AGENT=WECHAT_UA).content.decode()
    WechatBinding.objects.create(user=employer.user, openid="oUnit000000000000000000001")
    page = client.get(jsapi, HTTP_USER_AGENT=WECHAT_UA).content.decode()
    assert 'id="jsapi-params"' in page and "prepay_id=wx" in page


def test_other_units_order_is_not_reachable(client, merchant, wx_order):
    from tests.factories import EmployerFactory

    other = EmployerFactory(admitted=True)
    client.force_login(other.user)
    assert client.get(reverse("wechat_company:pay_order_status", args=[wx_order.pk])).status_code == 404
    assert client.get(reverse("wechat_company:pay_jsapi") + f"?order={wx_order.pk}").status_code == 404


def test_offline_transfer_still_works(client, merchant, wx_participation, employer):  # noqa: F811
    client.force_login(employer.user)
    client.post(reverse("company_events:payment_start", args=[wx_participation.fair_id]), {"method": "offline"})
    page = client.get(reverse("company_events:payment", args=[wx_participation.fair_id])).content.decode()
    assert 'id="payee-info"' in page and "wechat-qr" not in page


def test_switching_to_jsapi_finds_the_qr_already_paid(merchant, wx_order):
    """The QR was paid but its notification is lost; opening the order in WeChat closes the QR first — WeChat says
    ORDERPAID — so the payment is applied by query instead of a second order."""
    tx = open_tx(wx_order)
    merchant.pay(tx.out_trade_no, send=False)
    data = get_provider("wechat").create(wx_order, payer_openid="oUnit000000000000000000001")
    assert data["mode"] == "paid"
    wx_order.refresh_from_db()
    assert wx_order.status == OrderStatus.PAID and PayTransaction.objects.count() == 1


def test_fake_refuses_paying_twice_and_closed_orders(merchant, wx_order):
    tx = open_tx(wx_order)
    client = pay_client.pay_client()
    merchant.pay(tx.out_trade_no, send=False)
    with pytest.raises(pay_client.PayError) as exc:
        client.call("close", out_trade_no=tx.out_trade_no)
    assert exc.value.code == "ORDERPAID"
    with pytest.raises(pay_client.PayError) as exc:
        client.call("query", out_trade_no="NOSUCHORDER01")
    assert exc.value.code == "ORDER_NOT_EXIST" and exc.value.status == 404


def test_slow_wechat_times_out_with_a_clear_message(merchant, wx_participation, settings):
    settings.WECHAT_TIMEOUT = 0.3
    pay_client._cache.clear()
    pay_client.pay_client()
    merchant.delay = 1.0
    with pytest.raises(ValidationError, match="连接微信支付失败"):
        actions.create_order(wx_participation, method="wechat")
    merchant.delay = 0
    assert not wx_participation.orders.exists()
