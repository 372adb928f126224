"""What the WeChat app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from . import permissions  # noqa: F401  (menus and actions)

# Each area hooks itself in below: callback handlers, the messaging channel, the login provider, the payment
# provider, demo steps (`seed_step("wechat.<area>", "careers.wechat.<area>.demo")`).

# -- account / callback / api (the foundation) ------------------------------------------------------------------
from careers.core.demo import seed_step  # noqa: E402

from .callback import tasks as _callback_tasks  # noqa: E402,F401  (wechat.purge_callback_receipts)

seed_step("wechat.account", "careers.wechat.account.demo")
# -- menus and replies areas: the keyword/subscribe/default reply handlers, the cache invalidation, demo steps ----
from .replies import handlers as _replies_handlers  # noqa: E402, F401  (on_event / on_message registrations)
from .replies.cache import connect as _connect_replies_cache  # noqa: E402

_connect_replies_cache()
seed_step("wechat.menus", "careers.wechat.menus.demo")
seed_step("wechat.replies", "careers.wechat.replies.demo")
# -- pay: the WeChat Pay provider (fairs.PaymentMethod.WECHAT), its reconciliation task, demo data --------------
from .pay import provider as _pay_provider  # noqa: E402,F401  (register_provider(WeChatPay()))
from .pay import tasks as _pay_tasks  # noqa: E402,F401

seed_step("wechat.pay", "careers.wechat.pay.demo")
# -- template messages: the channel policy (a kind with an enabled template also goes out on WeChat), demo data --
from careers.core.messaging import register_channel_policy  # noqa: E402

from .template_messages.policy import wechat_for_kind  # noqa: E402

register_channel_policy(wechat_for_kind)
seed_step("wechat.template_messages", "careers.wechat.template_messages.demo")

# -- template messages: manual 8.6, 电子邮件 is offered for a hand-written send only when the school sets
# 默认同时发送邮件 and there are fewer than 5 recipients ------------------------------------------------
from careers.core.messaging import register_offer_rule  # noqa: E402

from .template_messages.policy import email_offer_rule  # noqa: E402

register_offer_rule(email_offer_rule)
# -- binding (绑定微信, 扫码登录): callback handlers, the login provider, demo data -------------------------------
from careers.accounts.providers import LOGIN_PROVIDERS  # noqa: E402
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
# -- reminders (提醒设置, the day-before reminders' choices, 每日宣讲会提醒) --------------------------------------
from careers.core.dashboard import dashboard_card  # noqa: E402
from .reminders import hooks as _reminders_hooks  # noqa: E402, F401  (the Celery task wechat.send_daily_talks)
from .reminders.hub import reminders_card  # noqa: E402

dashboard_card("wechat.hub_reminders", "wechat/reminders/portal/card.html", reminders_card, board="student", order=90)
seed_step("wechat.reminders", "careers.wechat.reminders.demo")
# -- the WeChat messaging channel, template-send results, 批量消息发送面板 (batches area) ------------------------------
from careers.core.messaging import register_channel  # noqa: E402

from .callback.dispatch import on_event  # noqa: E402
from .template_messages.channel import WechatChannel  # noqa: E402
from .template_messages.results import handle_result  # noqa: E402

register_channel("wechat", WechatChannel)
on_event("templatesendjobfinish")(handle_result)
seed_step("wechat.batches", "careers.wechat.batches.demo")
