"""The fake WeChat Pay API v3 (api.mch.weixin.qq.com) on the fake server, speaking the real protocol.

Requests must carry the merchant's `Authorization: WECHATPAY2-SHA256-RSA2048 mchid=…,nonce_str=…,signature=…,
timestamp=…,serial_no=…` (verified with the merchant's public key, derived from its private key — the demo's
TEST-ONLY key in pay_demo_keys.py unless `fake.pay_configure(...)` gives another); every answer is signed with
the fake platform's own RSA key (generated at import) and names its certificate serial in `Wechatpay-Serial`;
`/v3/certificates` returns that certificate encrypted with the API v3 key (AEAD_AES_256_GCM), as WeChat does.

    fake.pay("FR…N01")                      # the payer pays: order SUCCESS + the notification POSTed to notify_url
    fake.pay("FR…N01", send=False)          # …without sending; returns the notification (headers, body)
    fake.pay_notification("FR…N01", total=1) # build a notification (tampered amount, id, timestamp, key…)
    fake.pay_fail_next("/v3/pay/transactions/native", code="SYSTEM_ERROR", status=500)
    fake.pay_orders                          # out_trade_no -> dict (state, amount, notify_url, …)

The crypto here is this module's own (cryptography primitives), not the production code's, so a mistake on one
side is not mirrored on the other. GET /_sim/pay/<out_trade_no> is the payer's page with a 确认支付 button.
"""

import base64
import datetime
import html
import json
import os
import secrets
import threading
import time
import urllib.parse
import urllib.request
import uuid

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.x509.oid import NameOID

from . import pay_demo_keys as demo
from .server import route

SIGN_TYPE = "WECHATPAY2-SHA256-RSA2048"
CST = datetime.timezone(datetime.timedelta(hours=8))
_platform = {}
_platform_lock = threading.Lock()


def platform_identity():
    """The fake platform's RSA key and self-signed certificate, generated once per process."""
    with _platform_lock:
        if not _platform:
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            serial = int.from_bytes(os.urandom(19), "big") | (1 << 150)
            name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Fake Tenpay.com Root CA (TEST ONLY)")])
            now = datetime.datetime.now(datetime.timezone.utc)
            cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                    .serial_number(serial).not_valid_before(now - datetime.timedelta(days=1))
                    .not_valid_after(now + datetime.timedelta(days=365 * 5)).sign(key, hashes.SHA256()))
            _platform.update(key=key, cert=cert, serial=f"{serial:X}",
                             cert_pem=cert.public_bytes(serialization.Encoding.PEM).decode(),
                             public_pem=key.public_key().public_bytes(
                                 serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode())
        return _platform


def _sign(key, text):
    return base64.b64encode(key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()


def _encrypt(api_v3_key, plaintext, associated_data):
    nonce = secrets.token_hex(6)  # 12 characters, as WeChat's
    data = AESGCM(api_v3_key.encode()).encrypt(nonce.encode(), plaintext.encode(), associated_data.encode())
    return {"algorithm": "AEAD_AES_256_GCM", "nonce": nonce, "associated_data": associated_data,
            "ciphertext": base64.b64encode(data).decode()}


def _now_text():
    return datetime.datetime.now(CST).replace(microsecond=0).isoformat()


class PayState:
    def __init__(self):
        self.mch_id = demo.DEMO_MCH_ID
        self.api_v3_key = demo.DEMO_API_V3_KEY
        self.merchant_serial = demo.DEMO_CERT_SERIAL
        self.merchant_public_key = None
        self.orders = {}  # out_trade_no -> dict
        self.refunds = {}  # out_refund_no -> dict
        self.failures = []  # [path prefix, code, status, message, remaining]
        self.notifications = []  # (url, status, body) of every notification sent
        self.set_merchant_key(demo.DEMO_MERCHANT_PRIVATE_KEY)

    def set_merchant_key(self, private_pem):
        key = serialization.load_pem_private_key(private_pem.encode(), password=None)
        self.merchant_public_key = key.public_key()


def setup(fake):
    state = fake.state["pay"] = PayState()
    state.mch_id = fake.mch_id
    fake.pay_orders = state.orders
    fake.pay_refunds = state.refunds
    fake.pay_sent = state.notifications

    def configure(*, mch_id=None, api_v3_key=None, merchant_private_key=None, merchant_serial=None):
        if mch_id:
            state.mch_id = fake.mch_id = mch_id
        if api_v3_key:
            state.api_v3_key = api_v3_key
        if merchant_private_key:
            state.set_merchant_key(merchant_private_key)
        if merchant_serial:
            state.merchant_serial = merchant_serial

    def fail_next(path, *, code="SYSTEM_ERROR", status=500, message="系统错误", times=1):
        with fake.lock:
            state.failures.append([path, code, status, message, times])

    fake.pay_configure = configure
    fake.pay_fail_next = fail_next
    fake.pay = lambda out_trade_no, **kw: pay(fake, out_trade_no, **kw)
    fake.pay_notification = lambda out_trade_no, **kw: build_notification(fake, out_trade_no, **kw)
    fake.pay_platform = platform_identity()


# -- signing of answers, checking of requests ----------------------------------------------------------
def _answer(status, payload=None):
    body = "" if payload is None else json.dumps(payload)
    ident = platform_identity()
    timestamp, nonce = str(int(time.time())), secrets.token_hex(16)
    headers = {"Content-Type": "application/json; charset=utf-8", "Request-ID": str(uuid.uuid4()),
               "Wechatpay-Timestamp": timestamp, "Wechatpay-Nonce": nonce, "Wechatpay-Serial": ident["serial"],
               "Wechatpay-Signature-Type": SIGN_TYPE,
               "Wechatpay-Signature": _sign(ident["key"], f"{timestamp}\n{nonce}\n{body}\n")}
    return status, headers, body


def _error(status, code, message):
    return _answer(status, {"code": code, "message": message})


def _parse_authorization(value):
    scheme, _, rest = (value or "").partition(" ")
    if scheme != SIGN_TYPE:
        return None
    fields = {}
    for part in rest.split(","):
        key, _, val = part.strip().partition("=")
        fields[key] = val.strip('"')
    return fields


def _check(fake, request):
    """The merchant's request signature; None when valid, else the error answer (401 SIGN_ERROR)."""
    state = fake.state["pay"]
    fields = _parse_authorization(request.headers.get("authorization"))
    if not fields or not all(fields.get(k) for k in ("mchid", "nonce_str", "signature", "timestamp", "serial_no")):
        return _error(401, "SIGN_ERROR", "Authorization 头缺失或格式错误")
    if fields["mchid"] != state.mch_id:
        return _error(401, "SIGN_ERROR", "商户号与签名不匹配")
    if fields["serial_no"].upper() != state.merchant_serial.upper():
        return _error(401, "SIGN_ERROR", "商户证书序列号有误")
    if not fields["timestamp"].isdigit() or abs(time.time() - int(fields["timestamp"])) > 300:
        return _error(401, "SIGN_ERROR", "签名时间戳已过期")
    url = request.path + (f"?{urllib.parse.urlencode(request.query)}" if request.query else "")
    text = f"{request.method}\n{url}\n{fields['timestamp']}\n{fields['nonce_str']}\n{request.body.decode()}\n"
    try:
        state.merchant_public_key.verify(base64.b64decode(fields["signature"]), text.encode(), padding.PKCS1v15(),
                                         hashes.SHA256())
    except (InvalidSignature, ValueError):
        return _error(401, "SIGN_ERROR", "签名错误")
    return None


def _failure(fake, path):
    state = fake.state["pay"]
    with fake.lock:
        for failure in state.failures:
            if path.startswith(failure[0]) and failure[4] > 0:
                failure[4] -= 1
                return _error(failure[2], failure[1], failure[3])
    return None


def api(fn):
    """A v3 endpoint: injected failures, then the signature check, then the handler (errors signed too)."""

    def handler(fake, request):
        answer = _failure(fake, request.path) or _check(fake, request)
        if answer:
            return answer
        with fake.lock:
            return fn(fake, request)

    return handler


# -- orders --------------------------------------------------------------------------------------------
def _place(fake, request, trade_type):
    state = fake.state["pay"]
    try:
        data = request.json()
    except ValueError:
        return _error(400, "PARAM_ERROR", "请求体不是合法的JSON")
    out_trade_no = str(data.get("out_trade_no") or "")
    total = (data.get("amount") or {}).get("total")
    if data.get("mchid") != state.mch_id:
        return _error(400, "MCH_NOT_EXISTS", "商户号不存在")
    if not data.get("appid"):
        return _error(400, "PARAM_ERROR", "输入源“/body/appid”映射到字段“公众账号ID”必填性规则校验失败")
    if not (6 <= len(out_trade_no) <= 32) or not out_trade_no.replace("_", "").replace("-", "").isalnum():
        return _error(400, "PARAM_ERROR", "商户订单号格式错误")
    if not isinstance(total, int) or total <= 0:
        return _error(400, "PARAM_ERROR", "订单金额必须为正整数（分）")
    if not data.get("description") or not data.get("notify_url"):
        return _error(400, "PARAM_ERROR", "缺少商品描述或通知地址")
    openid = (data.get("payer") or {}).get("openid", "")
    if trade_type == "JSAPI" and not openid:
        return _error(400, "PARAM_ERROR", "JSAPI 下单必须提供 payer.openid")
    existing = state.orders.get(out_trade_no)
    if existing:
        if existing["trade_state"] == "SUCCESS":
            return _error(400, "ORDERPAID", "该订单已支付")
        if existing["trade_state"] == "CLOSED":
            return _error(400, "ORDER_CLOSED", "订单已关闭")
        if existing["total"] != total or existing["trade_type"] != trade_type:
            return _error(400, "INVALID_REQUEST", "201 商户订单号重复")
    else:
        existing = state.orders[out_trade_no] = {
            "out_trade_no": out_trade_no, "appid": data["appid"], "mchid": data["mchid"], "trade_type": trade_type,
            "total": total, "description": data["description"], "notify_url": data["notify_url"],
            "openid": openid, "trade_state": "NOTPAY", "transaction_id": "", "success_time": "",
            "code_url": f"weixin://wxpay/bizpayurl?pr={secrets.token_urlsafe(6)}",
            "prepay_id": f"wx{datetime.datetime.now(CST):%d%H%M%S}{secrets.token_hex(12)}", "refunded": 0,
            "time_expire": data.get("time_expire", "")}
    if trade_type == "JSAPI":
        return _answer(200, {"prepay_id": existing["prepay_id"]})
    return _answer(200, {"code_url": existing["code_url"]})


@route("POST", "/v3/pay/transactions/native")
@api
def native(fake, request):
    return _place(fake, request, "NATIVE")


@route("POST", "/v3/pay/transactions/jsapi")
@api
def jsapi(fake, request):
    return _place(fake, request, "JSAPI")


STATE_DESC = {"NOTPAY": "订单未支付", "SUCCESS": "支付成功", "CLOSED": "已关闭", "REFUND": "转入退款",
              "PAYERROR": "支付失败"}


def transaction_resource(fake, order, *, total=None, mchid=None, appid=None, trade_state=None):
    trade_state = trade_state or order["trade_state"]
    resource = {"appid": appid or order["appid"], "mchid": mchid or order["mchid"],
                "out_trade_no": order["out_trade_no"], "trade_type": order["trade_type"],
                "trade_state": trade_state, "trade_state_desc": STATE_DESC.get(trade_state, trade_state),
                "attach": "", "amount": {"total": order["total"] if total is None else total, "currency": "CNY"}}
    if trade_state in ("SUCCESS", "REFUND"):
        paid = order["total"] if total is None else total
        resource.update(transaction_id=order["transaction_id"], bank_type="OTHERS", success_time=order["success_time"],
                        payer={"openid": order["openid"] or "oFakePayer0000000000000000"})
        resource["amount"].update(payer_total=paid, payer_currency="CNY")
    return resource


@route("GET", "/v3/pay/transactions/out-trade-no/*")
@api
def query(fake, request):
    out_trade_no = request.path.rsplit("/", 1)[-1]
    if request.query.get("mchid") != fake.state["pay"].mch_id:
        return _error(400, "PARAM_ERROR", "商户号错误")
    order = fake.state["pay"].orders.get(out_trade_no)
    if order is None:
        return _error(404, "ORDER_NOT_EXIST", "订单不存在")
    return _answer(200, transaction_resource(fake, order))


@route("POST", "/v3/pay/transactions/out-trade-no/*")
@api
def close(fake, request):
    parts = request.path.rstrip("/").split("/")
    if parts[-1] != "close":
        return _error(404, "NOT_FOUND", "not found")
    order = fake.state["pay"].orders.get(parts[-2])
    if order is None:
        return _error(404, "ORDER_NOT_EXIST", "订单不存在")
    if order["trade_state"] in ("SUCCESS", "REFUND"):
        return _error(400, "ORDERPAID", "订单已支付")
    order["trade_state"] = "CLOSED"
    return _answer(204)


@route("POST", "/v3/refund/domestic/refunds")
@api
def refund(fake, request):
    state = fake.state["pay"]
    data = request.json()
    out_refund_no = data.get("out_refund_no") or ""
    amount = data.get("amount") or {}
    order = state.orders.get(data.get("out_trade_no") or "") or next(
        (o for o in state.orders.values() if data.get("transaction_id") and o["transaction_id"] == data["transaction_id"]),
        None)
    if not out_refund_no or not isinstance(amount.get("refund"), int) or amount.get("refund", 0) <= 0:
        return _error(400, "PARAM_ERROR", "退款参数错误")
    if order is None:
        return _error(404, "RESOURCE_NOT_EXISTS", "订单不存在")
    if out_refund_no in state.refunds:
        return _answer(200, state.refunds[out_refund_no])
    if order["trade_state"] not in ("SUCCESS", "REFUND"):
        return _error(403, "NOT_ENOUGH", "订单未支付，不能退款")
    if amount.get("total") != order["total"] or amount["refund"] > order["total"] - order["refunded"]:
        return _error(400, "INVALID_REQUEST", "退款金额超过订单可退金额")
    order["refunded"] += amount["refund"]
    order["trade_state"] = "REFUND"
    record = state.refunds[out_refund_no] = {
        "refund_id": f"5030{secrets.randbelow(10 ** 24):024d}", "out_refund_no": out_refund_no,
        "transaction_id": order["transaction_id"], "out_trade_no": order["out_trade_no"], "channel": "ORIGINAL",
        "user_received_account": "支付用户零钱", "create_time": _now_text(), "status": "SUCCESS",
        "amount": {"total": order["total"], "refund": amount["refund"], "payer_total": order["total"],
                   "payer_refund": amount["refund"], "currency": "CNY"}}
    return _answer(200, record)


@route("GET", "/v3/certificates")
@api
def certificates(fake, request):
    ident = platform_identity()
    cert = ident["cert"]
    return _answer(200, {"data": [{
        "serial_no": ident["serial"],
        "effective_time": cert.not_valid_before_utc.astimezone(CST).isoformat(),
        "expire_time": cert.not_valid_after_utc.astimezone(CST).isoformat(),
        "encrypt_certificate": _encrypt(fake.state["pay"].api_v3_key, ident["cert_pem"], "certificate")}]})


# -- the payer, and the notification -------------------------------------------------------------------
def build_notification(fake, out_trade_no, *, notification_id=None, total=None, mchid=None, appid=None,
                       timestamp=None, serial=None, key=None, api_v3_key=None, trade_state=None):
    """The TRANSACTION.SUCCESS notification of a paid order as WeChat sends it: (headers dict, body str).
    Each keyword tampers one part (for the refusal tests); `key` signs with another RSA key."""
    state = fake.state["pay"]
    order = state.orders[out_trade_no]
    resource = transaction_resource(fake, order, total=total, mchid=mchid, appid=appid, trade_state=trade_state)
    body = json.dumps({
        "id": notification_id or str(uuid.uuid4()), "create_time": _now_text(), "resource_type": "encrypt-resource",
        "event_type": "TRANSACTION.SUCCESS", "summary": "支付成功",
        "resource": {"original_type": "transaction",
                     **_encrypt(api_v3_key or state.api_v3_key, json.dumps(resource, ensure_ascii=False),
                                "transaction")}}, ensure_ascii=False)
    ident = platform_identity()
    timestamp = str(int(time.time()) if timestamp is None else timestamp)
    nonce = secrets.token_hex(16)
    headers = {"Wechatpay-Timestamp": timestamp, "Wechatpay-Nonce": nonce,
               "Wechatpay-Serial": serial or ident["serial"], "Wechatpay-Signature-Type": SIGN_TYPE,
               "Wechatpay-Signature": _sign(key or ident["key"], f"{timestamp}\n{nonce}\n{body}\n"),
               "Content-Type": "application/json"}
    return headers, body


def send_notification(fake, url, headers, body, timeout=10):
    request = urllib.request.Request(url, data=body.encode(), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            result = (response.status, response.read().decode())
    except urllib.error.HTTPError as exc:
        result = (exc.code, exc.read().decode())
    except OSError as exc:
        result = (0, str(exc))
    with fake.lock:
        fake.state["pay"].notifications.append((url, *result))
    return result


def pay(fake, out_trade_no, *, send=True, duplicates=0, openid=None):
    """The payer pays `out_trade_no`: SUCCESS, then the notification (with `duplicates` extra copies of the same
    notification id, as WeChat's retries). Returns the notification (headers, body) when `send` is False, else
    the list of (status, answer) the site gave."""
    state = fake.state["pay"]
    with fake.lock:
        order = state.orders.get(out_trade_no)
        if order is None:
            raise KeyError(f"fake WeChat Pay: no order {out_trade_no}")
        if order["trade_state"] == "CLOSED":
            raise ValueError(f"fake WeChat Pay: order {out_trade_no} is closed")
        if order["trade_state"] == "NOTPAY":
            order.update(trade_state="SUCCESS", success_time=_now_text(), openid=openid or order["openid"],
                         transaction_id=f"4200{datetime.datetime.now(CST):%Y%m%d}{secrets.randbelow(10 ** 16):016d}")
    notification_id = str(uuid.uuid4())
    headers, body = build_notification(fake, out_trade_no, notification_id=notification_id)
    if not send:
        return headers, body
    return [send_notification(fake, order["notify_url"], headers, body) for _ in range(1 + duplicates)]


def _sim_page(title, inner):
    return ("<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><meta name='viewport' "
            "content='width=device-width,initial-scale=1'><title>" + html.escape(title) + "</title></head>"
            "<body style='font-family:sans-serif;max-width:420px;margin:2em auto'><h1 style='font-size:1.2em'>"
            "模拟微信支付（测试环境）</h1>" + inner + "</body></html>")


@route("GET", "/_sim/pay/*")
def sim_pay_page(fake, request):
    out_trade_no = request.path.rstrip("/").rsplit("/", 1)[-1]
    order = fake.state["pay"].orders.get(out_trade_no)
    if order is None:
        return 404, {}, _sim_page("订单不存在", "<p>订单不存在。</p>")
    amount = f"{order['total'] // 100}.{order['total'] % 100:02d}"
    inner = (f"<p>商品：{html.escape(order['description'])}</p><p>订单号：{html.escape(out_trade_no)}</p>"
             f"<p>金额：<strong id='amount'>¥{amount}</strong></p><p>状态：<span id='trade-state'>"
             f"{STATE_DESC.get(order['trade_state'])}</span></p>")
    if order["trade_state"] == "NOTPAY":
        inner += (f"<form method='post' action='/_sim/pay/{html.escape(out_trade_no)}'>"
                  "<button id='confirm-pay' style='font-size:1.1em;padding:.5em 2em'>确认支付</button></form>")
    return 200, {}, _sim_page("确认支付", inner)


@route("POST", "/_sim/pay/*")
def sim_pay(fake, request):
    out_trade_no = request.path.rstrip("/").rsplit("/", 1)[-1]
    order = fake.state["pay"].orders.get(out_trade_no)
    if order is None or order["trade_state"] != "NOTPAY":
        return 400, {}, _sim_page("无法支付", "<p id='sim-result'>订单不存在或不是待支付状态。</p>")
    results = pay(fake, out_trade_no)
    status = results[-1][0] if results else 0
    note = "商户已确认收到通知。" if 200 <= status < 300 else f"通知商户失败（{status}），商户可通过查单确认。"
    return 200, {}, _sim_page("支付成功", f"<p id='sim-result'>支付成功。{note}</p>")
