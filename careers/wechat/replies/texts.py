"""Reply texts: WeChat text replies may carry links (<a href="…">文字</a>), nothing else.

    clean_reply_text(value)   what is stored: nh3 keeps only <a href> with an http(s) address or a site path
                              (javascript:, data:, //host and every other tag or attribute are dropped)
    wechat_text(stored, base_url)   what WeChat gets: site paths made absolute, entities back to characters
"""

import html
import re

import nh3

DEFAULT_SUBSCRIBE = ("欢迎关注学校就业指导中心！\n"
                     "点击下方菜单可以查看职位、宣讲会和招聘会；绑定账号后可以收到报名确认、活动提醒等消息。\n"
                     "回复“帮助”可以查看常见问题。")
DEFAULT_REPLY = ("抱歉，暂时没有找到与您的问题相关的内容。\n"
                 "您可以回复“帮助”查看常见问题，或点击菜单中的“预约咨询”向就业指导老师咨询。")

_LINK = re.compile(r"(<a\b[^>]*>|</a>)")
_SITE_HREF = re.compile(r'href="(/(?!/)[^"]*)"')


def _href_filter(tag, attribute, value):
    if tag == "a" and attribute == "href":
        value = (value or "").strip()
        if value.startswith(("http://", "https://")) or (value.startswith("/") and not value.startswith("//")):
            return value
        return None
    return None


def clean_reply_text(value):
    value = (value or "").replace("\r\n", "\n").strip()
    if not value:
        return ""
    return nh3.clean(value, tags={"a"}, attributes={"a": {"href"}}, attribute_filter=_href_filter,
                     url_schemes={"http", "https"}, link_rel=None, clean_content_tags={"script", "style"}).strip()


def wechat_text(stored, base_url=""):
    base = (base_url or "").rstrip("/")
    parts = _LINK.split(stored or "")
    out = []
    for part in parts:
        if _LINK.fullmatch(part):
            out.append(_SITE_HREF.sub(lambda m: f'href="{base}{m.group(1)}"', part) if base else part)
        else:
            out.append(html.unescape(part))
    return "".join(out)
