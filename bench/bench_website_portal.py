"""The public portal at 20,000 articles (issue 17): the home page, a column's list page (first and a deep page)
and an article page, anonymous, timed as the whole request:

- home cold: the cached body and the column index emptied before every render; home warm: the cached body;
- column / article: rendered every time (no page cache), with the column index warm as in production.
"""

import datetime
import random
import statistics
import time

from bench.common import line

ARTICLES = 20_000
KINDS = ("news", "notice", "policy", "article", "photo", "download")


def build(rng):
    from django.utils import timezone

    from careers.website.models import Article, Category

    columns = [Category.objects.create(name=f"基准栏目{i}", slug=f"bench-{kind}-{i}", kind=kind, ordering=i)
               for i, kind in enumerate(KINDS * 2)]
    now = timezone.now()
    rows = []
    for i in range(ARTICLES):
        state = "published" if i % 10 else rng.choice(["draft", "published"])
        ahead = i % 97 == 0  # scheduled
        rows.append(Article(category=columns[i % 3 if i % 2 else rng.randrange(len(columns))],
                            title=f"基准资讯标题{i}：关于做好毕业生就业工作的通知", summary="摘要" * 20,
                            body="<p>" + "正文内容。" * 200 + "</p>", department="就业指导中心", status=state,
                            published_at=now + datetime.timedelta(days=3) if ahead
                            else now - datetime.timedelta(minutes=rng.randrange(60 * 24 * 700)),
                            sort_weight=rng.choice([0] * 30 + [1, 5]), is_visible=bool(i % 50)))
    Article.objects.bulk_create(rows, batch_size=2000)
    return columns


def run():
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from careers.website.models import Article
    from careers.website.public import cache as public_cache

    columns = build(random.Random(17))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client(SERVER_NAME="localhost")
    news = columns[0]
    article = Article.objects.public().filter(category=news).in_site_order().first()
    deep = Article.objects.public().filter(category=news).count() // 20 // 2 or 1
    for url in ("/", f"/c/{news.slug}/", f"/c/{news.slug}/?page={deep}", f"/a/{article.pk}/"):
        assert client.get(url).status_code == 200, url

    def timed(url, clear=False, repeat=9):
        samples = []
        for _ in range(repeat):
            if clear:
                cache.clear()
            t = time.perf_counter()
            assert client.get(url).status_code == 200
            samples.append((time.perf_counter() - t) * 1000)
        return round(statistics.median(samples), 1)

    line(f"portal_home_{ARTICLES}_articles_cold_cache", timed("/", clear=True), "ms", 300)
    line(f"portal_home_{ARTICLES}_articles_cached", timed("/"), "ms", 50)
    public_cache.columns()
    line(f"portal_column_{ARTICLES}_articles_page1", timed(f"/c/{news.slug}/"), "ms", 50)
    line(f"portal_column_{ARTICLES}_articles_page{deep}", timed(f"/c/{news.slug}/?page={deep}"), "ms", 50)
    line(f"portal_article_{ARTICLES}_articles", timed(f"/a/{article.pk}/"), "ms", 50)
