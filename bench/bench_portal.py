"""The public portal (issue 17) at 20,000 articles over 15 columns, with the job bench's 50,000 posts and the calendar
bench's talks and fairs (built here when those benches did not run first):

- home page, a column's list page: warm (≤ 50 ms) and cold — the cache emptied before every render (≤ 300 ms);
- an article page (≤ 50 ms), the 就业日历 month view (≤ 100 ms, cold);
- 站内搜索 (≤ 150 ms): a common two-character keyword, a rare one, a two-word one and one kind's tab, cold cache;
- the news RSS feed and the articles sitemap page (20,000 URLs; cached afterwards).

Anonymous requests through the test client, median of repeated renders after a warm-up. The home, column and
article routes belong to the portal pages: a figure whose route is not installed prints `skipped`.
"""

ORDER = 70  # after bench_calendar and bench_jobs, whose data it reuses

import datetime
import random
import statistics
import time


from bench.common import line

COLUMNS = 15
ARTICLES = 20_000
RARE = "量子纠缠"  # in RARE_COUNT articles only
RARE_COUNT = 12
WORDS = ["就业", "招聘", "毕业生", "学院", "学校", "工作", "服务", "指导", "企业", "单位", "校园", "双选会", "宣讲会", "实习",
         "岗位", "政策", "通知", "报名", "活动", "培训", "创业", "考研", "选调生", "西部计划", "三支一扶", "征兵", "档案",
         "户口", "协议书", "派遣", "报到证", "简历", "面试", "职业规划", "咨询", "会计", "计算机", "机械", "医学", "师范"]
KINDS = ["news", "notice", "policy", "article", "news", "notice", "help", "explain", "download", "other", "news",
         "notice", "policy", "special", "article"]


def build(rng):
    from django.db import connection
    from django.utils import timezone

    from careers.core.bulk import fast_insert
    from careers.core.search import search_key
    from careers.website.models import Article, Category

    if Category.objects.filter(slug="bench-col-0").exists():  # a kept bench database (BENCH_KEEP_DB / --existing)
        return list(Category.objects.filter(slug__startswith="bench-col-").order_by("ordering"))
    columns = fast_insert(Category, [Category(name=f"基准栏目{i}", slug=f"bench-col-{i}", kind=KINDS[i % len(KINDS)],
                                              ordering=i, is_visible=i != COLUMNS - 1) for i in range(COLUMNS)])
    now = timezone.now()
    rare = set(rng.sample(range(ARTICLES), RARE_COUNT))
    articles = []
    for i in range(ARTICLES):
        title = "".join(rng.choices(WORDS, k=rng.randint(3, 6))) + f"（{i}）"
        paragraphs = ["".join(rng.choices(WORDS, k=rng.randint(15, 40))) + "。" for _ in range(rng.randint(3, 8))]
        if i in rare:
            paragraphs.append(f"{RARE}实验室招聘博士后。")
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        summary = paragraphs[0][:100] if i % 3 else ""
        roll = rng.random()
        status = "draft" if roll < 0.03 else "published"
        published = now - datetime.timedelta(minutes=rng.randint(0, 5 * 365 * 24 * 60))
        if 0.03 <= roll < 0.05:
            published = now + datetime.timedelta(days=rng.randint(1, 30))  # scheduled
        articles.append(Article(
            category=columns[i % COLUMNS], title=title, summary=summary, body=body, status=status,
            published_at=published, is_visible=not (0.05 <= roll < 0.07), department="就业指导中心",
            sort_weight=rng.choice([0] * 50 + [1, 5, 10]),
            search_text=search_key("\n".join((title, summary, "\n".join(paragraphs))))))
    postgres = connection.vendor == "postgresql"
    trigram = []
    if postgres:  # building the trigram index once is far quicker than maintaining it row by row
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'website_article' "
                           "AND indexdef LIKE '%%search_text%%'")
            trigram = cursor.fetchall()
            for name, _ in trigram:
                cursor.execute(f'DROP INDEX "{name}"')
    fast_insert(Article, articles)
    if postgres:
        with connection.cursor() as cursor:
            if not trigram:  # website migration 0002 not there yet: the index it adds
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                trigram = [("", "CREATE INDEX website_article_search_trgm ON website_article "
                                "USING gin (search_text gin_trgm_ops)")]
            for _, definition in trigram:
                cursor.execute(definition)
            cursor.execute("ANALYZE website_article; ANALYZE website_category")
    return columns


def other_data(rng):
    """The job bench's posts and the calendar bench's talks and fairs, unless a bench before this one built them."""
    from django.utils import timezone

    from careers.events.models import Talk
    from careers.recruitment.models import Job

    if Job.objects.count() < 1000:
        from bench import bench_jobs

        bench_jobs.build(rng)
    if Talk.objects.count() < 100:
        from bench import bench_calendar

        today = timezone.localdate()
        first = (today.replace(day=1) + datetime.timedelta(days=70)).replace(day=1)
        bench_calendar.build(rng, timezone.make_aware(datetime.datetime.combine(first, datetime.time.min)))


def url(name, *args):
    from django.urls import reverse

    return reverse(name, args=args)


def timed(client, path, params=None, *, cold=False, repeats=11):
    """Median server time (ms) of GET path: after one warm-up, with the cache emptied before each when `cold`."""
    from django.core.cache import cache

    response = client.get(path, params or {})
    assert response.status_code == 200, (path, response.status_code)
    samples = []
    for _ in range(repeats):
        if cold:
            cache.clear()
        start = time.perf_counter()
        response = client.get(path, params or {})
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return round(statistics.median(samples), 1)


def figure(client, name, path, target, params=None, *, cold=False, repeats=11):
    line(name, timed(client, path, params, cold=cold, repeats=repeats), "ms", target)


def run():
    from django.contrib.auth.models import AnonymousUser  # noqa: F401  (the client is anonymous)
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from careers.website.models import Article
    from careers.website.public import search as site_search

    rng = random.Random(17)
    start = time.perf_counter()
    other_data(rng)
    columns = build(rng)
    line(f"portal_build_{ARTICLES}_articles", round(time.perf_counter() - start, 1), "s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE website_article")
    site_search.ANONYMOUS_PER_MINUTE = 10 ** 9  # the bench is one address asking many times
    client = Client(SERVER_NAME="localhost")
    column = columns[0]
    top = Article.objects.public().filter(category=column).order_by("-published_at").first()

    home = url("website_site:home")
    figure(client, "portal_home_warm", home, 50)
    figure(client, "portal_home_cold", home, 300, cold=True)
    listing = url("website_site:category", column.slug)
    figure(client, "portal_column_list_warm", listing, 50)
    figure(client, "portal_column_list_cold", listing, 300, cold=True)
    figure(client, "portal_column_list_page_50", listing, 300, {"page": "50"}, cold=True)
    figure(client, "portal_article_page", url("website_site:article_detail", top.pk), 50)

    first = (timezone.localdate().replace(day=1) + datetime.timedelta(days=70)).replace(day=1)
    figure(client, "portal_calendar_month_cold", url("site_events:calendar"), 100,
           {"view": "month", "date": first.isoformat()}, cold=True)

    search = url("website_site:search")
    for name, params in {"common_2char": {"q": "就业"}, "rare": {"q": RARE}, "single_char": {"q": "会"},
                         "nothing_found": {"q": "区块链"}, "two_words": {"q": "会计 招聘"},
                         "common_articles_tab": {"q": "就业", "kind": "article"},
                         "common_articles_page_20": {"q": "就业", "kind": "article", "page": "20"},
                         "jobs_tab": {"q": "会计", "kind": "job"}}.items():
        figure(client, f"portal_search_{name}", search, 150, params, cold=True)

    figure(client, "portal_feed_news_rss", url("website_site:feed_rss", "news"), 50)
    figure(client, "portal_sitemap_index_cold", url("website_site:sitemap"), 300, cold=True, repeats=5)
    figure(client, "portal_sitemap_articles_cold", url("website_site:sitemap_section", "articles"), 1000, cold=True,
           repeats=3)
    figure(client, "portal_sitemap_articles_cached", url("website_site:sitemap_section", "articles"), 50)
