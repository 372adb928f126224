"""What the WeChat app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from . import permissions  # noqa: F401  (menus and actions)

# Each area hooks itself in below: callback handlers, the messaging channel, the login provider, the payment
# provider, demo steps (`seed_step("wechat.<area>", "careers.wechat.<area>.demo")`).

# -- account / callback / api (the foundation) ------------------------------------------------------------------
from careers.core.demo import seed_step  # noqa: E402

from .callback import tasks as _callback_tasks  # noqa: E402,F401  (wechat.purge_callback_receipts)

seed_step("wechat.account", "careers.wechat.account.demo")
