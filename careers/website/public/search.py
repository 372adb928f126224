"""站内搜索 (/search/?q=…&kind=…): one page across 资讯, 职位, 宣讲会 and 招聘会 — public items only.

- 资讯: `Article.objects.public()` in a shown column (seo.public_articles: no hidden column above it) whose `search_text` (core.search.search_key of title + summary + body text) holds
  every keyword word (one LIKE each; on PostgreSQL the pg_trgm GIN index of website migration 0002 serves it,
  SQLite scans), newest first.
- 职位: the public job search itself (recruitment/jobs/search.py: `search_jobs` over `site_jobs`, same keyword rule).
- A word too short for a trigram (one character, two letters) matches 资讯 and 职位 titles only (`indexed`).
- 宣讲会 / 招聘会: approved talks and public fairs of a bounded recent window (TALK_DAYS / FAIR_DAYS back, and all
  ahead) whose title or unit / place contains every word: a few thousand rows at most, so no index is needed.

Counts are exact up to COUNT_CAP ("1000+" beyond, like the job search). Without `kind` each kind shows its first
PREVIEW hits; a kind's tab pages through all of them. Queries: one count per kind, one page query per kind with
hits (≤ 8). Anonymous visitors get ANONYMOUS_PER_MINUTE searches a minute per address (core.ratelimit).
"""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Q
from django.http import QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from careers.core.ratelimit import hit
from careers.core.request_context import client_ip
from careers.core.richtext import plain_text
from careers.core.search import MAX_WORDS, search_key
from careers.events.models import Fair, Talk
from careers.recruitment.jobs.search import COUNT_CAP, capped_count, search_jobs

from .seo import article_url_prefix, public_articles

KINDS = {"article": "资讯", "job": "职位", "talk": "宣讲会", "fair": "招聘会"}
MAX_CHARS = 50
PER_PAGE = 20
PREVIEW = 5
TALK_DAYS = 365
FAIR_DAYS = 730
EXCERPT_CHARS = 120
ANONYMOUS_PER_MINUTE = 30
_NOT_WORD = re.compile(r"[\W_]+")

HINT_EMPTY = "请输入要搜索的关键字，如“会计”“双选会”“就业指导”。"
HINT_LONG = f"关键字太长，请不超过 {MAX_CHARS} 个字。"
HINT_PUNCTUATION = "关键字只有标点符号，请输入文字或数字。"
HINT_RATE = "搜索过于频繁，请稍后再试。"


def query_words(raw):
    """(words, hint): the keyword's words (punctuation splits words; at most MAX_WORDS) or a hint why none."""
    text = (raw or "").strip()
    if not text:
        return [], HINT_EMPTY
    if len(text) > MAX_CHARS:
        return [], HINT_LONG
    words = [w for w in _NOT_WORD.sub(" ", text).split() if w][:MAX_WORDS]
    if not words:
        return [], HINT_PUNCTUATION
    return words, ""


@dataclass(slots=True)
class Hit:
    url: str
    title: str
    date: object
    summary: str
    meta: str


def excerpt(text, words, chars=EXCERPT_CHARS):
    """`chars` characters of plain `text` around the first keyword found (the start when none is)."""
    text = " ".join((text or "").split())
    lowered = text.lower()
    found = [i for i in (lowered.find(w.lower()) for w in words) if i >= 0]
    start = max(0, min(found) - 20) if found else 0
    piece = text[start:start + chars]
    return ("…" if start else "") + piece + ("…" if start + chars < len(text) else "")


# -- one section per kind: queryset(words) and hits(queryset, start, stop, words) ---------------------------------

def indexed(word):
    """Does the word's search key make a trigram (so the pg_trgm index serves its LIKE)? A single character or two
    letters do not: such a word is looked for in titles only, else it would read every row's whole text."""
    return len(search_key(word)) >= 3


def article_queryset(words):
    articles = public_articles()
    for word in words:
        articles = articles.filter(search_text__contains=search_key(word)) if indexed(word) else \
            articles.filter(title__icontains=word)
    return articles


def article_hits(articles, start, stop, words):
    prefix = article_url_prefix()
    rows = (articles.select_related("category").only("pk", "title", "summary", "body", "published_at", "department",
                                                     "category__name")
            .order_by("-published_at", "-pk")[start:stop])
    return [Hit(f"{prefix}{a.pk}/", a.title, a.published_at, excerpt(_summary_text(a, words), words),
                " · ".join(filter(None, [a.category.name, a.department]))) for a in rows]


def _summary_text(article, words):
    """The summary, unless only the body holds a keyword: then the body text (its excerpt shows the keyword)."""
    def has_word(text):
        return any(w.lower() in text.lower() for w in words)

    if article.summary and (has_word(article.summary) or has_word(article.title)):
        return article.summary
    body = plain_text(article.body)
    return body if has_word(body) or not article.summary else article.summary


def job_queryset(words):
    jobs = search_jobs({"q": " ".join(w for w in words if indexed(w))})[1]
    for word in words:
        if not indexed(word):
            jobs = jobs.filter(title__icontains=word)
    return jobs


def job_hits(jobs, start, stop, words):
    prefix = reverse("site:job_detail", args=[0])[:-2]
    rows = (jobs.select_related("employer", "region").only(
        "pk", "title", "bumped_at", "salary_min", "salary_max", "job_type", "openings", "employer__name",
        "region__name").order_by("-bumped_at", "-pk")[start:stop])
    return [Hit(f"{prefix}{j.pk}/", j.title, j.bumped_at, j.employer.name,
                " · ".join(filter(None, [j.region.name if j.region_id else "", j.get_job_type_display(),
                                         j.salary_display]))) for j in rows]


def talk_queryset(words):
    talks = Talk.objects.published().filter(starts_at__gte=timezone.now() - datetime.timedelta(days=TALK_DAYS))
    for word in words:
        talks = talks.filter(Q(title__icontains=word) | Q(organiser__icontains=word) | Q(employer__name__icontains=word))
    return talks


def talk_hits(talks, start, stop, words):
    prefix = reverse("site_events:talk_detail", args=[0])[:-2]
    rows = (talks.select_related("employer", "venue").only(
        "pk", "title", "organiser", "starts_at", "audience", "employer__name", "venue__name")
            .order_by("-starts_at", "-pk")[start:stop])
    return [Hit(f"{prefix}{t.pk}/", t.title, t.starts_at, t.host_name,
                " · ".join(filter(None, [timezone.localtime(t.starts_at).strftime("%H:%M 开始"),
                                         t.venue.name, t.audience]))) for t in rows]


def fair_queryset(words):
    fairs = Fair.objects.public().filter(starts_at__gte=timezone.now() - datetime.timedelta(days=FAIR_DAYS))
    for word in words:
        fairs = fairs.filter(Q(title__icontains=word) | Q(place__icontains=word))
    return fairs


def fair_hits(fairs, start, stop, words):
    prefix = reverse("site_events:fair_detail", args=[0])[:-2]
    rows = fairs.only("pk", "title", "starts_at", "place").order_by("-starts_at", "-pk")[start:stop]
    return [Hit(f"{prefix}{f.pk}/", f.title, f.starts_at, f.place,
                timezone.localtime(f.starts_at).strftime("%H:%M 开始")) for f in rows]


SECTIONS = {"article": (article_queryset, article_hits), "job": (job_queryset, job_hits),
            "talk": (talk_queryset, talk_hits), "fair": (fair_queryset, fair_hits)}


def by_count(queryset, more):
    """The hits, fenced behind their own subquery when the count found at most COUNT_CAP of them. The planner
    cannot tell how rare a substring is: for a rare word, newest first with a LIMIT, it walked the date index
    through 13,000 articles (107 ms) to find 5; the fenced subquery (a LIMIT keeps it from being flattened) reads
    the few matches through the trigram index first, as the count did (2 ms)."""
    if more:
        return queryset  # a common word: walking by date finds a page of hits at once
    model = queryset.model
    return model._default_manager.filter(pk__in=queryset.order_by().values("pk")[:COUNT_CAP + 1])


def search(words, kind="", page=1):
    """[{kind, label, count, more, hits}] for every kind, and the page info of `kind` (None without one)."""
    sections, paging = [], None
    for name, (queryset_of, hits_of) in SECTIONS.items():
        queryset = queryset_of(words)
        count, more = capped_count(queryset)
        hits, start = [], 0
        if kind == name:
            pages = max(1, -(-count // PER_PAGE))
            number = max(1, min(page, pages))
            start = (number - 1) * PER_PAGE
            paging = {"number": number, "pages": pages, "has_previous": number > 1, "has_next": number < pages,
                      "previous": number - 1, "next": number + 1}
        if count and (not kind or kind == name):
            hits = hits_of(by_count(queryset, more), start, start + (PER_PAGE if kind else PREVIEW), words)
        sections.append({"kind": name, "label": KINDS[name], "count": count, "more": more, "hits": hits})
    return sections, paging


def _page_number(value):
    try:
        return max(1, int(value or 1))
    except (TypeError, ValueError):
        return 1


def site_search(request):
    raw = request.GET.get("q", "")
    kind = request.GET.get("kind", "")
    kind = kind if kind in KINDS else ""
    words, hint = query_words(raw)
    status, sections, paging = 200, [], None
    if words and not request.user.is_authenticated and not hit(
            f"site-search:{client_ip(request) or 'unknown'}", limit=ANONYMOUS_PER_MINUTE, window=60):
        words, hint, status = [], HINT_RATE, 429
    if words:
        sections, paging = search(words, kind, _page_number(request.GET.get("page")))
    query = QueryDict(mutable=True)
    query["q"] = raw.strip()
    kind_query = query.copy()
    if kind:
        kind_query["kind"] = kind
    return render(request, "website/site/search.html", {
        "q": raw.strip()[:MAX_CHARS * 2], "kind": kind, "kinds": KINDS, "words": words, "hint": hint,
        "sections": sections, "paging": paging, "total": sum(s["count"] for s in sections),
        "total_more": any(s["more"] for s in sections), "cap": COUNT_CAP, "query": query.urlencode(),
        "kind_query": kind_query.urlencode(), "title_only": [w for w in words if not indexed(w)],
        "seo": {"title": f"搜索：{raw.strip()[:MAX_CHARS]}" if raw.strip() else "站内搜索",
                "robots": "noindex, follow" if raw.strip() else ""},
    }, status=status)
