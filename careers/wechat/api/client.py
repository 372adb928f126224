"""The one client for the official-account API (wechatpy underneath).

Interface every area codes against:

    from careers.wechat.api.client import api, WechatError
    client = api()                      # WechatError(code="not_configured") when 微信接入设置 is incomplete
    client.send_template(openid, template_id, data, url="")  -> msgid (int)
    client.create_temp_qrcode(scene, expire_seconds)           -> {"ticket", "url", "expire_seconds"}
    client.qrcode_image_url(ticket)                            -> str (the image WeChat serves for the ticket)
    client.user_info(openid)                                   -> dict (subscribe, nickname, unionid…)
    client.create_menu(buttons) / client.get_menu() / client.delete_menu()
    client.oauth_authorize_url(redirect_uri, state, scope="snsapi_base") -> str
    client.oauth_exchange(code)                                -> dict with "openid"
    client.jsapi_config(url)                                   -> dict for wx.config (appId, timestamp, nonceStr, signature)
    client.access_token()                                      -> str (cached for every worker; see below)
    client.check()                                             -> seconds the current token has left (测试连接)

WechatError has .code (WeChat errcode or a word) and .permanent (retrying cannot help: invalid openid, user refused).

The access token (and the JS-SDK ticket) is fetched once for all workers and kept in the Django cache (Redis in
production). It is refreshed REFRESH_MARGIN seconds before it expires by one process holding a `cache.add` lock;
the others keep using the still-valid token meanwhile, or — when there is none — wait briefly for the holder's
result. A call answered with a token-invalid errcode (40001, 40014, 42001) drops the token and is retried once.
"""

import logging
import secrets
import time
import urllib.parse

import requests
from django.conf import settings
from django.core.cache import cache
from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatClientException, WeChatOAuthException
from wechatpy.oauth import WeChatOAuth

logger = logging.getLogger(__name__)

REFRESH_MARGIN = 300  # seconds before expiry a token is renewed
LOCK_SECONDS = 15  # a lock outlives a stuck holder by no more than this
WAIT_SECONDS = 5.0  # how long a process without any token waits for the lock holder's fetch
TOKEN_INVALID = {40001, 40014, 42001}

# errcode -> (Chinese explanation, permanent: retrying the same call cannot help)
ERRORS = {
    -1: ("微信系统繁忙，请稍后重试", False),
    40001: ("access_token 无效或 AppSecret 错误", False),
    40003: ("不合法的 OpenID（该用户不是本公众号的粉丝）", True),
    40013: ("AppID 无效，请检查微信接入设置", True),
    40014: ("access_token 不合法", False),
    40016: ("菜单按钮个数超出微信限制", True),
    40017: ("子菜单按钮个数超出微信限制", True),
    40018: ("菜单名称长度超出微信限制", True),
    40037: ("模板ID无效，请检查消息模板设置", True),
    40125: ("AppSecret 无效，请检查微信接入设置", True),
    40164: ("服务器 IP 不在公众号的 IP 白名单中", True),
    41001: ("缺少 access_token 参数", False),
    42001: ("access_token 已过期", False),
    43004: ("用户未关注公众号", True),
    43101: ("用户拒绝接收此消息", True),
    45009: ("接口调用超过每日限额", False),
    45047: ("客服消息下发超过条数限制", False),
    46003: ("菜单不存在", True),
    47001: ("数据格式错误", True),
}


class WechatError(Exception):
    def __init__(self, message, *, code=None, permanent=False):
        super().__init__(message)
        self.code = code
        self.permanent = permanent


def error_for(errcode, errmsg=""):
    """The WechatError for a WeChat errcode (an int), with its Chinese explanation."""
    text, permanent = ERRORS.get(errcode, (f"微信接口返回错误 {errcode}" + (f"：{errmsg}" if errmsg else ""), False))
    return WechatError(f"{text}（错误码 {errcode}）", code=errcode, permanent=permanent)


def _translate(exc):
    """A wechatpy / requests exception as a WechatError."""
    if isinstance(exc, WechatError):
        return exc
    if isinstance(exc, WeChatClientException | WeChatOAuthException):
        if exc.errcode is None:  # HTTP error status
            status = getattr(getattr(exc, "response", None), "status_code", None)
            return WechatError(f"微信服务器暂时不可用（HTTP {status}）", code=f"http_{status}",
                               permanent=bool(status and 400 <= status < 500))
        try:
            errcode = int(exc.errcode)
        except (TypeError, ValueError):
            errcode = exc.errcode
        return error_for(errcode, exc.errmsg)
    if isinstance(exc, requests.Timeout):
        return WechatError("连接微信服务器超时", code="timeout")
    if isinstance(exc, requests.RequestException):
        return WechatError("无法连接微信服务器", code="network")
    return WechatError(f"微信接口调用失败：{exc}", code="unknown")


# -- the cached credential (token or ticket) shared by every worker -------------------------------------------

def _cache_key(app_id, kind):
    return f"wechat:{kind}:{app_id}"


def cached_credential(app_id, kind, fetch, *, now=None):
    """The cached `kind` ("token", "jsapi_ticket") for `app_id`, fetching it with `fetch()` -> (value, expires_in)
    when absent or within REFRESH_MARGIN of expiry. One process fetches (cache.add lock); others reuse a still-valid
    value or wait up to WAIT_SECONDS for it."""
    now = now or time.time
    key = _cache_key(app_id, kind)
    entry = cache.get(key)
    if entry and entry["expires_at"] - now() > REFRESH_MARGIN:
        return entry["value"]
    lock = key + ":lock"
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        if cache.add(lock, "1", LOCK_SECONDS):
            try:
                entry = cache.get(key)  # someone may have refreshed between our read and our lock
                if entry and entry["expires_at"] - now() > REFRESH_MARGIN:
                    return entry["value"]
                value, expires_in = fetch()
                expires_in = int(expires_in or 7200)
                cache.set(key, {"value": value, "expires_at": now() + expires_in}, max(expires_in, 1))
                return value
            finally:
                cache.delete(lock)
        # another process is fetching: a still-valid value will do meanwhile
        if entry and entry["expires_at"] > now():
            return entry["value"]
        if time.monotonic() > deadline:
            value, _ = fetch()  # the holder is stuck: do not fail the call for it
            return value
        time.sleep(0.05)
        entry = cache.get(key)
        if entry and entry["expires_at"] - now() > REFRESH_MARGIN:
            return entry["value"]


def drop_credential(app_id, kind, value=None):
    """Forget the cached `kind` (only if it is still `value`, when given: a fresher one is kept)."""
    key = _cache_key(app_id, kind)
    entry = cache.get(key)
    if entry and (value is None or entry["value"] == value):
        cache.delete(key)


# -- wechatpy, pointed at settings' bases and our cache -------------------------------------------------------

class _WechatpyClient(WeChatClient):
    """wechatpy's client with the token from `Client` (shared cache) and no retry of its own."""

    owner = None

    @property
    def access_token(self):
        return self.owner.access_token()


class Client:
    def __init__(self, *, app_id, app_secret):
        self.app_id, self.app_secret = app_id, app_secret
        self.timeout = settings.WECHAT_TIMEOUT
        self.api_base = settings.WECHAT_API_BASE.rstrip("/") + "/"
        self.open_base = settings.WECHAT_OPEN_BASE.rstrip("/") + "/"
        self.mp_base = settings.WECHAT_MP_BASE.rstrip("/") + "/"
        self.raw = _WechatpyClient(app_id, app_secret, timeout=self.timeout, auto_retry=False)
        self.raw.owner = self
        self.raw.API_BASE_URL = self.api_base + "cgi-bin/"

    # -- credentials ------------------------------------------------------------------------------------------
    def _fetch_token(self):
        try:
            response = self.raw._http.get(self.api_base + "cgi-bin/token", timeout=self.timeout, params={
                "grant_type": "client_credential", "appid": self.app_id, "secret": self.app_secret})
            if response.status_code >= 400:
                raise WechatError(f"微信服务器暂时不可用（HTTP {response.status_code}）",
                                  code=f"http_{response.status_code}", permanent=False)
            result = response.json()
        except (requests.RequestException, ValueError) as exc:
            raise _translate(exc) if isinstance(exc, requests.RequestException) else WechatError(
                "微信服务器返回了无法识别的内容", code="bad_response") from exc
        if result.get("errcode"):
            raise error_for(int(result["errcode"]), result.get("errmsg", ""))
        logger.info("WeChat access token fetched for %s", self.app_id)
        return result["access_token"], result.get("expires_in", 7200)

    def access_token(self):
        return cached_credential(self.app_id, "token", self._fetch_token)

    def drop_token(self, value=None):
        drop_credential(self.app_id, "token", value)

    def check(self):
        """测试连接: fetch (or reuse) the token; the seconds it has left."""
        self.access_token()
        entry = cache.get(_cache_key(self.app_id, "token"))
        return int(entry["expires_at"] - time.time()) if entry else 0

    def call(self, fn, *args, **kwargs):
        """Run a wechatpy call; on a token-invalid errcode drop the token and retry once; errors as WechatError."""
        for attempt in (1, 2):
            token = self.access_token()
            try:
                result = fn(*args, **kwargs)
            except (WeChatClientException, requests.RequestException) as exc:
                code = getattr(exc, "errcode", None)
                if attempt == 1 and str(code) in {str(c) for c in TOKEN_INVALID}:
                    logger.info("WeChat token rejected (%s): fetching a new one", code)
                    self.drop_token(token)
                    continue
                raise _translate(exc) from exc
            if isinstance(result, requests.Response):  # wechatpy hands back what it could not decode as JSON
                raise WechatError("微信服务器返回了无法识别的内容", code="bad_response")
            return result

    # -- the API ----------------------------------------------------------------------------------------------
    def send_template(self, openid, template_id, data, url=""):
        result = self.call(self.raw.message.send_template, openid, template_id, data, url=url or None)
        return int(result.get("msgid") or 0)

    def create_temp_qrcode(self, scene, expire_seconds=600):
        expire_seconds = max(60, min(int(expire_seconds), 2592000))
        result = self.call(self.raw.qrcode.create, {
            "expire_seconds": expire_seconds, "action_name": "QR_STR_SCENE",
            "action_info": {"scene": {"scene_str": str(scene)}}})
        return {"ticket": result["ticket"], "url": result.get("url", ""),
                "expire_seconds": int(result.get("expire_seconds") or expire_seconds)}

    def qrcode_image_url(self, ticket):
        return f"{self.mp_base}cgi-bin/showqrcode?ticket={urllib.parse.quote(ticket, safe='')}"

    def user_info(self, openid):
        return self.call(self.raw.user.get, openid)

    def create_menu(self, buttons):
        data = buttons if isinstance(buttons, dict) else {"button": list(buttons)}
        return self.call(self.raw.menu.create, data)

    def get_menu(self):
        return self.call(self.raw.menu.get)

    def delete_menu(self):
        return self.call(self.raw.menu.delete)

    def _oauth(self, redirect_uri="", scope="snsapi_base", state=""):
        oauth = WeChatOAuth(self.app_id, self.app_secret, redirect_uri, scope=scope, state=state)
        oauth.API_BASE_URL = self.api_base
        oauth.OAUTH_BASE_URL = self.open_base + "connect/"
        return oauth

    def oauth_authorize_url(self, redirect_uri, state, scope="snsapi_base"):
        return self._oauth(redirect_uri, scope, state).authorize_url

    def oauth_exchange(self, code):
        try:
            return self._oauth()._get("sns/oauth2/access_token", timeout=self.timeout, params={
                "appid": self.app_id, "secret": self.app_secret, "code": code, "grant_type": "authorization_code"})
        except (WeChatOAuthException, requests.RequestException) as exc:
            raise _translate(exc) from exc

    def jsapi_ticket(self):
        def fetch():
            result = self.call(self.raw.jsapi.get_ticket, "jsapi")
            return result["ticket"], result.get("expires_in", 7200)

        return cached_credential(self.app_id, "jsapi_ticket", fetch)

    def jsapi_config(self, url):
        ticket = self.jsapi_ticket()
        nonce, timestamp = secrets.token_hex(8), int(time.time())
        url = url.split("#", 1)[0]
        return {"appId": self.app_id, "timestamp": timestamp, "nonceStr": nonce,
                "signature": self.raw.jsapi.get_jsapi_signature(nonce, ticket, timestamp, url)}


def account():
    """The WechatAccount (pk=1), or None."""
    from careers.wechat.account.models import WechatAccount

    return WechatAccount.objects.filter(pk=1).first()


def api(*, require_enabled=True):
    """The client for the configured account; WechatError(code="not_configured") otherwise.
    `require_enabled=False` (测试连接) accepts an account that has credentials but is not switched on yet."""
    acc = account()
    if acc is None or not (acc.app_id and acc.app_secret) or (require_enabled and not acc.configured):
        raise WechatError("微信服务号尚未配置或未启用，请先完成微信接入设置", code="not_configured", permanent=True)
    key = (acc.app_id, acc.app_secret, settings.WECHAT_API_BASE, settings.WECHAT_OPEN_BASE, settings.WECHAT_MP_BASE,
           settings.WECHAT_TIMEOUT)
    client = _clients.get(key)
    if client is None:  # one per process and configuration: its HTTP session keeps connections alive
        if len(_clients) > 8:
            _clients.clear()
        client = _clients[key] = Client(app_id=acc.app_id, app_secret=acc.app_secret)
    return client


_clients = {}
