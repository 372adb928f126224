"""自定义回复 writes: the settings (被关注自动回复, 默认回复) and keyword replies with their articles. One
transaction each; texts sanitised (texts.clean_reply_text); saves logged through the models' history and, for
the articles (no history of their own), one operation-log entry on the reply."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from careers.core.history import log_event
from careers.core.scoping import account, may
from careers.website.links import clean_link

from .models import KeywordReply, MatchMode, ReplySettings, ReplyType
from .texts import clean_reply_text

SETTINGS_CHANGE = "wechat.replysettings.change"
MAX_ARTICLES = 8


def load_settings():
    return ReplySettings.objects.filter(pk=1).first() or ReplySettings(pk=1)


def save_settings(row, *, acting_user, fields=("subscribe_text", "default_text")):
    if not (acting_user is not None and (getattr(acting_user, "is_system", False) or
                                         acting_user.has_permission(SETTINGS_CHANGE))):
        raise PermissionDenied("您没有修改被关注自动回复和默认回复的权限。")
    for name in fields:
        setattr(row, name, clean_reply_text(getattr(row, name)))
    with transaction.atomic():
        row.pk = 1
        row._history_user = account(acting_user)
        row.save()
    return row


def _require(user, action):
    if not may(user, KeywordReply, action):
        raise PermissionDenied("您没有修改关键字自动回复的权限。")


def check_reply(reply, articles):
    """Field errors of a keyword reply and its (unsaved, not deleted) articles."""
    errors = {}
    reply.keyword = " ".join((reply.keyword or "").split())
    if not reply.keyword:
        errors["keyword"] = "请填写关键字。"
    else:
        same = KeywordReply.objects.filter(keyword__iexact=reply.keyword, match=reply.match).exclude(pk=reply.pk)
        if same.exists():
            errors["keyword"] = (f"关键字“{reply.keyword}”（{MatchMode(reply.match).label}）已有一条回复，"
                                 "请修改那一条或换一个关键字。")
    if reply.reply_type == ReplyType.TEXT:
        reply.text = clean_reply_text(reply.text)
        if not reply.text:
            errors["text"] = "文本消息请填写回复内容（脚本等不安全的内容已被移除）。"
    else:
        if not articles:
            errors["reply_type"] = "图文消息请至少填写一条图文（标题和链接地址）。"
        elif len(articles) > MAX_ARTICLES:
            errors["reply_type"] = f"图文消息最多 {MAX_ARTICLES} 条，现有 {len(articles)} 条。"
        for index, article in enumerate(articles, start=1):
            try:
                article.url = clean_link(article.url, f"第 {index} 条图文的链接地址", required=True)
            except ValidationError as exc:
                errors.setdefault("reply_type", exc.messages[0])
    if errors:
        raise ValidationError(errors)


def save_reply(reply, articles=(), deleted=(), *, acting_user):
    """Save `reply` with `articles` (ReplyArticle, unsaved or changed) and delete `deleted`; all or nothing."""
    _require(acting_user, "change" if reply.pk else "add")
    articles = list(articles)
    check_reply(reply, articles if reply.reply_type == ReplyType.NEWS else [])
    with transaction.atomic():
        if not reply.position:  # empty 排序: after the others
            last = (KeywordReply.objects.exclude(pk=reply.pk).order_by("-position")
                    .values_list("position", flat=True).first())
            reply.position = (last or 0) + 10
        reply._history_user = account(acting_user)
        reply.save()
        for article in deleted:
            if article.pk:
                article.delete()
        if reply.reply_type == ReplyType.NEWS:
            for position, article in enumerate(articles, start=1):
                article.reply = reply
                article.position = position * 10
                article.save()
        if reply.reply_type == ReplyType.NEWS or deleted:
            log_event("update", module="wechat", obj=reply, user=account(acting_user),
                      message=f"关键字回复“{reply.keyword}”的图文：" +
                      "、".join(a.title for a in articles)[:400] if reply.reply_type == ReplyType.NEWS
                      else f"关键字回复“{reply.keyword}”删除了 {len(deleted)} 条图文")
    return reply


def delete_reply(reply, *, acting_user):
    _require(acting_user, "delete")
    with transaction.atomic():
        reply._history_user = account(acting_user)
        reply.delete()
