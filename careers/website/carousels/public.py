"""A named carousel's current slides for the site, cached under a version key.

A slide shows when its carousel is 启用, it is 显示, now lies in [开始展示, 结束展示), and its link target is public
(an article published, shown, due and in a shown column; an approved talk; a fair published and past its
对外发布时间). The version is bumped by any save or delete of a carousel, slide, article, talk or fair (connect());
the cache entry also expires at the next moment a slide's window or a target's publish time passes (≤ MAX_AGE).
A miss costs one query."""

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from careers.core import cache_versions
from careers.events.models import FairStatus, TalkStatus

from ..articles.models import ArticleStatus
from ..links import is_external
from ..public.seo import article_url
from .models import Slide, SlideLink

VERSION_KEY = "website:carousel:version"
MAX_AGE = 600


def version():
    return cache_versions.current(VERSION_KEY)


def bump():
    cache_versions.bump(VERSION_KEY)


def target(slide, now):
    """(url or "", the moment the target goes public if later than now, or None); url None = not public."""
    kind = slide.link_kind
    if kind == SlideLink.URL:
        return slide.url, None
    if kind == SlideLink.ARTICLE:
        a = slide.article
        if a is None or a.status != ArticleStatus.PUBLISHED or not a.is_visible or not a.category.is_visible \
                or a.published_at is None:
            return None, None
        return (article_url(a.pk), None) if a.published_at <= now else (None, a.published_at)
    if kind == SlideLink.TALK:
        t = slide.talk
        if t is None or t.status != TalkStatus.APPROVED:
            return None, None
        return reverse("site_events:talk_detail", args=[t.pk]), None
    if kind == SlideLink.FAIR:
        f = slide.fair
        if f is None or f.status != FairStatus.PUBLISHED:
            return None, None
        if f.publish_at and f.publish_at > now:
            return None, f.publish_at
        return reverse("site_events:fair_detail", args=[f.pk]), None
    return "", None


def image_url(slide, size):
    stamp = int(slide.updated_at.timestamp()) if slide.updated_at else 0
    name = "website_site:slide_image_small" if size == "small" else "website_site:slide_image"
    return f"{reverse(name, args=[slide.pk])}?v={stamp}"


def compute(code, now=None):
    """([slide dict, …], seconds the answer stays right without a save)."""
    now = now or timezone.now()
    slides = (Slide.objects.filter(carousel__code=code, carousel__is_active=True, is_visible=True)
              .select_related("article__category", "talk", "fair").order_by("ordering", "pk"))
    rows, moments = [], []
    for slide in slides:
        if slide.active_from and slide.active_from > now:
            moments.append(slide.active_from)
            continue
        if slide.active_until and slide.active_until <= now:
            continue
        url, later = target(slide, now)
        if later:
            moments.append(later)
        if url is None:
            continue
        if slide.active_until:
            moments.append(slide.active_until)
        rows.append({"title": slide.title, "url": url, "external": is_external(url),
                     "image": image_url(slide, "large"),
                     "small": image_url(slide, "small") if slide.image_small else ""})
    fresh = MAX_AGE
    if moments:
        fresh = max(1, min(MAX_AGE, int((min(moments) - now).total_seconds()) + 1))
    return rows, fresh


def current_slides(code):
    key = f"website:carousel:{version()}:{code}"
    rows = cache.get(key)
    if rows is None:
        rows, fresh = compute(code)
        cache.set(key, rows, fresh)
    return rows


def connect():

    from careers.events.models import Fair, Talk

    from ..articles.models import Article
    from ..categories.models import Category
    from .models import Carousel

    cache_versions.on_change((Carousel, Slide, Article, Category, Talk, Fair), bump, "website-carousel")
