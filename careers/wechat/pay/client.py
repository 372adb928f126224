"""The WeChat Pay API v3 client: wechatpayv3 pointed at `settings.WECHATPAY_API_BASE` (the fake in tests / demo).

wechatpayv3's `Core.__init__` hard-codes https://api.mch.weixin.qq.com and, without the 微信支付公钥, fetches the
platform certificates at once; `_GatewayCore` makes `_gate_way` a property that ignores that assignment and
answers the configured base, so the first request (the certificates) already goes there. `WeChatPay.__init__`
builds its Core itself, so `PayClient` sets the same attributes and its own Core. Clients are cached per process
and per configuration (keys hashed): the platform certificates are fetched once, not on every request.

    client = pay_client()                     # PayError when 微信商户设置 is incomplete
    client.call("pay", description=..., ...)  # -> dict (the JSON answer); PayError(code, message, status)
"""

import hashlib
import json
import threading

import requests
from django.conf import settings
from wechatpayv3 import WeChatPay, WeChatPayType
from wechatpayv3.core import Core

from .models import MerchantSettings


class PayError(Exception):
    """A WeChat Pay call that did not succeed: `code` is WeChat's (ORDERPAID, SIGN_ERROR …) or ours
    (not_configured, network, bad_signature); `message` is Chinese, for the page."""

    def __init__(self, message, *, code="", status=0):
        super().__init__(message)
        self.message, self.code, self.status = message, code, status


class _GatewayCore(Core):
    def __init__(self, *args, gate_way, **kwargs):
        self._base = gate_way.rstrip("/")
        super().__init__(*args, **kwargs)

    @property
    def _gate_way(self):
        return self._base

    @_gate_way.setter
    def _gate_way(self, value):  # Core.__init__'s production URL: ignored
        pass


class PayClient(WeChatPay):
    def __init__(self, *, mchid, private_key, cert_serial_no, appid, apiv3_key, notify_url, gate_way, timeout,
                 public_key=None, public_key_id=None):
        self._type = WeChatPayType.NATIVE
        self._mchid, self._appid, self._notify_url, self._partner_mode = mchid, appid, notify_url, False
        self._core = _GatewayCore(mchid=mchid, cert_serial_no=cert_serial_no, private_key=private_key,
                                  apiv3_key=apiv3_key, timeout=timeout, public_key=public_key,
                                  public_key_id=public_key_id, gate_way=gate_way)
        self.refreshed_at = 0.0

    def call(self, method, *args, **kwargs):
        """One API call by wechatpayv3's method name; the JSON answer, or PayError."""
        try:
            status, text = getattr(self, method)(*args, **kwargs)
        except requests.RequestException as exc:
            raise PayError(f"连接微信支付失败：{type(exc).__name__}，请稍后重试。", code="network") from exc
        except Exception as exc:  # wechatpayv3 raises bare Exception (e.g. the answer's signature)
            if "signature" in str(exc):
                raise PayError("微信支付应答的签名验证失败，请核对微信支付公钥或平台证书。", code="bad_signature") from exc
            raise PayError(f"微信支付请求失败：{exc}", code="client") from exc
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        try:
            data = json.loads(text) if text else {}
        except ValueError:
            data = {"message": text[:200]}
        if not 200 <= status < 300:
            raise PayError(f"微信支付返回错误：{data.get('message') or status}（{data.get('code') or status}）",
                           code=data.get("code") or str(status), status=status)
        return data


_cache = {}
_lock = threading.Lock()


def app_id():
    from careers.wechat.account.models import WechatAccount

    account = WechatAccount.objects.filter(pk=1).first()
    return account.app_id if account else ""


def notify_url():
    from django.urls import reverse

    return site_origin() + reverse("wechat_site:pay_notify")


def site_origin(request=None):
    """The site's origin for WeChat (notify URL, 支付授权目录): SITE_URL, else the request's host."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return "http://127.0.0.1:8000"


def merchant():
    return MerchantSettings.objects.filter(pk=1).first() or MerchantSettings(pk=1)


def missing(m):
    """What 微信商户设置 lacks before WeChat Pay can be used (Chinese field names)."""
    lacking = [label for label, value in (("商户号", m.mch_id), ("APIv3密钥", m.api_v3_key),
                                          ("商户API证书序列号", m.cert_serial_no), ("商户API证书私钥", m.private_key))
               if not value]
    return lacking


def configured():
    m = merchant()
    return bool(m.enabled and not missing(m) and app_id())


def pay_client(m=None, *, require_enabled=True, appid=None):
    m = m or merchant()
    if require_enabled and not m.enabled:
        raise PayError("微信支付未启用，请在“微信商户设置”中启用。", code="not_configured")
    lacking = missing(m)
    if lacking:
        raise PayError(f"微信商户设置不完整：请填写{'、'.join(lacking)}。", code="not_configured")
    appid = appid if appid is not None else app_id()
    if not appid:
        raise PayError("请先在“微信接入设置”中填写服务号 AppID。", code="not_configured")
    base = settings.WECHATPAY_API_BASE
    digest = hashlib.sha256("\0".join((base, m.mch_id, m.cert_serial_no, m.private_key, m.api_v3_key, appid,
                                       m.platform_public_key, m.platform_public_key_id, notify_url()))
                            .encode()).hexdigest()
    with _lock:
        client = _cache.get(digest)
        if client is None:
            try:
                client = PayClient(mchid=m.mch_id, private_key=m.private_key, cert_serial_no=m.cert_serial_no,
                                   appid=appid, apiv3_key=m.api_v3_key, notify_url=notify_url(), gate_way=base,
                                   timeout=settings.WECHAT_TIMEOUT, public_key=m.platform_public_key or None,
                                   public_key_id=m.platform_public_key_id or None)
            except requests.RequestException as exc:
                raise PayError(f"连接微信支付失败（下载平台证书）：{type(exc).__name__}。", code="network") from exc
            except Exception as exc:
                if "certificate" in str(exc):
                    raise PayError("无法获取微信支付平台证书：请核对商户号、证书序列号、私钥和APIv3密钥。",
                                   code="certificates") from exc
                raise PayError(f"微信支付初始化失败：{exc}", code="client") from exc
            _cache.clear()  # one configuration at a time
            _cache[digest] = client
    return client
