"""Demo WeChat Pay: 微信商户设置 configured for the fake WeChat (its TEST-ONLY keys), the upcoming demo fair
offering 微信支付, one pending unit with an unpaid WeChat order (an open Native QR and an earlier closed one),
another paid by WeChat (its notification recorded), and 测试支付 in the other states (paid, failed, refunded).
Rows only: no call to WeChat (the fake may not be running while the demo is built). Idempotent."""

import datetime

from django.utils import timezone

from careers.wechat.fake import pay_demo_keys as keys

from .models import MerchantSettings, PayNotification, PayState, PayTransaction, TradeType


def seed(rng, years):
    MerchantSettings.objects.get_or_create(pk=1, defaults=dict(
        mch_id=keys.DEMO_MCH_ID, api_v3_key=keys.DEMO_API_V3_KEY, cert_serial_no=keys.DEMO_CERT_SERIAL,
        private_key=keys.DEMO_MERCHANT_PRIVATE_KEY, enabled=True))
    _fair_orders()
    _test_payments()


def _tx(out_trade_no, **fields):
    now = timezone.now()
    defaults = dict(trade_type=TradeType.NATIVE, description="参会费用", expires_at=now + datetime.timedelta(hours=2),
                    code_url=f"weixin://wxpay/bizpayurl?pr=demo{out_trade_no[-6:]}")
    defaults.update(fields)
    return PayTransaction.objects.get_or_create(out_trade_no=out_trade_no, defaults=defaults)[0]


def _fair_orders():
    from careers.events.fairs.demo import UPCOMING
    from careers.events.models import Fair, Order, OrderStatus, Participation

    fair = Fair.objects.filter(title=UPCOMING).first()
    if fair is None:
        return
    if "wechat" not in (fair.payment_methods or []):
        fair.payment_methods = [*(fair.payment_methods or []), "wechat"]
        fair.save(update_fields=["payment_methods"])
    pending = list(Participation.objects.filter(fair=fair, status="pending", amount_due__gt=0).order_by("pk")[:2])
    now = timezone.now()
    for n, participation in enumerate(pending):
        number = f"DEMOWX{participation.pk:08d}"
        paid = n == 1
        order, _ = Order.objects.get_or_create(number=number, defaults=dict(
            participation=participation, description=f"{fair.title} 参会费用", method="wechat",
            amount_fen=int(participation.amount_due * 100), status=OrderStatus.PAID if paid else OrderStatus.UNPAID,
            transaction_id=f"4200000000{participation.pk:018d}" if paid else "",
            paid_at=now - datetime.timedelta(days=1) if paid else None))
        base = dict(order=order, amount_fen=order.amount_fen, description=order.description)
        if paid:
            _tx(f"{number}J01", trade_type=TradeType.JSAPI, code_url="", prepay_id=f"wxdemo{participation.pk:020d}",
                state=PayState.SUCCESS, transaction_id=order.transaction_id, paid_at=order.paid_at,
                payer_openid="oDemoPayer00000000000000002", **base)
            PayNotification.objects.get_or_create(notification_id=f"demo-{number}", defaults=dict(
                event_type="TRANSACTION.SUCCESS", out_trade_no=f"{number}J01", outcome=f"订单 {number} 已确认收款。"))
        else:
            _tx(f"{number}N01", state=PayState.CLOSED, expires_at=now - datetime.timedelta(hours=20), **base)
            # still NOTPAY but expired (not yet reconciled): the unit's page opens a fresh QR at the fake
            _tx(f"{number}N02", expires_at=now - datetime.timedelta(minutes=30), **base)


def _test_payments():
    now = timezone.now()
    test = dict(is_test=True, amount_fen=10, description="微信商户设置测试支付")
    _tx("TESTDEMO0001", state=PayState.SUCCESS, transaction_id="4200000000202600000000000001",
        paid_at=now - datetime.timedelta(days=30), payer_openid="oDemoAdmin000000000000000001", **test)
    _tx("TESTDEMO0002", state=PayState.PAYERROR, **test)
    _tx("TESTDEMO0003", state=PayState.REFUND, transaction_id="4200000000202600000000000003",
        refund_no="503000000020260000000003", paid_at=now - datetime.timedelta(days=29), **test)
    _tx("TESTDEMO0004", expires_at=now - datetime.timedelta(minutes=30), **test)  # never scanned, expired
