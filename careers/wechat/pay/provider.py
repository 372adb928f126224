"""`WeChatPay`: the 参会费用 PaymentProvider for WeChat Pay API v3 (JSAPI inside WeChat, Native QR on PC).

One `PayTransaction` per WeChat order (`out_trade_no` = the 费用订单's number + N/J + a sequence number, or TEST…
for 测试支付). `create(order)` reuses the order's open transaction of the same kind and payer, else closes the
others (so at most one can be paid) and opens a new one. Money arrives by the notification (`handle_notification`:
platform signature, ≤ 5 minutes old, AES-256-GCM resource, mchid/appid/amount/order checked, one PayNotification
per notification id) or, when a notification is missing, by `reconcile` (query by out_trade_no); both end in
`apply_success`, which moves the 费用订单 with `payments.actions.mark_paid` (idempotent under the order's lock).
"""

import datetime
import json
import logging
import secrets
import threading
import time

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from wechatpayv3 import WeChatPayType
from wechatpayv3.utils import aes_decrypt, rsa_verify

from careers.core.history import log_event
from careers.core.transitions import locked
from careers.events.payments.providers import PaymentProvider, register_provider

from . import client as pay
from .models import PayNotification, PayState, PayTransaction, TradeType

MODULE = "微信支付"
SIGN_TYPE = "WECHATPAY2-SHA256-RSA2048"
STALE_SECONDS = 300
EXPIRES = datetime.timedelta(hours=2)
REUSE_MARGIN = datetime.timedelta(minutes=5)  # an open transaction this close to expiring is not reused
TEST_AMOUNT_FEN = 10
CST = datetime.timezone(datetime.timedelta(hours=8))
log = logging.getLogger(__name__)
_refresh_lock = threading.Lock()


class NotificationRefused(ValidationError):
    """A notification we do not accept; `status` is the HTTP answer (WeChat retries anything but 2xx)."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.status = status


def _refuse_call(exc):
    raise ValidationError(exc.message) from exc


# -- opening, closing ------------------------------------------------------------------------------------
def _next_out_trade_no(order, trade_type):
    n = order.wechat_transactions.count() + 1
    while True:
        number = f"{order.number}{trade_type[0]}{n:02d}"[-32:]
        if not PayTransaction.objects.filter(out_trade_no=number).exists():
            return number
        n += 1


def test_out_trade_no():
    return f"TEST{timezone.localtime():%Y%m%d%H%M%S}{secrets.token_hex(3).upper()}"


def open_transaction(client, *, out_trade_no, trade_type, amount_fen, description, order=None, is_test=False,
                     payer_openid=""):
    """A new WeChat order (Native: code_url; JSAPI: prepay_id) and its PayTransaction; ValidationError on refusal."""
    expires = timezone.now() + EXPIRES
    kwargs = dict(description=description[:127], out_trade_no=out_trade_no,
                  amount={"total": amount_fen, "currency": "CNY"}, notify_url=pay.notify_url(),
                  time_expire=expires.astimezone(CST).replace(microsecond=0).isoformat(),
                  pay_type=WeChatPayType.JSAPI if trade_type == TradeType.JSAPI else WeChatPayType.NATIVE)
    if trade_type == TradeType.JSAPI:
        kwargs["payer"] = {"openid": payer_openid}
    try:
        answer = client.call("pay", **kwargs)
    except pay.PayError as exc:
        _refuse_call(exc)
    return PayTransaction.objects.create(
        out_trade_no=out_trade_no, order=order, is_test=is_test, trade_type=trade_type, amount_fen=amount_fen,
        description=description[:127], payer_openid=payer_openid, code_url=answer.get("code_url", ""),
        prepay_id=answer.get("prepay_id", ""), expires_at=expires)


def close_transaction(client, tx):
    """Close `tx` at WeChat (it can no longer be paid). A transaction WeChat says is paid is applied instead."""
    try:
        client.call("close", out_trade_no=tx.out_trade_no)
    except pay.PayError as exc:
        if exc.code == "ORDERPAID":
            return reconcile_one(client, tx)
        if exc.code != "ORDER_NOT_EXIST":
            _refuse_call(exc)
    PayTransaction.objects.filter(pk=tx.pk, state=PayState.NOTPAY).update(state=PayState.CLOSED,
                                                                         checked_at=timezone.now())
    return "closed"


# -- what the payer's page needs --------------------------------------------------------------------------
def jsapi_parameters(client, prepay_id):
    """The signed parameters of WeixinJSBridge.invoke('getBrandWCPayRequest', …) / wx.chooseWXPay."""
    params = {"appId": client._appid, "timeStamp": str(int(time.time())), "nonceStr": secrets.token_hex(16),
              "package": f"prepay_id={prepay_id}", "signType": "RSA"}
    params["paySign"] = client.sign([params["appId"], params["timeStamp"], params["nonceStr"], params["package"]])
    return params


def instructions(client, tx):
    from django.conf import settings

    from .qr import qr_svg

    data = {"kind": "wechat", "mode": tx.trade_type.lower(), "out_trade_no": tx.out_trade_no,
            "transaction": tx, "amount_fen": tx.amount_fen, "expires_at": tx.expires_at}
    if tx.trade_type == TradeType.NATIVE:
        data.update(code_url=tx.code_url, qr_svg=qr_svg(tx.code_url))
        if settings.WECHAT_FAKE_URL:
            data["sim_url"] = f"{settings.WECHAT_FAKE_URL}/_sim/pay/{tx.out_trade_no}"
    else:
        data["jsapi"] = jsapi_parameters(client, tx.prepay_id)
    return data


# -- money arrives -----------------------------------------------------------------------------------------
def apply_success(tx, *, transaction_id, payer_openid=""):
    """`tx` (locked by the caller's transaction) was paid: record it and move its 费用订单 (once)."""
    from careers.events.payments import actions as payments

    if tx.state in (PayState.SUCCESS, PayState.REFUND):
        return f"交易 {tx.out_trade_no} 已记录为支付成功，未重复处理。"
    tx.state, tx.transaction_id, tx.paid_at = PayState.SUCCESS, transaction_id[:32], timezone.now()
    tx.payer_openid = tx.payer_openid or payer_openid[:64]
    tx.save()
    if tx.is_test:
        log_event("test_paid", module=MODULE, obj=tx, message=f"测试支付成功：{tx.out_trade_no}，0.10 元")
        return f"测试支付 {tx.out_trade_no} 支付成功。"
    order = tx.order
    try:
        outcome = payments.mark_paid(order, transaction_id=transaction_id, by=None)
    except ValidationError as exc:
        message = (f"微信支付交易 {tx.out_trade_no} 已付款，但订单 {order.number} 不能确认收款"
                   f"（{'；'.join(exc.messages)}），请核实后退款。")
        log_event("paid_conflict", module=MODULE, obj=tx, message=message)
        return message
    if not outcome.changed and outcome.order.transaction_id != transaction_id:
        message = (f"订单 {order.number} 已由其他交易支付，微信支付交易 {tx.out_trade_no} 为重复付款，请退款。")
        log_event("paid_twice", module=MODULE, obj=tx, message=message)
        return message
    return outcome.message


def _check_resource(res, tx, m, appid):
    if res.get("mchid") != m.mch_id:
        raise NotificationRefused(f"商户号不符（通知 {res.get('mchid')}，本系统 {m.mch_id}）。")
    if res.get("appid") != appid:
        raise NotificationRefused(f"AppID 不符（通知 {res.get('appid')}）。")
    if tx is None:
        raise NotificationRefused(f"未知的商户订单号 {res.get('out_trade_no')}。", status=404)
    total = (res.get("amount") or {}).get("total")
    if total != tx.amount_fen or (tx.order is not None and total != tx.order.amount_fen):
        raise NotificationRefused(f"金额不符：通知 {total} 分，订单 {tx.amount_fen} 分。")


def platform_key(client, serial):
    """The platform public key named by `Wechatpay-Serial`: the 微信支付公钥 (by its ID) or a platform
    certificate (refreshed from /v3/certificates at most once a minute for an unknown serial)."""
    core = client._core
    if core._public_key_id and serial == core._public_key_id:
        return core._public_key
    try:
        number = int(serial, 16)
    except (TypeError, ValueError):
        return None
    for attempt in range(2):
        for cert in list(core._certificates):
            if cert.serial_number == number:
                return cert.public_key()
        with _refresh_lock:
            if attempt or time.monotonic() - client.refreshed_at < 60:
                return None
            client.refreshed_at = time.monotonic()
            try:
                core._update_certificates()
            except Exception:  # network: the notification is retried by WeChat
                log.exception("could not refresh the WeChat Pay platform certificates")
                return None
    return None


def verify_and_decrypt(meta, body):
    """The notification's decrypted resource (dict) and its envelope, or NotificationRefused."""
    signature = meta.get("HTTP_WECHATPAY_SIGNATURE", "")
    timestamp = meta.get("HTTP_WECHATPAY_TIMESTAMP", "")
    nonce = meta.get("HTTP_WECHATPAY_NONCE", "")
    serial = meta.get("HTTP_WECHATPAY_SERIAL", "")
    sign_type = meta.get("HTTP_WECHATPAY_SIGNATURE_TYPE", SIGN_TYPE)
    if not (signature and timestamp and nonce and serial):
        raise NotificationRefused("缺少微信支付签名头。", status=401)
    if sign_type != SIGN_TYPE:
        raise NotificationRefused(f"不支持的签名类型 {sign_type}。", status=401)
    if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > STALE_SECONDS:
        raise NotificationRefused("通知时间戳与当前时间相差超过 5 分钟，拒绝处理。", status=401)
    m, appid = pay.merchant(), pay.app_id()
    try:
        client = pay.pay_client(m, require_enabled=False, appid=appid)
    except pay.PayError as exc:
        raise NotificationRefused(exc.message, status=500) from exc
    key = platform_key(client, serial)
    if key is None:
        raise NotificationRefused(f"未知的微信支付平台证书序列号 {serial[:64]}。", status=401)
    text = body.decode("utf-8", "replace")
    if not rsa_verify(timestamp, nonce, text, signature, key):
        raise NotificationRefused("微信支付签名验证失败。", status=401)
    try:
        envelope = json.loads(text)
        resource = envelope["resource"]
        if resource.get("algorithm") != "AEAD_AES_256_GCM":
            raise NotificationRefused(f"不支持的加密算法 {resource.get('algorithm')}。")
        plaintext = aes_decrypt(nonce=resource["nonce"], ciphertext=resource["ciphertext"],
                                associated_data=resource.get("associated_data") or "",
                                apiv3_key=client._core._apiv3_key)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise NotificationRefused("通知内容格式错误。") from exc
    if plaintext is None:
        raise NotificationRefused("通知解密失败，请核对APIv3密钥。")
    try:
        return envelope, json.loads(plaintext), m, appid
    except ValueError as exc:
        raise NotificationRefused("通知内容格式错误。") from exc


def process_notification(meta, body):
    """Verify, decrypt and apply one payment notification: (PayTransaction | None, outcome text).
    A repeated notification id, or a repeated payment, is a no-op; a refusal is logged and changes nothing."""
    try:
        envelope, res, m, appid = verify_and_decrypt(meta, body)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    note = PayNotification.objects.create(
                        notification_id=str(envelope.get("id") or "")[:64] or secrets.token_hex(16),
                        event_type=str(envelope.get("event_type") or "")[:40],
                        out_trade_no=str(res.get("out_trade_no") or "")[:32])
            except IntegrityError:
                return None, f"重复通知 {envelope.get('id')}，已处理过。"
            tx = (PayTransaction.objects.select_for_update(of=("self",)).select_related("order")
                  .filter(out_trade_no=str(res.get("out_trade_no") or "")).first())
            _check_resource(res, tx, m, appid)
            if res.get("trade_state") != "SUCCESS":
                note.outcome = f"交易状态 {res.get('trade_state')}，未处理。"
            else:
                note.outcome = apply_success(tx, transaction_id=str(res.get("transaction_id") or ""),
                                             payer_openid=str((res.get("payer") or {}).get("openid") or ""))
            note.outcome = note.outcome[:200]
            note.save(update_fields=["outcome"])
            return tx, note.outcome
    except NotificationRefused as exc:
        message = f"拒绝微信支付通知：{exc.messages[0]}"
        log.warning(message)
        log_event("notify_refused", module=MODULE, message=message)
        raise


# -- reconciliation ------------------------------------------------------------------------------------------
def reconcile_one(client, tx):
    """Query `tx` at WeChat and follow it: paid → apply_success; closed → closed; unpaid past its expiry (or its
    费用订单 no longer unpaid) → closed at WeChat. Returns what happened ("paid", "closed", "open", "error")."""
    try:
        data = client.call("query", out_trade_no=tx.out_trade_no)
    except pay.PayError as exc:
        if exc.code == "ORDER_NOT_EXIST":
            PayTransaction.objects.filter(pk=tx.pk, state=PayState.NOTPAY).update(state=PayState.CLOSED,
                                                                                 checked_at=timezone.now())
            return "closed"
        PayTransaction.objects.filter(pk=tx.pk).update(checked_at=timezone.now())
        log.warning("WeChat Pay query %s failed: %s", tx.out_trade_no, exc.message)
        return "error"
    state = data.get("trade_state")
    if state in ("SUCCESS", "REFUND"):
        try:
            with transaction.atomic():
                current = locked(tx)
                _check_resource(data, current, pay.merchant(), pay.app_id())
                outcome = apply_success(current, transaction_id=str(data.get("transaction_id") or ""),
                                        payer_openid=str((data.get("payer") or {}).get("openid") or ""))
                PayTransaction.objects.filter(pk=tx.pk).update(checked_at=timezone.now())
        except NotificationRefused as exc:
            log_event("reconcile_refused", module=MODULE, obj=tx, message=f"查单结果不符：{exc.messages[0]}")
            return "error"
        log_event("reconcile", module=MODULE, obj=tx, message=f"查单确认支付：{tx.out_trade_no}。{outcome}")
        return "paid"
    if state in ("CLOSED", "REVOKED", "PAYERROR"):
        PayTransaction.objects.filter(pk=tx.pk, state=PayState.NOTPAY).update(state=PayState.CLOSED,
                                                                             checked_at=timezone.now())
        return "closed"
    order_gone = tx.order_id is not None and tx.order.status != "unpaid"
    if tx.expires_at <= timezone.now() or order_gone:
        try:
            return close_transaction(client, tx)
        except ValidationError:
            return "error"
    PayTransaction.objects.filter(pk=tx.pk).update(checked_at=timezone.now())
    return "open"


def reconcile(*, older_than_minutes=10, limit=500):
    """Every unpaid transaction older than `older_than_minutes`, queried: counts of what happened."""
    cutoff = timezone.now() - datetime.timedelta(minutes=older_than_minutes)
    counts = {"paid": 0, "closed": 0, "open": 0, "error": 0}
    pending = list(PayTransaction.objects.filter(state=PayState.NOTPAY, created_at__lt=cutoff)
                   .select_related("order").order_by("pk")[:limit])
    if not pending:
        return counts
    client = pay.pay_client(require_enabled=False)
    for tx in pending:
        counts[reconcile_one(client, tx)] += 1
    return counts


def refresh(tx, *, min_interval=10):
    """For a polling page: query an unpaid transaction now and then (a notification may never reach us)."""
    if tx.state != PayState.NOTPAY:
        return tx
    if tx.checked_at and (timezone.now() - tx.checked_at).total_seconds() < min_interval:
        return tx
    try:
        reconcile_one(pay.pay_client(require_enabled=False), tx)
    except pay.PayError:
        return tx
    tx.refresh_from_db()
    return tx


# -- the provider ---------------------------------------------------------------------------------------------
class WeChatPay(PaymentProvider):
    code = "wechat"  # fairs.PaymentMethod.WECHAT
    label = "微信支付"
    confirms_manually = False

    def create(self, order, *, payer_openid=""):
        """JSAPI with `payer_openid` (the unit's page inside WeChat), else Native (QR). An open transaction of the
        same kind is reused without calling WeChat (a Native QR needs no client at all)."""
        from careers.events.models import Order, OrderStatus

        trade_type = TradeType.JSAPI if payer_openid else TradeType.NATIVE
        client = None
        with transaction.atomic():
            order = locked(order, model=Order)
            if order.status != OrderStatus.UNPAID:
                raise ValidationError(f"订单 {order.number} 当前为“{order.get_status_display()}”，无需支付。")
            tx = (order.wechat_transactions.filter(
                state=PayState.NOTPAY, trade_type=trade_type, amount_fen=order.amount_fen, payer_openid=payer_openid,
                expires_at__gt=timezone.now() + REUSE_MARGIN).order_by("-pk").first())
            if tx is None or trade_type == TradeType.JSAPI:
                try:
                    client = pay.pay_client()
                except pay.PayError as exc:
                    _refuse_call(exc)
            if tx is None:
                for other in order.wechat_transactions.filter(state=PayState.NOTPAY):
                    if close_transaction(client, other) == "paid":
                        return {"kind": "wechat", "mode": "paid", "out_trade_no": other.out_trade_no}
                tx = open_transaction(client, out_trade_no=_next_out_trade_no(order, trade_type),
                                      trade_type=trade_type, amount_fen=order.amount_fen,
                                      description=order.description, order=order, payer_openid=payer_openid)
                log_event("create", module=MODULE, obj=tx, message=(
                    f"微信支付下单（{tx.get_trade_type_display()}）：订单 {order.number}，交易 {tx.out_trade_no}，"
                    f"{order.amount_yuan} 元"))
        return instructions(client, tx)

    def available(self):
        """Offered on the unit's page only when 微信商户设置 is enabled and complete."""
        return pay.configured()

    def page_instructions(self, request, order):
        """Inside WeChat (User-Agent MicroMessenger): a button to the JSAPI page (the 支付授权目录); on PC the
        Native QR. A refusal becomes a message on the page, not an error page."""
        from django.urls import reverse

        if "micromessenger" in request.META.get("HTTP_USER_AGENT", "").lower():
            return {"kind": "wechat", "mode": "jsapi_link",
                    "url": f"{reverse('wechat_company:pay_jsapi')}?order={order.pk}"}
        try:
            return self.create(order)
        except ValidationError as exc:
            return {"kind": "wechat", "mode": "error", "error": "；".join(exc.messages)}

    def handle_notification(self, request):
        tx, outcome = process_notification(request.META, request.body)
        return (tx.order if tx is not None else None), outcome

    def refund(self, order, reason):
        txs = order.wechat_transactions.filter(state=PayState.SUCCESS)
        tx = txs.filter(transaction_id=order.transaction_id).first() or txs.order_by("-pk").first()
        if tx is None:
            raise ValidationError(f"订单 {order.number} 没有已支付的微信支付交易，无法原路退款。")
        try:
            client = pay.pay_client(require_enabled=False)
            data = client.call("refund", out_refund_no=f"RF{tx.out_trade_no}", out_trade_no=tx.out_trade_no,
                               amount={"refund": tx.amount_fen, "total": tx.amount_fen, "currency": "CNY"},
                               reason=(reason or "")[:80])
        except pay.PayError as exc:
            raise ValidationError(f"微信支付退款失败：{exc.message}") from exc
        if data.get("status") not in ("SUCCESS", "PROCESSING"):
            raise ValidationError(f"微信支付退款失败：退款状态 {data.get('status')}。")
        tx.state, tx.refund_no = PayState.REFUND, str(data.get("refund_id") or "")[:64]
        tx.save(update_fields=["state", "refund_no"])
        log_event("refund", module=MODULE, obj=tx, message=f"微信支付退款：交易 {tx.out_trade_no}，退款单 {tx.refund_no}")
        return tx.refund_no


provider = register_provider(WeChatPay())
