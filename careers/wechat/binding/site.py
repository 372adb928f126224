"""Public endpoints of the binding area: the scan-login page, the status every QR page polls, the OAuth callback.

The status view answers only the code's state (as the small fragment the page swaps in), and only to whoever
opened the code: a bind code to its own signed-in account, a login code to the browser session that opened it;
anyone else gets a 404. Tokens are 256-bit random; polling is rate limited per address.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from careers.core.ratelimit import hit
from careers.core.request_context import client_ip
from careers.wechat.api.client import WechatError

from . import actions, pages
from .models import BindingSource, QrLogin, QrPurpose, QrStatus
from .provider import SESSION_KEY

POLLS_PER_MINUTE = 90  # one page polls every 2 s (30/min); a few tabs are fine
LOGIN_CODES_PER_MINUTE = 10


@never_cache
def scan_login(request):
    """微信扫码登录: a fresh login QR for this browser (GET; 刷新二维码 reloads)."""
    if request.user.is_authenticated:
        return redirect("core:home")
    context = {"code": None, "error": ""}
    if not hit(f"wechat-login-open:{client_ip(request)}", limit=LOGIN_CODES_PER_MINUTE, window=60):
        context["error"] = pages.TOO_FAST
        return render(request, "wechat/binding/scan_login.html", context, status=429)
    try:
        code = actions.open_code(QrPurpose.LOGIN)
    except WechatError as exc:
        context["error"] = f"暂时无法使用微信扫码登录：{exc}。请使用账号密码登录。"
    else:
        request.session[SESSION_KEY] = code.token
        context.update(pages.code_context(code))
    return render(request, "wechat/binding/scan_login.html", context)


def _visible_code(request, token):
    code = QrLogin.objects.filter(token=token).first() if token else None
    if code is None:
        return None
    if code.purpose == QrPurpose.BIND:
        return code if request.user.is_authenticated and code.user_id == request.user.pk else None
    return code if request.session.get(SESSION_KEY) == token else None


@never_cache
def qr_status(request, token):
    """The polled state of one QR code (htmx fragment; HX-Redirect when a login is ready)."""
    if not hit(f"wechat-qr-poll:{client_ip(request)}", limit=POLLS_PER_MINUTE, window=60):
        return HttpResponse("操作过于频繁，请稍后再试。", status=429, content_type="text/plain; charset=utf-8")
    code = _visible_code(request, token)
    if code is None:
        raise Http404("二维码不存在或已失效。")
    status = actions.current_status(code)
    context = {"code": code, "status": status, "open": status in actions.OPEN,
               "status_url": reverse("wechat_site:qr_status", args=[token])}
    response = render(request, "wechat/binding/includes/qr_status.html", context)
    if status == QrStatus.DONE and code.purpose == QrPurpose.LOGIN:
        context["next_url"] = reverse("accounts:provider_callback", args=["wechat"])
        response = render(request, "wechat/binding/includes/qr_status.html", context)
        response["HX-Redirect"] = context["next_url"]
    elif status == QrStatus.DONE:
        response["HX-Refresh"] = "true"
    return response


def oauth_callback(request):
    """网页授权 came back: check the signed state (this session, this account, 10 minutes), exchange the code for
    the openid and bind the signed-in account."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    page = pages.own_page_name(request.user)
    if pages.check_oauth_state(request, request.GET.get("state")) is None:
        messages.error(request, "授权请求无效或已过期（10分钟内有效），请重新点击“在微信中授权绑定”。")
        return redirect(page)
    if not request.GET.get("code"):
        messages.error(request, "您没有同意微信授权，未绑定。")
        return redirect(page)
    try:
        client = actions.wechat_api()
        answer = client.oauth_exchange(request.GET["code"])
        openid = answer.get("openid", "")
        subscribed = _subscribed(client, openid)
        actions.bind(request.user, openid, source=BindingSource.OAUTH, unionid=answer.get("unionid", ""),
                     subscribed=subscribed)
    except WechatError as exc:
        messages.error(request, f"微信授权失败：{exc}。请重试。")
    except actions.BindingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, "绑定成功：您的账号已绑定当前微信。")
    return redirect(page)


def _subscribed(client, openid):
    try:
        return bool(int(client.user_info(openid).get("subscribe", 1)))
    except (WechatError, TypeError, ValueError, AttributeError):
        return True  # unknown: template messages will tell (a failed send marks nothing lost)
