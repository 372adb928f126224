"""SEO and sharing for the public site: the URLs of columns and articles (one place, for pages, feeds, the sitemap
and the search), the `seo` dict a page view puts in its context, and what seo_head.html renders from it.

A page view sets `seo` in its context (every key optional):

    {"title": "…", "description": "…", "image": <ImageFieldFile | "/static/…" | "https://…">,
     "type": "website" | "article", "published_time": <datetime>, "category": <Category>,
     "robots": "noindex, follow"}

and the portal layout's <head> includes `website/includes/seo_head.html`, which renders the canonical URL (absolute,
the current path with only `page` kept), meta description, Open Graph (og:title/description/url/type/image/
site_name; WeChat reads these and the `itemprop` image) and the RSS/Atom <link rel="alternate"> of the news and
notice feeds, plus the column's own when `seo.category` is set. Missing values fall back to 网站参数 (site name,
description, logo).

    seo_for_article(article, request=None) -> dict   for the article page
    seo_for_category(category) -> dict                for a column page
    article_url(pk) / category_url(slug) / home_url() site paths

A page that sets no `seo` but has an `article` (Article) or a `column` / `category` (a Category, or the portal's
cached column node) in its context gets seo_for_article / seo_for_category of it automatically.
"""

from django.urls import reverse
from django.utils.text import Truncator

from careers.core.richtext import plain_text

DESCRIPTION_CHARS = 120
FEED_KINDS = {"news": "新闻", "notice": "通知"}  # the site-wide feeds (feeds.py)


def article_url(pk):
    """The public page of an article."""
    return reverse("website_site:article_detail", args=[pk])


def article_url_prefix():
    """article_url without the pk, for building thousands of links without a reverse each (sitemap)."""
    return article_url(0)[:-2]


def home_url():
    return reverse("website_site:home")


def category_url(slug):
    """The public page of a column."""
    return reverse("website_site:category", args=[slug])


def shown_columns():
    """{pk: slug} of the columns a visitor may open: shown, and every column above shown too (the portal's rule: a
    column under a hidden one is hidden) — the portal's cached column index."""
    from .cache import columns

    return columns()["by_pk"]


def public_articles():
    """Article.objects.public() restricted to the shown columns (shown_columns)."""
    from ..articles.models import Article

    return Article.objects.public().filter(category_id__in=list(shown_columns()))


def describe(text, chars=DESCRIPTION_CHARS):
    """One line of plain text for a description (HTML stripped, whitespace collapsed, cut at `chars`)."""
    return Truncator(" ".join(plain_text(text or "").split())).chars(chars)


def _field(obj, name):
    """A column's attribute, whether it is a Category or the portal's cached column node (a dict)."""
    return obj.get(name, "") if isinstance(obj, dict) else getattr(obj, name, "")


def seo_for_article(article, request=None, column=None):
    """The `seo` context of an article's page: its title, summary (or the start of its text), cover, date, and its
    column (`column`: a Category or the portal's column node; else article.category, one query if not loaded)."""
    return {"title": article.title, "description": describe(article.summary or article.body),
            "image": article.cover_url, "type": "article", "published_time": article.published_at,
            "category": column if column is not None else (article.category if article.category_id else None)}


def seo_for_category(category):
    """The `seo` context of a column's page (its feeds are linked from the <head>); `category` is a Category or
    the portal's cached column node (a dict with name, slug, description)."""
    return {"title": _field(category, "name"), "description": describe(_field(category, "description")),
            "type": "website", "category": category}


def _image_url(image):
    if not image:
        return ""
    if hasattr(image, "url"):
        try:
            return image.url
        except ValueError:  # a file field without a file
            return ""
    return str(image)


def page_meta(request, seo=None):
    """What seo_head.html renders: absolute canonical URL and image, texts with their fallbacks, feed links."""
    from ..siteinfo.cache import current_settings, logo_url

    seo = seo or {}
    site = current_settings()
    canonical = request.path
    page = request.GET.get("page", "")
    if page.isdecimal() and page != "1":
        canonical += f"?page={page}"
    image = _image_url(seo.get("image")) or logo_url()
    feeds = [(f"{site.site_name} {label}", reverse(f"website_site:feed_{fmt}", args=[kind]), mime)
             for kind, label in FEED_KINDS.items() for fmt, mime in (("rss", "application/rss+xml"),)]
    category = seo.get("category")
    if category is not None:
        name, slug = _field(category, "name"), _field(category, "slug")
        feeds += [(f"{name} ({fmt.upper()})", reverse(f"website_site:category_{fmt}", args=[slug]), mime)
                  for fmt, mime in (("rss", "application/rss+xml"), ("atom", "application/atom+xml"))]
    return {
        "url": request.build_absolute_uri(canonical),
        "title": seo.get("title") or site.site_name,
        "description": seo.get("description") or site.description or site.site_name,
        "image": request.build_absolute_uri(image) if image else "",
        "type": seo.get("type") or "website",
        "published_time": seo.get("published_time"),
        "site_name": site.site_name,
        "robots": seo.get("robots") or "",
        "feeds": [(title, request.build_absolute_uri(url), mime) for title, url, mime in feeds if url],
    }
