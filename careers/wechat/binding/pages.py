"""What every 绑定微信 page shares (student, employer, back office): open a bind QR, show it, unbind, and the
OAuth start. The views of each side (portal.py, company.py, views.py) only choose the template and URL names."""

import secrets

import segno
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from careers.core.ratelimit import hit
from careers.wechat.api.client import WechatError

from . import actions
from .models import QrPurpose

TOO_FAST = "操作过于频繁，请稍后再试。"
IMPERSONATING = "管理员进入学生账户时不能绑定微信（绑定的微信可直接登录该账号），请学生本人操作。"
OAUTH_SALT = "careers.wechat.binding.oauth"
OAUTH_MAX_AGE = 600  # seconds a signed OAuth state stays valid
OAUTH_SESSION_KEY = "wechat_oauth_nonce"


def qr_svg(code):
    """The code's QR as inline SVG (segno): WeChat's URL inside the picture, no third-party image in the page."""
    data = code.qr_url or code.ticket or code.scene
    svg = segno.make(data, error="m").svg_inline(scale=6, border=2, title="微信扫码", svgclass="wechat-qr",
                                                omitsize=True)
    return mark_safe(svg)  # segno builds the SVG from WeChat's answer, escaped as XML text


def simulator_url(code):
    """`make run-wechat`: the fake WeChat's 模拟微信 page for this code (only when WECHAT_FAKE_URL is set)."""
    base = getattr(settings, "WECHAT_FAKE_URL", "")
    if not base or code is None:
        return ""
    from urllib.parse import urlencode

    return f"{base}/_sim/?{urlencode({'scene': code.scene})}"


def code_context(code):
    if code is None:
        return {"code": None}
    return {"code": code, "qr": qr_svg(code), "sim_url": simulator_url(code),
            "status_url": reverse("wechat_site:qr_status", args=[code.token])}


def bind_page(request, template, *, names, extra=None):
    """GET: the page (bound or not); POST: 点击打开二维码 (a new bind code, rate limited per account).
    `names` maps "page", "open", "unbind", "oauth" to URL names."""
    user = request.user
    binding = actions.binding_of(user)
    code, error = None, ""
    if request.method == "POST":
        if getattr(request, "impersonator", None):
            error = IMPERSONATING
        elif binding is not None:
            error = "您的账号已绑定微信，如需更换请先解除绑定。"
        elif not hit(f"wechat-bind-open:{user.pk}", limit=10, window=60):
            error = TOO_FAST
        else:
            try:
                code = actions.open_code(QrPurpose.BIND, user)
            except WechatError as exc:
                error = f"暂时无法生成二维码：{exc}。请稍后再试。"
    context = {"binding": binding, "error": error, "urls": {k: reverse(v) for k, v in names.items()},
               "in_wechat": "micromessenger" in request.headers.get("User-Agent", "").lower(),
               **code_context(code), **(extra or {})}
    return render(request, template, context, status=429 if error == TOO_FAST else 200)


def unbind_own(request, page_name):
    impersonator = getattr(request, "impersonator", None)
    if impersonator:  # logged under the admin inside the account
        from careers.accounts.models import User

        acting = User.objects.filter(pk=impersonator["id"]).first() or request.user
    else:
        acting = request.user
    if actions.unbind(request.user, acting_user=acting):
        messages.success(request, "已解除微信绑定，您将不再通过微信接收系统消息，也不能再扫码登录。")
    else:
        messages.info(request, "您的账号没有绑定微信。")
    return redirect(page_name)


def oauth_state(request):
    """A signed state naming the account and a nonce kept in this session (WeChat's `state` ≤ 128 bytes)."""
    nonce = secrets.token_urlsafe(8)
    request.session[OAUTH_SESSION_KEY] = nonce
    return signing.dumps({"u": request.user.pk, "n": nonce}, salt=OAUTH_SALT, compress=True)


def check_oauth_state(request, state):
    """The state's account if it is genuine, fresh (10 minutes), this session's and this account's; else None."""
    try:
        data = signing.loads(state or "", salt=OAUTH_SALT, max_age=OAUTH_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired included
        return None
    nonce = request.session.pop(OAUTH_SESSION_KEY, None)
    if not isinstance(data, dict) or not nonce or data.get("n") != nonce or data.get("u") != request.user.pk:
        return None
    return request.user


def oauth_start(request, page_name):
    if getattr(request, "impersonator", None):
        messages.error(request, IMPERSONATING)
        return redirect(page_name)
    if actions.binding_of(request.user) is not None:
        messages.info(request, "您的账号已绑定微信。")
        return redirect(page_name)
    try:
        url = actions.wechat_api().oauth_authorize_url(request.build_absolute_uri(reverse("wechat_site:oauth_callback")),
                                        oauth_state(request), scope="snsapi_base")
    except WechatError as exc:
        messages.error(request, f"暂时无法进行微信授权：{exc}。")
        return redirect(page_name)
    return redirect(url)


def own_page_name(user):
    """The 绑定微信 page of the account's kind."""
    if user.kind == user.Kind.STUDENT:
        return "wechat_portal:bind"
    if user.kind == user.Kind.EMPLOYER:
        return "wechat_company:bind"
    return "wechat:binding_mine"


def status_badge(binding):
    if binding is None:
        return format_html('<span class="badge text-bg-secondary">{}</span>', "未绑定")
    return format_html('<span class="badge text-bg-success">{}</span>', "已绑定" if binding.subscribed else "已绑定（已取消关注）")
