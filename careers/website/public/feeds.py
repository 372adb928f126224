"""RSS 2.0 and Atom feeds (django.contrib.syndication): the latest ITEMS public articles, newest first.

    /feeds/<kind>/rss/  /feeds/<kind>/atom/   kind = news | notice: every visible column of that kind
    /c/<slug>/rss/      /c/<slug>/atom/       one visible column (hidden or absent → 404)

Only `Article.objects.public()` (published, shown, due, in a shown column with no hidden column above it). Item: title, link (the article page),
summary (or the start of the text), pubdate, author = 发布部门.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from ..categories.models import Category
from ..siteinfo.cache import current_settings
from .seo import (
    FEED_KINDS,
    article_url,
    category_url,
    describe,
    home_url,
    public_articles,
    shown_columns,
)

ITEMS = 20


class ArticleRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, kind=None, slug=None):
        if slug is not None:
            category = Category.objects.public().filter(slug=slug).first()
            if category is None or category.pk not in shown_columns():  # hidden, or under a hidden column
                raise Http404("没有这个栏目。")
            return {"title": category.name, "description": category.description, "link": category_url(slug),
                    "filter": {"category": category}}
        if kind not in FEED_KINDS:
            raise Http404("没有这个订阅。")
        return {"title": FEED_KINDS[kind], "description": "", "link": home_url(),
                "filter": {"category__kind": kind}}

    def title(self, obj):
        return f"{current_settings().site_name} - {obj['title']}"

    def link(self, obj):
        return obj["link"]

    def description(self, obj):
        return obj["description"] or f"{current_settings().site_name}最新{obj['title']}"

    def items(self, obj):
        return list(public_articles().filter(**obj["filter"]).only(
            "pk", "title", "summary", "body", "published_at", "updated_at", "department")
            .order_by("-published_at", "-pk")[:ITEMS])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return describe(item.summary or item.body, 300)

    def item_link(self, item):
        return article_url(item.pk)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.department or None


class ArticleAtomFeed(ArticleRssFeed):
    feed_type = Atom1Feed
    subtitle = ArticleRssFeed.description
