"""The portal home (`/home/`, and `/` for visitors through core's PUBLIC_HOME): carousel, the 新闻 / 通知公告 /
就业政策 blocks, this week's 就业日历, latest jobs, upcoming talks and fairs, quick links and entry cards.

The body that is the same for everyone is rendered once and cached for BODY_SECONDS under the public content's
version (public/cache.py) and the calendar's, so a published article or event shows at once; jobs, talks and fairs
show within BODY_SECONDS. Cold: about ten bounded queries; warm: none but the session's."""

import datetime

from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe

from careers.events.calendar import feed as calendar_feed
from careers.events.models import Fair, Talk
from careers.recruitment.jobs.search import site_jobs

from ..articles.files import cover_url_for
from ..articles.models import Article
from . import cache as public_cache
from .seo import article_url

BODY_SECONDS = 60
BLOCKS = (("news", "新闻动态"), ("notice", "通知公告"), ("policy", "就业政策"))
PER_BLOCK = 7


def latest_articles(column_pk, limit):
    rows = (Article.objects.public().filter(category_id=column_pk).in_site_order()
            .values("pk", "title", "published_at", "external_url", "sort_weight", "cover")[:limit])
    return [{**row, "url": row["external_url"] or article_url(row["pk"]),
             "cover_url": cover_url_for(row["pk"]) if row["cover"] else ""} for row in rows]


def week_entries(today):
    monday = today - datetime.timedelta(days=today.weekday())
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(monday, datetime.time.min, tzinfo=tz)
    return monday, calendar_feed.entries_between(start, start + datetime.timedelta(days=7))


def body_context(now=None):
    now = now or timezone.now()
    today = timezone.localdate(now)
    blocks = []
    for kind, title in BLOCKS:
        column = public_cache.first_column(kind)
        if column:
            blocks.append({"kind": kind, "title": column["name"] or title, "url": column["url"],
                           "articles": latest_articles(column["pk"], PER_BLOCK)})
    monday, entries = week_entries(today)
    jobs = list(site_jobs(today).select_related("employer").only(
        "pk", "title", "salary_min", "salary_max", "bumped_at", "employer__name").order_by("-bumped_at", "-pk")[:8])
    talks = list(Talk.objects.upcoming().select_related("venue").only(
        "pk", "title", "starts_at", "ends_at", "venue__name").order_by("starts_at", "pk")[:5])
    fairs = list(Fair.objects.public().filter(ends_at__gte=now).select_related("venue").only(
        "pk", "title", "starts_at", "ends_at", "place", "venue__name").order_by("starts_at", "pk")[:4])
    return {"blocks": blocks, "week_start": monday, "week_entries": entries[:8], "week_more": len(entries) > 8,
            "today": today, "jobs": jobs, "talks": talks, "fairs": fairs}


def home_body():
    key = f"{public_cache.PREFIX}:home:{public_cache.version()}:{calendar_feed.version()}"
    body = cache.get(key)
    if body is None:
        body = render_to_string("website/site/home_body.html", body_context())
        cache.set(key, body, BODY_SECONDS)
    return mark_safe(body)  # rendered from our own template with escaping on


def home(request):
    return render(request, "website/site/home.html", {"body": home_body()})
