"""Public column and article pages (no login, phone first): `/c/<slug>/` renders by the column's kind, `/a/<pk>/`
is one article. Only shown columns (and their shown ancestors) and public articles (published, shown, due) are
there; anything else is a 404 for everyone (the back office has its own preview).

    kind                                   page
    news notice policy article other       article list, PER_PAGE a page (title, date, summary, cover thumb)
    photo                                  gallery of covers, each to its article
    video                                  players (<video controls preload="metadata">)
    download                               the files of the column's articles (name, size, type, downloads)
    link                                   external links (rel="noopener noreferrer", new tab)
    special                                特色专栏: its sub-columns with their latest items (and its own articles)
    help explain                           documentation: the titles as a table of contents, one article beside
"""

import re

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from ..public import cache as public_cache
from ..public.links import file_kind
from ..public.seo import article_url
from . import actions
from .models import Article, ArticleAttachment

PER_PAGE = 20
PER_PAGE_GALLERY = 24
PER_PAGE_VIDEO = 10
LINKS_LIMIT = 300
DOCS_LIMIT = 300
SPECIAL_CHILDREN = 12
SPECIAL_ITEMS = 6
LIST_KINDS = {"news", "notice", "policy", "article", "other"}
LIST_FIELDS = ("pk", "title", "summary", "published_at", "external_url", "cover", "department", "sort_weight",
               "category_id")
BOTS = re.compile(r"bot|spider|crawl|slurp|curl|wget|python-requests", re.I)


def _column_or_404(slug):
    column = public_cache.column(slug)
    if column is None:
        raise Http404("没有这个栏目")
    return column


def public_articles(column_pk):
    return Article.objects.public().filter(category_id=column_pk).in_site_order()


def decorate(articles):
    """Each article's link (its external address when it has one), for the templates (files: the model's
    `cover_url` / `media_url`)."""
    for article in articles:
        article.link = article.external_url or article_url(article.pk)
    return articles


def category(request, slug):
    column = _column_or_404(slug)
    context = {"column": column, "trail": public_cache.ancestors(column)}
    kind = column["kind"]
    if kind == "special":
        return _special(request, column, context)
    if kind in ("help", "explain"):
        return _docs(request, column, context)
    if kind == "link":
        links = decorate(list(public_articles(column["pk"]).only(*LIST_FIELDS)[:LINKS_LIMIT]))
        return render(request, "website/site/category_link.html", {**context, "links": links})
    if kind == "download":
        articles = public_articles(column["pk"]).only(*LIST_FIELDS).prefetch_related(
            Prefetch("attachments", queryset=ArticleAttachment.objects.only(
                "pk", "name", "size", "download_count", "content_type", "article_id", "ordering")))
        page = Paginator(articles, PER_PAGE).get_page(request.GET.get("page"))
        for article in decorate(page.object_list):
            for attachment in article.attachments.all():
                attachment.icon, attachment.type_label = file_kind(attachment.name)
        return render(request, "website/site/category_download.html", {**context, "page": page})
    if kind == "photo":
        page = Paginator(public_articles(column["pk"]).only(*LIST_FIELDS), PER_PAGE_GALLERY).get_page(
            request.GET.get("page"))
        decorate(page.object_list)
        return render(request, "website/site/category_photo.html", {**context, "page": page})
    if kind == "video":
        page = Paginator(public_articles(column["pk"]).only(*LIST_FIELDS, "media"), PER_PAGE_VIDEO).get_page(
            request.GET.get("page"))
        decorate(page.object_list)
        return render(request, "website/site/category_video.html", {**context, "page": page})
    page = Paginator(public_articles(column["pk"]).only(*LIST_FIELDS), PER_PAGE).get_page(request.GET.get("page"))
    decorate(page.object_list)
    return render(request, "website/site/category_list.html", {**context, "page": page,
                                                                "children": column["children"]})


def _special(request, column, context):
    """特色专栏: the column's own articles, then each sub-column (its own page at /c/<child>/) with its latest items."""
    own = decorate(list(public_articles(column["pk"]).only(*LIST_FIELDS)[:SPECIAL_ITEMS * 2]))
    sections = []
    for child in column["children"][:SPECIAL_CHILDREN]:
        items = decorate(list(public_articles(child["pk"]).only(*LIST_FIELDS)[:SPECIAL_ITEMS]))
        sections.append({"column": child, "articles": items})
    return render(request, "website/site/category_special.html", {**context, "own": own, "sections": sections})


def _docs(request, column, context):
    toc = list(public_articles(column["pk"]).values("pk", "title")[:DOCS_LIMIT])
    current = None
    wanted = request.GET.get("a", "")
    if toc:
        pk = int(wanted) if wanted.isdecimal() and any(t["pk"] == int(wanted) for t in toc) else toc[0]["pk"]
        current = public_articles(column["pk"]).filter(pk=pk).first()
        if current is not None:
            count_view(request, current)
    return render(request, "website/site/category_docs.html", {**context, "toc": toc, "article": current})


def counts_as_view(request):
    return request.method == "GET" and not BOTS.search(request.META.get("HTTP_USER_AGENT", ""))


def count_view(request, article):
    """One more 浏览次数: an F() update (no lost counts under concurrency), no history or cache bump."""
    if counts_as_view(request):
        actions.count_view(article)
        article.view_count += 1


def _neighbours(article):
    """(newer, older) public articles of the same column in site order (-sort_weight, -published_at, -pk)."""
    w, p, pk = article.sort_weight, article.published_at, article.pk
    base = public_articles(article.category_id).only("pk", "title", "external_url", "cover")
    newer = base.filter(Q(sort_weight__gt=w) | Q(sort_weight=w, published_at__gt=p)
                        | Q(sort_weight=w, published_at=p, pk__gt=pk)).order_by("sort_weight", "published_at", "pk")
    older = base.filter(Q(sort_weight__lt=w) | Q(sort_weight=w, published_at__lt=p)
                        | Q(sort_weight=w, published_at=p, pk__lt=pk))
    return newer.first(), older.first()


def article_detail(request, pk):
    article = Article.objects.public(timezone.now()).filter(pk=pk).defer("search_text").first()
    column = public_cache.column_of_pk(article.category_id) if article else None
    if article is None or column is None:
        raise Http404("没有这篇资讯，或尚未发布")
    count_view(request, article)
    attachments = list(article.attachments.only("pk", "name", "size", "download_count", "article_id", "ordering"))
    for attachment in attachments:
        attachment.icon, attachment.type_label = file_kind(attachment.name)
    newer, older = _neighbours(article)
    decorate([x for x in (newer, older) if x])
    return render(request, "website/site/article_detail.html", {
        "article": article, "column": column, "trail": [*public_cache.ancestors(column), column],
        "attachments": attachments, "newer": newer, "older": older,
        "cover_url": article.cover_url, "media_url": article.media_url})

