"""What the WeChat app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from . import permissions  # noqa: F401  (menus and actions)

# Each area hooks itself in below: callback handlers, the messaging channel, the login provider, the payment
# provider, demo steps (`seed_step("wechat.<area>", "careers.wechat.<area>.demo")`).

# -- reminders (提醒设置, the day-before reminders' choices, 每日宣讲会提醒) --------------------------------------
from careers.core.dashboard import dashboard_card  # noqa: E402
from careers.core.demo import seed_step  # noqa: E402

from .reminders import hooks as _reminders_hooks  # noqa: E402, F401  (the Celery task wechat.send_daily_talks)
from .reminders.hub import reminders_card  # noqa: E402

dashboard_card("wechat.hub_reminders", "wechat/reminders/portal/card.html", reminders_card, board="student", order=90)
seed_step("wechat.reminders", "careers.wechat.reminders.demo")
