"""What the WeChat app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from . import permissions  # noqa: F401  (menus and actions)

# Each area hooks itself in below: callback handlers, the messaging channel, the login provider, the payment
# provider, demo steps (`seed_step("wechat.<area>", "careers.wechat.<area>.demo")`).

# -- the WeChat messaging channel, template-send results, 批量消息发送面板 (batches area) ------------------------------
from careers.core.demo import seed_step  # noqa: E402
from careers.core.messaging import register_channel  # noqa: E402

from .callback.dispatch import on_event  # noqa: E402
from .template_messages.channel import WechatChannel  # noqa: E402
from .template_messages.results import handle_result  # noqa: E402

register_channel("wechat", WechatChannel)
on_event("templatesendjobfinish")(handle_result)
seed_step("wechat.batches", "careers.wechat.batches.demo")
