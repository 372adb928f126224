"""Demo 微信自定义菜单: the default menu (three 子菜单 with 打开网页 and one 点击推送消息 item). Idempotent: only
when no menu is stored."""

from careers.core.scoping import SYSTEM

from . import actions
from .defaults import default_tree
from .models import MenuItem


def seed(rng, years):
    if not MenuItem.objects.exists():
        actions.replace_with(default_tree(), acting_user=SYSTEM)
