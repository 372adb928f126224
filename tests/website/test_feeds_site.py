"""RSS/Atom feeds of news, notices and each column; sitemap.xml; robots.txt — public items only."""

import xml.etree.ElementTree as ET

import pytest
from django.core.cache import cache
from django.urls import reverse

from careers.website.public.seo import article_url
from tests.factories import FairFactory, JobFactory, TalkFactory

from .search_support import article, portal

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def rss_titles(response):
    assert response.status_code == 200 and "rss+xml" in response["Content-Type"]
    root = ET.fromstring(response.content)
    return [item.findtext("title") for item in root.iter("item")], root


def test_news_rss_lists_only_public_news(client, db):
    data = portal()
    titles, root = rss_titles(client.get(reverse("website_site:feed_rss", args=["news"])))
    assert titles == ["我校举办会计专业双选会"]
    item = next(root.iter("item"))
    assert item.findtext("link") == f"http://testserver{article_url(data['public'].pk)}"
    assert item.findtext("pubDate") and "双选会" in item.findtext("description")
    assert "就业指导中心" in (item.findtext("author") or item.findtext("{http://purl.org/dc/elements/1.1/}creator"))


def test_notice_atom(client, db):
    portal()
    response = client.get(reverse("website_site:feed_atom", args=["notice"]))
    assert response.status_code == 200 and "atom+xml" in response["Content-Type"]
    root = ET.fromstring(response.content)
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["关于寒假期间就业服务安排的通知"]
    assert entries[0].find(f"{ATOM}author").findtext(f"{ATOM}name") == "就业指导中心"


def test_column_feeds_latest_twenty(client, db):
    data = portal()
    for i in range(25):
        article(data["news"], f"新闻{i}", days=-(i + 2))
    titles, _ = rss_titles(client.get(reverse("website_site:category_rss", args=["news"])))
    assert len(titles) == 20 and titles[0] == "我校举办会计专业双选会" and titles[1] == "新闻0"
    assert client.get(reverse("website_site:category_atom", args=["news"])).status_code == 200


@pytest.mark.parametrize("name,arg", [("category_rss", "secret"), ("category_atom", "secret"),
                                      ("category_rss", "secret-child"),
                                      ("category_rss", "nothing"), ("feed_rss", "policy"), ("feed_atom", "x")])
def test_hidden_or_absent_column_is_404(client, db, name, arg):
    portal()
    assert client.get(reverse(f"website_site:{name}", args=[arg])).status_code == 404


def test_sitemap_index_and_sections_list_public_items_only(client, db):
    data = portal()
    job, pending = JobFactory(approved=True), JobFactory()
    talk, pending_talk = TalkFactory(approved=True), TalkFactory()
    fair, draft_fair = FairFactory(), FairFactory(status="draft")
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    index = ET.fromstring(response.content)
    sections = [loc.text for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert "http://testserver/sitemap-articles.xml" in sections and len(sections) == 6
    locs = set()
    for url in sections:
        page = client.get(url.removeprefix("http://testserver"))
        assert page.status_code == 200
        locs |= {loc.text for loc in ET.fromstring(page.content).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    base = "http://testserver"
    assert f"{base}{article_url(data['public'].pk)}" in locs
    for hidden in ("draft", "hidden", "scheduled", "in_hidden_column", "under_hidden_column"):
        assert f"{base}{article_url(data[hidden].pk)}" not in locs
    assert f"{base}{reverse('site:job_detail', args=[job.pk])}" in locs
    assert f"{base}{reverse('site:job_detail', args=[pending.pk])}" not in locs
    assert f"{base}{reverse('site_events:talk_detail', args=[talk.pk])}" in locs
    assert f"{base}{reverse('site_events:talk_detail', args=[pending_talk.pk])}" not in locs
    assert f"{base}{reverse('site_events:fair_detail', args=[fair.pk])}" in locs
    assert f"{base}{reverse('site_events:fair_detail', args=[draft_fair.pk])}" not in locs
    assert f"{base}{reverse('site:job_list')}" in locs and f"{base}/search/" in locs
    assert not any("/c/secret" in loc for loc in locs) and any("/c/news/" in loc for loc in locs)


def test_sitemap_is_cached(client, db, django_assert_max_num_queries):
    portal()
    client.get("/sitemap-articles.xml")
    with django_assert_max_num_queries(0):
        assert client.get("/sitemap-articles.xml").status_code == 200


def test_unknown_sitemap_section_is_404(client, db):
    assert client.get("/sitemap-nope.xml").status_code == 404


def test_robots_txt(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    for prefix in ("/website/", "/students/", "/me/", "/company/", "/accounts/", "/events/", "/recruitment/",
                   "/inbox/", "/tasks/"):
        assert f"Disallow: {prefix}\n" in text
    for public in ("/jobs/", "/talks/", "/fairs/", "/search/", "/calendar/", "/c/", "/a/"):
        assert f"Disallow: {public}" not in text
    assert "Disallow: /\n" not in text
    assert "Allow: /company/register/\n" in text and "Allow: /company/appeal/\n" in text  # public, under /company/
    assert "Sitemap: http://testserver/sitemap.xml" in text


@pytest.mark.parametrize("page", ["2", "x", "0"])
def test_sitemap_page_out_of_range_is_404(client, db, page):
    portal()
    assert client.get("/sitemap-articles.xml", {"p": page}).status_code == 404


def test_sitemap_index_takes_one_query_per_section(client, db, django_assert_max_num_queries):
    data = portal()
    for i in range(5):
        article(data["news"], f"新闻{i}")
    with django_assert_max_num_queries(18):  # per section of rows: a count and a MAX() (+ the shown columns)
        response = client.get("/sitemap.xml")
    assert b"<lastmod>" in response.content
