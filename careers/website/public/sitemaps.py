"""sitemap.xml (django.contrib.sitemaps, index form) and robots.txt, both cached for CACHE_SECONDS.

    /sitemap.xml                 the index: one entry per section page
    /sitemap-<section>.xml       static (portal pages), columns, articles, jobs, talks, fairs — public items only,
                                 each from its own public queryset (PAGE_SIZE URLs a page)
    /robots.txt                  the public site allowed; every back-office prefix of config/urls.py disallowed

Items are (pk, lastmod) rows built with one query per section page, not model instances.
"""

import datetime

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.contrib.sites.requests import RequestSite
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Max
from django.http import Http404, HttpResponse
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.html import escape
from django.views.decorators.cache import cache_page

from careers.events.models import Fair, Talk
from careers.recruitment.jobs.search import site_jobs

from ..categories.models import Category
from .seo import article_url_prefix, category_url, public_articles, shown_columns

CACHE_SECONDS = 600
PAGE_SIZE = 50_000
TALK_DAYS = 365
# The public site's namespaces: everything mounted under "" in config/urls.py that is not one of them is back office.
PUBLIC_NAMESPACES = {"site", "site_events", "website_site"}
STATIC_PAGES = ("website_site:home", "site:job_list", "site_events:talk_list", "site_events:fair_list",
                "site_events:calendar", "website_site:search")


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        names = []
        for name in STATIC_PAGES:
            try:
                reverse(name)
            except NoReverseMatch:  # a portal page not (yet) installed
                continue
            names.append(name)
        return names

    def location(self, item):
        return reverse(item)


class RowSitemap(Sitemap):
    """A section of (pk, lastmod) rows; `prefix` + pk + "/" is the location."""

    limit = PAGE_SIZE

    def lastmod(self, item):
        return item[1]

    def get_latest_lastmod(self):
        """For the index: one MAX() instead of the framework's walk over every item."""
        items = self.items()
        if hasattr(items, "aggregate"):
            return items.order_by().aggregate(latest=Max("updated_at"))["latest"]
        return super().get_latest_lastmod()

    def location(self, item):
        if self._prefix is None:  # once per page: a reverse per URL would cost more than the rest of the page
            self._prefix = self.prefix()
        return f"{self._prefix}{item[0]}/"

    _prefix = None


class CategorySitemap(RowSitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        shown = shown_columns()
        return [row[1:] for row in Category.objects.public().order_by("ordering", "pk").values_list(
            "pk", "slug", "updated_at") if row[0] in shown]

    def location(self, item):
        return category_url(item[0])


class ArticleSitemap(RowSitemap):
    changefreq = "monthly"
    priority = 0.5

    def prefix(self):
        return article_url_prefix()

    def items(self):
        return public_articles().order_by("-published_at", "-pk").values_list("pk", "updated_at")


class JobSitemap(RowSitemap):
    changefreq = "weekly"
    priority = 0.5

    def prefix(self):
        return reverse("site:job_detail", args=[0])[:-2]

    def items(self):
        return site_jobs().order_by("-bumped_at", "-pk").values_list("pk", "updated_at")


class TalkSitemap(RowSitemap):
    changefreq = "weekly"
    priority = 0.4

    def prefix(self):
        return reverse("site_events:talk_detail", args=[0])[:-2]

    def items(self):
        since = timezone.now() - datetime.timedelta(days=TALK_DAYS)
        return Talk.objects.published().filter(starts_at__gte=since).order_by("-starts_at", "-pk").values_list(
            "pk", "updated_at")


class FairSitemap(RowSitemap):
    changefreq = "weekly"
    priority = 0.4

    def prefix(self):
        return reverse("site_events:fair_detail", args=[0])[:-2]

    def items(self):
        return Fair.objects.public().order_by("-starts_at", "-pk").values_list("pk", "updated_at")


SITEMAPS = {"static": StaticSitemap, "columns": CategorySitemap, "articles": ArticleSitemap, "jobs": JobSitemap,
            "talks": TalkSitemap, "fairs": FairSitemap}

sitemap_index = cache_page(CACHE_SECONDS)(
    lambda request: sitemap_views.index(request, SITEMAPS, sitemap_url_name="website_site:sitemap_section"))


@cache_page(CACHE_SECONDS)
def sitemap_section(request, section):
    """One page (?p=) of a section. The URLs come from the Sitemap class (django.contrib.sitemaps), the XML is
    written here: the framework's template costs ~100 µs a URL (2 s for 20,000 articles), this a few."""
    if section not in SITEMAPS:
        raise Http404("没有这个网站地图。")
    try:
        urls = SITEMAPS[section]().get_urls(page=request.GET.get("p", 1), site=RequestSite(request),
                                            protocol=request.scheme)
    except (EmptyPage, PageNotAnInteger):
        raise Http404("没有这一页。")
    parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n']
    for url in urls:
        lastmod = url["lastmod"]
        parts.append(f"<url><loc>{escape(url['location'])}</loc>"
                     + (f"<lastmod>{_w3c_date(lastmod)}</lastmod>" if lastmod else "")
                     + (f"<changefreq>{url['changefreq']}</changefreq>" if url["changefreq"] else "")
                     + (f"<priority>{url['priority']}</priority>" if url["priority"] else "") + "</url>\n")
    parts.append("</urlset>\n")
    return HttpResponse("".join(parts), content_type="application/xml; charset=utf-8")


def _w3c_date(value):
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().isoformat()
    return value.isoformat()


def back_office_prefixes():
    """The first path segment of every route outside the public namespaces, e.g. /website/, /students/, /me/."""
    prefixes = set()

    def walk(patterns, prefix):
        for pattern in patterns:
            text = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if pattern.namespace in PUBLIC_NAMESPACES:
                    continue
                if text:
                    prefixes.add(_first_segment(prefix + text))
                else:
                    walk(pattern.url_patterns, prefix)
            elif prefix + text:
                prefixes.add(_first_segment(prefix + text))

    walk(get_resolver().url_patterns, "")
    return sorted(p for p in prefixes if p)


def _first_segment(route):
    segment = route.lstrip("^").split("/", 1)[0]
    return "" if not segment or any(c in segment for c in "<(?[\\$") else f"/{segment}/"


def public_pages_under_back_office():
    """Public pages inside a disallowed prefix (employer registration and 账号申诉 live under /company/)."""
    pages = []
    for name in ("company:register", "company:appeal"):
        try:
            pages.append(reverse(name))
        except NoReverseMatch:
            continue
    return pages


@cache_page(CACHE_SECONDS)
def robots_txt(request):
    # Allow lines first: crawlers that read rules in order (not by length) still reach the public pages.
    lines = ["User-agent: *", *(f"Allow: {p}" for p in public_pages_under_back_office()),
             *(f"Disallow: {p}" for p in back_office_prefixes()), "Allow: /", "",
             f"Sitemap: {request.build_absolute_uri(reverse('website_site:sitemap'))}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
