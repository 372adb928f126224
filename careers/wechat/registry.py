"""What the WeChat app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from . import permissions  # noqa: F401  (menus and actions)

# Each area hooks itself in below: callback handlers, the messaging channel, the login provider, the payment
# provider, demo steps (`seed_step("wechat.<area>", "careers.wechat.<area>.demo")`).

# -- binding (绑定微信, 扫码登录): callback handlers, the login provider, demo data -------------------------------
from careers.accounts.providers import LOGIN_PROVIDERS  # noqa: E402
from careers.core.demo import seed_step  # noqa: E402

from .binding import handlers as _binding_handlers  # noqa: E402,F401  (on_event: subscribe_scan, scan, …)
from .binding.provider import WechatScanLogin  # noqa: E402

LOGIN_PROVIDERS.register("wechat", WechatScanLogin())
seed_step("wechat.binding", "careers.wechat.binding.demo")


def _binding_navigation():
    """The student hub's 微信绑定 card and the employer portal's 绑定微信 menu entry."""
    from careers.core.dashboard import dashboard_card
    from careers.recruitment.employers.company_nav import COMPANY_NAV

    from .binding.hub import binding_card

    dashboard_card("wechat.binding", "wechat/binding/hub_card.html", binding_card, board="student", order=900)
    if not any(name == "wechat_company:bind" for _, name, _ in COMPANY_NAV):
        COMPANY_NAV.append(("绑定微信", "wechat_company:bind", "bi-wechat"))


_binding_navigation()
