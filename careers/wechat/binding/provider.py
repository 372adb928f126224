"""微信扫码登录 (manual 1.1) as an accounts LoginProvider (registered in careers/wechat/registry.py).

The login page's button → `start_url` (site.scan_login: a login QR, valid 2 minutes, its polling token kept in this
browser's session) → the bound user scans → the callback handler marks the code DONE with that user → the page's
polling sees it and goes to accounts' provider callback → `authenticate` uses the code exactly once (USED) and
returns the account, which accounts.views.provider_callback signs in. A code is only usable by the session that
opened it; an expired, used, refused or foreign code, an inactive account or an account locked by django-axes
gets nothing.
"""

from django.urls import reverse

from careers.accounts.providers import LoginProvider

from . import actions

SESSION_KEY = "wechat_login_token"


class WechatScanLogin(LoginProvider):
    key = "wechat"
    label = "微信扫码登录"

    def start_url(self, request):
        from .oauth_login import in_wechat

        # inside WeChat's own browser nobody can scan their screen: 网页授权 signs a bound user in instead
        return reverse("wechat_site:oauth_login" if in_wechat(request) else "wechat_site:scan_login")

    def available(self):
        """The button shows once 微信接入设置 is complete and enabled."""
        from careers.wechat.account.models import WechatAccount

        account = WechatAccount.objects.filter(pk=1).first()
        return bool(account and account.configured)

    def authenticate(self, request):
        token = request.session.pop(SESSION_KEY, None)
        user = actions.consume_login(token)
        if user is None or not user.is_active or locked_out(request, user):
            return None
        return user


def locked_out(request, user):
    """django-axes: an account+address locked after failed password logins stays locked for scan login too."""
    try:
        from axes.handlers.proxy import AxesProxyHandler
    except ImportError:  # pragma: no cover - axes is installed in every deployment
        return False
    return AxesProxyHandler.is_locked(request, credentials={"username": user.username})
