"""Signing in inside WeChat (the service account's menu opens our pages in WeChat's browser, where nobody can scan
their own screen): 网页授权 (snsapi_base, silent) gives the openid; a bound, active account is then signed in through
the same single-use login code as 微信扫码登录 (a DONE `QrLogin` whose token this session holds → accounts'
provider callback → `WechatScanLogin.authenticate`: inactive, locked-out and used codes refused, the login logged).
The state is signed, lives 10 minutes and is tied to this session by a nonce."""

import secrets

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.cache import never_cache

from careers.core.ratelimit import hit
from careers.core.request_context import client_ip
from careers.wechat.api.client import WechatError

from . import actions
from .models import QrPurpose, QrStatus, WechatBinding
from .provider import SESSION_KEY

SALT = "wechat.oauth-login"
NONCE_KEY = "wechat_oauth_login_nonce"
MAX_AGE = 600
LOGIN_PAGE = "accounts:login"


def in_wechat(request):
    return "micromessenger" in request.headers.get("User-Agent", "").lower()


@never_cache
def start(request):
    if request.user.is_authenticated:
        return redirect("core:home")
    if not hit(f"wechat-oauth-login:{client_ip(request)}", limit=30, window=60):
        messages.error(request, "操作过于频繁，请稍后再试。")
        return redirect(LOGIN_PAGE)
    nonce = secrets.token_urlsafe(8)
    request.session[NONCE_KEY] = nonce
    state = signing.dumps({"n": nonce}, salt=SALT, compress=True)
    try:
        url = actions.wechat_api().oauth_authorize_url(
            request.build_absolute_uri(reverse("wechat_site:oauth_login_callback")), state, scope="snsapi_base")
    except WechatError as exc:
        messages.error(request, f"暂时无法使用微信登录：{exc}。请用账号密码登录。")
        return redirect(LOGIN_PAGE)
    return redirect(url)


@never_cache
def callback(request):
    try:
        data = signing.loads(request.GET.get("state", ""), salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        data = None
    nonce = request.session.pop(NONCE_KEY, None)
    if not isinstance(data, dict) or not nonce or data.get("n") != nonce:
        messages.error(request, "微信授权请求无效或已过期（10分钟内有效），请重新点击“微信登录”。")
        return redirect(LOGIN_PAGE)
    if not request.GET.get("code"):
        messages.error(request, "您没有同意微信授权，请用账号密码登录。")
        return redirect(LOGIN_PAGE)
    try:
        openid = actions.wechat_api().oauth_exchange(request.GET["code"]).get("openid", "")
    except WechatError as exc:
        messages.error(request, f"微信授权失败：{exc}。请重试或用账号密码登录。")
        return redirect(LOGIN_PAGE)
    binding = WechatBinding.objects.select_related("user").filter(openid=openid).first() if openid else None
    if binding is None:
        messages.error(request, "当前微信尚未绑定账号：请先用账号密码登录，再在“绑定微信”中绑定，以后即可微信登录。")
        return redirect(LOGIN_PAGE)
    code = actions.new_code(QrPurpose.LOGIN)
    code.status, code.user, code.openid, code.note = QrStatus.DONE, binding.user, openid, "微信网页授权登录"
    code.save()
    request.session[SESSION_KEY] = code.token
    return redirect("accounts:provider_callback", "wechat")
