"""seo_head.html: canonical URL (absolute, only `page` kept), description, Open Graph with fallbacks from 网站参数."""

import re

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import RequestFactory

from careers.website.models import SiteSettings
from careers.website.public.seo import article_url, category_url, seo_for_article, seo_for_category

from .search_support import article, column

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def head(path, seo=None, **extra):
    request = RequestFactory().get(path, **extra)
    return render_to_string("website/includes/seo_head.html", {"seo": seo} if seo else {}, request=request)


def meta(html, prop):
    match = re.search(rf'<meta (?:property|name|itemprop)="{re.escape(prop)}" content="([^"]*)">', html)
    return match and match.group(1)


def test_canonical_keeps_only_page(db):
    html = head("/c/news/?page=3&utm_source=wechat&from=timeline")
    assert '<link rel="canonical" href="http://testserver/c/news/?page=3">' in html
    assert meta(html, "og:url") == "http://testserver/c/news/?page=3"
    assert '<link rel="canonical" href="http://testserver/c/news/">' in head("/c/news/?page=1&x=1")
    assert '<link rel="canonical" href="http://testserver/c/news/">' in head("/c/news/?page=abc")


def test_fallbacks_from_site_settings(db):
    SiteSettings.objects.create(pk=1, site_name="江城大学就业网", description="江城大学学生就业指导中心官方网站",
                                logo=SimpleUploadedFile("logo.png", b"\x89PNG fake", content_type="image/png"))
    html = head("/")
    assert meta(html, "og:title") == "江城大学就业网" and meta(html, "og:site_name") == "江城大学就业网"
    assert meta(html, "description") == "江城大学学生就业指导中心官方网站"
    assert meta(html, "og:type") == "website"
    assert meta(html, "og:image").startswith("http://testserver/") and "logo" in meta(html, "og:image")
    assert meta(html, "image") == meta(html, "og:image")  # itemprop (WeChat)
    assert 'type="application/rss+xml"' in html and "http://testserver/feeds/news/rss/" in html


def test_article_page_tags(db):
    news = column()
    item = article(news, "我校召开毕业生就业工作会议", summary="", body="<p>会议<b>部署</b>了 2027 届就业工作。</p>",
                   cover=SimpleUploadedFile("cover.jpg", b"fake", content_type="image/jpeg"))
    seo = seo_for_article(item)
    html = head(article_url(item.pk), seo)
    assert meta(html, "og:title") == "我校召开毕业生就业工作会议"
    assert meta(html, "og:description") == "会议部署了 2027 届就业工作。" == meta(html, "description")
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:image").startswith("http://testserver/") and "cover" in meta(html, "og:image")
    assert meta(html, "article:published_time")
    assert "http://testserver/c/news/rss/" in html and "http://testserver/c/news/atom/" in html


def test_column_page_tags_escape_text(db):
    news = column(description='最新"新闻"<script>')
    html = head(category_url("news"), seo_for_category(news))
    assert meta(html, "og:title") == "新闻动态"
    assert "<script>" not in html and 'content="最新&quot;新闻&quot;"' in html
    assert 'href="http://testserver/c/news/rss/"' in html


def test_search_page_is_noindex(client, db):
    response = client.get("/search/", {"q": "会计"})
    assert response.context["seo"]["robots"] == "noindex, follow"
    html = head("/search/?q=x", response.context["seo"])
    assert meta(html, "robots") == "noindex, follow"
    assert '<link rel="canonical" href="http://testserver/search/">' in html


def test_context_article_or_column_without_seo(db):
    news = column()
    item = article(news, "无 seo 的资讯页", summary="摘要文字")
    request = RequestFactory().get("/a/1/")
    html = render_to_string("website/includes/seo_head.html", {"article": item}, request=request)
    assert meta(html, "og:title") == "无 seo 的资讯页" and meta(html, "og:type") == "article"
    html = render_to_string("website/includes/seo_head.html", {"category": news}, request=request)
    assert meta(html, "og:title") == "新闻动态" and "/c/news/atom/" in html
    html = render_to_string("website/includes/seo_head.html", {"category": "not a column"}, request=request)
    assert "/c/news/atom/" not in html


def test_the_portals_column_node(db):
    """The portal's pages pass `column` as a cached dict node (name, slug, description)."""
    news = column()
    item = article(news, "节点资讯")
    node = {"pk": news.pk, "name": "新闻动态", "slug": "news", "description": "学校就业新闻", "kind": "news"}
    request = RequestFactory().get("/c/news/")
    html = render_to_string("website/includes/seo_head.html", {"column": node}, request=request)
    assert meta(html, "og:title") == "新闻动态" and meta(html, "description") == "学校就业新闻"
    assert "http://testserver/c/news/rss/" in html
    html = render_to_string("website/includes/seo_head.html", {"column": node, "article": item}, request=request)
    assert meta(html, "og:title") == "节点资讯" and "http://testserver/c/news/atom/" in html
    assert seo_for_category(node)["title"] == "新闻动态"
