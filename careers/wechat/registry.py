"""What the WeChat app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from . import permissions  # noqa: F401  (menus and actions)

# Each area hooks itself in below: callback handlers, the messaging channel, the login provider, the payment
# provider, demo steps (`seed_step("wechat.<area>", "careers.wechat.<area>.demo")`).

# -- pay: the WeChat Pay provider (fairs.PaymentMethod.WECHAT), its reconciliation task, demo data --------------
from careers.core.demo import seed_step  # noqa: E402

from .pay import provider as _pay_provider  # noqa: E402,F401  (register_provider(WeChatPay()))
from .pay import tasks as _pay_tasks  # noqa: E402,F401

seed_step("wechat.pay", "careers.wechat.pay.demo")
