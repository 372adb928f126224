"""站内搜索 (/search/): CJK words in articles, jobs, talks and fairs; public items only; hints; query count."""

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings, strategies as st

from careers.website.public import search as site_search
from tests.factories import FairFactory, JobFactory, TalkFactory

from .search_support import portal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # rate-limit counters
    yield
    cache.clear()


@pytest.fixture
def data(db):
    items = portal()
    items["job"] = JobFactory(approved=True, title="会计助理", employer__name="华中会计师事务所")
    items["pending_job"] = JobFactory(title="会计主管（未审核）")
    items["talk"] = TalkFactory(approved=True, title="四大会计师事务所校园宣讲会")
    items["pending_talk"] = TalkFactory(title="会计宣讲会（待审核）")
    items["fair"] = FairFactory(title="会计金融类专场双选会")
    items["draft_fair"] = FairFactory(title="会计专场（草稿）", status="draft")
    return items


def search(client, **params):
    response = client.get(reverse("website_site:search"), params)
    return response, {s["kind"]: s for s in response.context["sections"]}


def titles(section):
    return {h.title for h in section["hits"]}


def test_two_character_word_finds_public_items_of_every_kind(client, data):
    response, sections = search(client, q="会计")
    assert response.status_code == 200
    assert titles(sections["article"]) == {"我校举办会计专业双选会"}
    assert titles(sections["job"]) == {"会计助理"}
    assert titles(sections["talk"]) == {"四大会计师事务所校园宣讲会"}
    assert titles(sections["fair"]) == {"会计金融类专场双选会"}
    html = response.content.decode()
    assert "<mark>会计</mark>" in html
    for hidden in ("草稿", "隐藏", "定时", "未审核", "待审核"):
        assert hidden not in html


def test_body_text_and_several_words(client, data):
    _, sections = search(client, q="双选会 120")
    assert titles(sections["article"]) == {"我校举办会计专业双选会"}
    assert sections["job"]["count"] == 0
    _, sections = search(client, q="寒假，咨询")  # punctuation separates words
    assert titles(sections["article"]) == {"关于寒假期间就业服务安排的通知"}


def test_kind_tab_pages_one_kind(client, data, monkeypatch):
    monkeypatch.setattr(site_search, "PER_PAGE", 1)
    from .search_support import article
    for i in range(3):
        article(data["news"], f"会计新闻{i}")
    response, sections = search(client, q="会计", kind="article")
    assert sections["article"]["count"] == 4 and len(sections["article"]["hits"]) == 1
    assert sections["job"]["hits"] == [] and sections["job"]["count"] == 1  # the other tabs show counts only
    assert response.context["paging"]["pages"] == 4
    response, sections = search(client, q="会计", kind="article", page="9")
    assert response.context["paging"]["number"] == 4
    assert 'rel="prev"' in response.content.decode()


def test_count_is_capped(client, data, monkeypatch):
    monkeypatch.setattr("careers.recruitment.jobs.search.COUNT_CAP", 1)
    from careers.recruitment.jobs import search as job_search
    monkeypatch.setattr(site_search, "capped_count", lambda qs: job_search.capped_count(qs, cap=1))
    from .search_support import article
    article(data["news"], "会计新闻二")
    response, sections = search(client, q="会计")
    assert sections["article"]["count"] == 1 and sections["article"]["more"]
    assert "1+" in response.content.decode()


@pytest.mark.parametrize("q,hint", [("", site_search.HINT_EMPTY), ("   ", site_search.HINT_EMPTY),
                                    ("会" * 51, site_search.HINT_LONG), ("，。！？", site_search.HINT_PUNCTUATION),
                                    ("%_%", site_search.HINT_PUNCTUATION)])
def test_hints(client, db, q, hint):
    response = client.get(reverse("website_site:search"), {"q": q})
    assert response.status_code == 200
    assert response.context["hint"] == hint and hint in response.content.decode()


def test_like_wildcards_are_literal(client, data):
    _, sections = search(client, q="100%")
    assert all(s["count"] == 0 for s in sections.values())


def test_unknown_kind_and_bad_page_are_ignored(client, data):
    response, sections = search(client, q="会计", kind="nope", page="x")
    assert response.status_code == 200 and response.context["kind"] == ""
    assert sections["article"]["count"] == 1


def test_anonymous_searches_are_rate_limited(client, data, monkeypatch):
    monkeypatch.setattr(site_search, "ANONYMOUS_PER_MINUTE", 2)
    for _ in range(2):
        assert client.get(reverse("website_site:search"), {"q": "会计"}).status_code == 200
    response = client.get(reverse("website_site:search"), {"q": "会计"})
    assert response.status_code == 429 and site_search.HINT_RATE in response.content.decode()


def test_query_count_is_bounded(client, data, django_assert_max_num_queries):
    search(client, q="会计")  # warm the site settings cache
    with django_assert_max_num_queries(10):
        search(client, q="会计")
    with django_assert_max_num_queries(8):
        search(client, q="会计", kind="job")


def test_excerpt_centres_on_the_keyword():
    text = "甲" * 200 + "会计" + "乙" * 200
    piece = site_search.excerpt(text, ["会计"])
    assert "会计" in piece and piece.startswith("…") and piece.endswith("…")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None)
@given(q=st.text(max_size=80), kind=st.sampled_from(["", "article", "job", "talk", "fair", "x"]),
       page=st.text(max_size=5))
def test_any_query_never_fails(client, db, q, kind, page):
    cache.clear()
    response = client.get(reverse("website_site:search"), {"q": q, "kind": kind, "page": page})
    assert response.status_code == 200


def test_single_character_matches_titles_only(client, data):
    response, sections = search(client, q="计")
    assert titles(sections["article"]) == {"我校举办会计专业双选会"}
    assert titles(sections["job"]) == {"会计助理"}
    assert "只在资讯和职位的标题中查找" in response.content.decode()
    _, sections = search(client, q="家")  # in the article's body only
    assert sections["article"]["count"] == 0
    _, sections = search(client, q="家 双选会")  # with a longer word: that one searches the text
    assert sections["article"]["count"] == 0
    _, sections = search(client, q="单位 双选会")
    assert titles(sections["article"]) == {"我校举办会计专业双选会"}


def test_summary_shows_the_body_where_only_the_body_matches(client, db):
    from .search_support import article, column
    news = column()
    article(news, "冬季招聘月启动", summary="招聘月活动安排。", body="<p>" + "前言。" * 60 + "欢迎新能源企业参加。</p>")
    _, sections = search(client, q="新能源")
    assert "<mark>" not in sections["article"]["hits"][0].summary  # plain text; the template marks it
    assert "新能源" in sections["article"]["hits"][0].summary
    _, sections = search(client, q="招聘月")
    assert sections["article"]["hits"][0].summary == "招聘月活动安排。"
