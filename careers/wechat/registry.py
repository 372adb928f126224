"""What the WeChat app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from . import permissions  # noqa: F401  (menus and actions)

# Each area hooks itself in below: callback handlers, the messaging channel, the login provider, the payment
# provider, demo steps (`seed_step("wechat.<area>", "careers.wechat.<area>.demo")`).

# -- template messages: the channel policy (a kind with an enabled template also goes out on WeChat), demo data --
from careers.core.demo import seed_step  # noqa: E402
from careers.core.messaging import register_channel_policy  # noqa: E402

from .template_messages.policy import wechat_for_kind  # noqa: E402

register_channel_policy(wechat_for_kind)
seed_step("wechat.template_messages", "careers.wechat.template_messages.demo")
