# ruff: noqa: F811  (pytest fixtures imported from tests/wechat/pay_support.py)
"""The payment notification endpoint: platform signature (bad / stale / unknown serial refused), AES-256-GCM
decryption, mchid / appid / amount / order checks — a refusal is 4xx {"code": "FAIL"}, logged, nothing marked —
and idempotency (a duplicate notification or payment moves the order once)."""

import threading
import time

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.db import connection

from careers.core.models import OperationLog
from careers.events.models import OrderStatus
from careers.wechat.pay.models import PayNotification, PayState
from tests.wechat.pay_support import (_private_media, code_tables, employer, merchant, open_tx,  # noqa: F401
                                      post_notification, wx_fair, wx_order, wx_participation)

pytestmark = pytest.mark.django_db


def paid(fake, order, **kw):
    tx = open_tx(order)
    fake.pay(tx.out_trade_no, send=False)
    return tx, fake.pay_notification(tx.out_trade_no, **kw)


def assert_refused(response, order, text, status=400):
    assert response.status_code == status, response.content
    assert response.json()["code"] == "FAIL" and text in response.json()["message"]
    order.refresh_from_db()
    assert order.status == OrderStatus.UNPAID
    assert open_tx(order).state == PayState.NOTPAY
    assert OperationLog.objects.filter(module="微信支付", action="notify_refused", message__contains=text).exists()


def test_notification_pays_the_order_once(client, merchant, wx_order):
    tx, (headers, body) = paid(merchant, wx_order)
    response = post_notification(client, headers, body)
    assert response.status_code == 204
    wx_order.refresh_from_db()
    tx.refresh_from_db()
    assert wx_order.status == OrderStatus.PAID and wx_order.transaction_id == tx.transaction_id.ljust(0)
    assert tx.state == PayState.SUCCESS and tx.transaction_id.startswith("4200") and tx.paid_at
    # WeChat's retry (same id) and a new notification of the same payment: no second move
    assert post_notification(client, headers, body).status_code == 204
    again = merchant.pay_notification(tx.out_trade_no)
    assert post_notification(client, *again).status_code == 204
    assert wx_order.history.filter(status="paid").count() == 1
    assert OperationLog.objects.filter(module="参会费用", action="pay", object_id=str(wx_order.pk)).count() == 1
    assert PayNotification.objects.count() == 2
    from careers.events.payments.actions import is_paid
    assert is_paid(wx_order.participation)


def test_bad_signature_refused(client, merchant, wx_order):
    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    _, (headers, body) = paid(merchant, wx_order, key=other)
    assert_refused(post_notification(client, headers, body), wx_order, "签名验证失败", 401)


def test_tampered_body_refused(client, merchant, wx_order):
    _, (headers, body) = paid(merchant, wx_order)
    assert_refused(post_notification(client, headers, body.replace("支付成功", "支付成功 ")), wx_order,
                   "签名验证失败", 401)


def test_stale_timestamp_refused(client, merchant, wx_order):
    _, (headers, body) = paid(merchant, wx_order, timestamp=int(time.time()) - 301)
    assert_refused(post_notification(client, headers, body), wx_order, "超过 5 分钟", 401)


def test_unknown_serial_refused(client, merchant, wx_order):
    _, (headers, body) = paid(merchant, wx_order, serial="ABCDEF0123456789")
    assert_refused(post_notification(client, headers, body), wx_order, "序列号", 401)


def test_missing_headers_refused(client, merchant, wx_order):
    _, (headers, body) = paid(merchant, wx_order)
    del headers["Wechatpay-Signature"]
    assert_refused(post_notification(client, headers, body), wx_order, "缺少", 401)


def test_wrong_api_key_cannot_be_decrypted(client, merchant, wx_order):
    _, (headers, body) = paid(merchant, wx_order, api_v3_key="X" * 32)
    assert_refused(post_notification(client, headers, body), wx_order, "解密失败")


def test_wrong_amount_refused(client, merchant, wx_order):
    _, (headers, body) = paid(merchant, wx_order, total=1)
    assert_refused(post_notification(client, headers, body), wx_order, "金额不符")


def test_wrong_mchid_and_appid_refused(client, merchant, wx_order):
    _, (headers, body) = paid(merchant, wx_order, mchid="1999999999")
    assert_refused(post_notification(client, headers, body), wx_order, "商户号不符")
    _, (headers, body) = paid(merchant, wx_order, appid="wx0000000000000000")
    assert_refused(post_notification(client, headers, body), wx_order, "AppID 不符")


def test_unknown_order_refused(client, merchant, wx_order):
    tx = open_tx(wx_order)
    merchant.pay(tx.out_trade_no, send=False)
    merchant.pay_orders["FRUNKNOWN0001"] = dict(merchant.pay_orders[tx.out_trade_no], out_trade_no="FRUNKNOWN0001")
    headers, body = merchant.pay_notification("FRUNKNOWN0001")
    assert_refused(post_notification(client, headers, body), wx_order, "未知的商户订单号", 404)
    assert not PayNotification.objects.exists()


def test_closed_order_paid_late_is_recorded_for_refund(client, merchant, wx_order):
    from careers.events.payments import actions

    tx, (headers, body) = paid(merchant, wx_order)
    actions.close(wx_order, note="测试")
    assert post_notification(client, headers, body).status_code == 204
    tx.refresh_from_db()
    wx_order.refresh_from_db()
    assert tx.state == PayState.SUCCESS and wx_order.status == OrderStatus.CLOSED
    assert OperationLog.objects.filter(module="微信支付", action="paid_conflict").exists()


def test_notification_sent_by_the_fake_over_http(live_server, settings, merchant, wx_order):
    settings.SITE_URL = live_server.url
    from careers.wechat.pay import client as pay_client
    pay_client._cache.clear()
    tx = open_tx(wx_order)
    # the order was created with the notify URL of SITE_URL at the time: point the fake's copy at the live server
    merchant.pay_orders[tx.out_trade_no]["notify_url"] = live_server.url + "/wxpay/notify/"
    results = merchant.pay(tx.out_trade_no, duplicates=2)
    assert [status for status, _ in results] == [204, 204, 204]
    wx_order.refresh_from_db()
    assert wx_order.status == OrderStatus.PAID
    assert wx_order.history.filter(status="paid").count() == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_duplicates_pay_once(merchant, wx_participation):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers")
    from django.test import Client

    from careers.events.payments import actions
    order = actions.create_order(wx_participation, method="wechat").order
    tx, (headers, body) = paid(merchant, order)
    statuses = []

    def send():
        try:
            statuses.append(post_notification(Client(), headers, body).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert statuses == [204] * 8
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID and order.history.filter(status="paid").count() == 1
