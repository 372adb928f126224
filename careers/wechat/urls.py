"""The WeChat app's one URL aggregator. Each area's `urls.py` has `backoffice`, `portal`, `company` and `site` lists."""

from .account import urls as account
from .batches import urls as batches
from .binding import urls as binding
from .callback import urls as callback
from .menus import urls as menus
from .pay import urls as pay
from .reminders import urls as reminders
from .replies import urls as replies
from .template_messages import urls as template_messages

AREAS = (account, callback, binding, template_messages, batches, menus, replies, pay, reminders)

backoffice = ([p for area in AREAS for p in area.backoffice], "wechat")
portal = ([p for area in AREAS for p in area.portal], "wechat_portal")
company = ([p for area in AREAS for p in area.company], "wechat_company")
site = ([p for area in AREAS for p in area.site], "wechat_site")
