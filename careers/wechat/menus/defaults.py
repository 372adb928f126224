"""The default menu (manual 8.3 "已默认对接系统常用的链接菜单"): the system's own pages, by URL name.

Each link is `reverse()`d, so the menu follows the URLconf; a page that is not installed (NoReverseMatch) is left
out instead of pushing a dead link. The pages under /me/ are linked directly: they ask for a sign-in,
which inside WeChat is the binding area's business (scan/OAuth login of a bound student).
"""

from django.urls import NoReverseMatch, reverse

from .models import MenuKind
from .rules import MAX_SUB, Node

HELP_KEY = "帮助"  # a click item's key: the keyword reply with this exact keyword answers it (replies/handlers.py)

# (top-level name, [(sub-item name, URL name or None, click key)])
DEFAULT_MENU = [
    ("招聘信息", [
        ("职位搜索", "site:job_list", ""),
        ("宣讲会", "site_events:talk_list", ""),
        ("招聘会", "site_events:fair_list", ""),
        ("就业活动", "site_events:calendar", ""),
        ("职位匹配", "portal_recruitment:job_matches", ""),
    ]),
    ("我的", [
        ("我的报名", "portal_events:my_events", ""),
        ("我的投递", "portal_recruitment:application_list", ""),
        ("预约咨询", "portal_counseling:home", ""),
        ("我的消息", "core:inbox", ""),
        ("个人中心", "portal:home", ""),
    ]),
    ("服务", [
        ("绑定账号", "wechat_portal:bind", ""),
        ("就业协议书", "employment_portal:agreements", ""),
        ("派遣信息", "employment_portal:dispatch", ""),
        ("使用帮助", None, HELP_KEY),
    ]),
]


def page_url(url_name):
    """The site path of `url_name` ("" when it is not installed)."""
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return ""


def default_tree():
    """The default menu as Nodes (rules.Node), only with the pages this installation has."""
    tree = []
    for name, items in DEFAULT_MENU:
        children = []
        for sub_name, url_name, key in items:
            if key:
                children.append(Node(sub_name, MenuKind.CLICK, "", key))
                continue
            url = page_url(url_name)
            if url:
                children.append(Node(sub_name, MenuKind.VIEW, url))
        if children:
            tree.append(Node(name, MenuKind.PARENT, "", "", children[:MAX_SUB]))
    return tree
