"""Which reply answers a message (manual 8.4): 关键字自动回复 — an exact keyword first, then one the message
contains, the first by 排序 — else the 默认回复. Disabled replies never answer. Reads cache.snapshot() only."""

from wechatpy.replies import ArticlesReply, TextReply

from careers.wechat.menus.rules import absolute_url, site_base

from .cache import snapshot
from .texts import DEFAULT_REPLY, DEFAULT_SUBSCRIBE, wechat_text

MAX_ARTICLES = 8


def _fold(value):
    return " ".join((value or "").split()).casefold()


def build_snapshot():
    from .models import KeywordReply, ReplySettings, ReplyType

    base = site_base()
    settings_row = ReplySettings.objects.filter(pk=1).first()
    data = {
        "subscribe": wechat_text(settings_row.subscribe_text if settings_row and settings_row.subscribe_text
                                 else DEFAULT_SUBSCRIBE, base),
        "default": wechat_text(settings_row.default_text if settings_row and settings_row.default_text
                               else DEFAULT_REPLY, base),
        "exact": {}, "contains": [],
    }
    replies = KeywordReply.objects.filter(enabled=True).order_by("position", "pk").prefetch_related("articles")
    for reply in replies:
        if reply.reply_type == ReplyType.NEWS:
            articles = [{"title": a.title, "description": a.description,
                         "image": absolute_url(a.image.url, base) if a.image else "",
                         "url": absolute_url(a.url, base)} for a in reply.articles.all()][:MAX_ARTICLES]
            if not articles:
                continue
            entry = {"pk": reply.pk, "type": "news", "articles": articles}
        else:
            if not reply.text:
                continue
            entry = {"pk": reply.pk, "type": "text", "text": wechat_text(reply.text, base)}
        keyword = _fold(reply.keyword)
        if not keyword:
            continue
        if reply.match == "exact":
            data["exact"].setdefault(keyword, entry)
        else:
            data["contains"].append((keyword, entry))
    return data


def find(text, *, exact_only=False):
    """The reply entry for a message's text (or a menu click's key), or None."""
    data = snapshot()
    folded = _fold(text)
    if not folded:
        return None
    entry = data["exact"].get(folded)
    if entry is not None or exact_only:
        return entry
    for keyword, entry in data["contains"]:
        if keyword in folded:
            return entry
    return None


def subscribe_text():
    return snapshot()["subscribe"]


def default_text():
    return snapshot()["default"]


def reply_for(msg, entry):
    """The wechatpy reply answering `msg` with a snapshot entry."""
    if entry["type"] == "news":
        return ArticlesReply(message=msg, articles=[dict(a) for a in entry["articles"]])
    return TextReply(message=msg, content=entry["text"])
