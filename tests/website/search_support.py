"""Columns and articles for the search/feeds/SEO tests (built directly: the back office may not exist yet)."""

import datetime

from django.utils import timezone

from careers.core.richtext import plain_text
from careers.core.search import search_key
from careers.website.models import Article, Category


def column(slug="news", name="新闻动态", kind="news", **fields):
    return Category.objects.create(slug=slug, name=name, kind=kind, **fields)


def article(category, title, *, body="", summary="", status="published", visible=True, days=-1, department="就业指导中心",
            **fields):
    """A published article (published `days` from now: negative = already public, positive = scheduled)."""
    item = Article(category=category, title=title, summary=summary, body=body, status=status, is_visible=visible,
                   published_at=timezone.now() + datetime.timedelta(days=days), department=department, **fields)
    item.search_text = search_key("\n".join((title, summary, plain_text(body))))
    item.save()
    return item


def portal(db=None):
    """A news column with public, draft, hidden and scheduled articles, a notice column, a hidden column and a shown
    column under it (hidden too)."""
    news = column()
    notice = column("notice", "通知公告", "notice")
    hidden = column("secret", "隐藏栏目", "news", is_visible=False)
    under_hidden = column("secret-child", "隐藏栏目的子栏目", "news", parent=hidden)
    return {
        "news": news, "notice": notice, "hidden_column": hidden,
        "public": article(news, "我校举办会计专业双选会", body="<p>本次<b>双选会</b>共有 120 家单位参加。</p>",
                          summary=""),
        "notice_item": article(notice, "关于寒假期间就业服务安排的通知", summary="寒假期间照常提供就业咨询服务。"),
        "draft": article(news, "会计草稿新闻", status="draft"),
        "hidden": article(news, "会计隐藏新闻", visible=False),
        "scheduled": article(news, "会计定时新闻", days=3),
        "in_hidden_column": article(hidden, "会计隐藏栏目新闻"),
        "under_hidden_column": article(under_hidden, "会计隐藏子栏目新闻"),
    }
