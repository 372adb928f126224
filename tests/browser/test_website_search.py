"""站内搜索 on a phone (390×844), signed out: search a Chinese word, see every kind grouped with counts and the word
highlighted, narrow to one kind, open a result; axe-core passes and nothing scrolls sideways."""

import pytest

from tests.browser.conftest import PHONE, Browse
from tests.factories import FairFactory, JobFactory, TalkFactory
from tests.website.search_support import article, column

pytestmark = pytest.mark.browser


@pytest.fixture
def phone(browser, live_server, transactional_db, code_tables):
    page = Browse(browser, live_server.url, PHONE)
    yield page
    problems = page.problems
    page.close()
    assert not problems, "\n".join(problems)


def test_search_every_kind_on_a_phone(phone):
    news = column()
    for i in range(7):
        article(news, f"海豚声呐专场双选会通知{i}", body="<p>欢迎同学们参加。</p>", days=-(i + 1))
    article(news, "海豚声呐草稿", status="draft")
    JobFactory(approved=True, title="海豚声呐数据分析师")
    TalkFactory(approved=True, title="海豚声呐研究所宣讲会")
    FairFactory(title="海豚声呐行业双选会")
    b = phone
    b.goto("/search/")
    assert "请输入要搜索的关键字" in b.page.locator("#search-hint").inner_text()
    b.page.fill("#site-search-q", "海豚声呐")
    with b.page.expect_navigation():
        b.page.click("#site-search button[type=submit]")
    tabs = b.page.locator("#search-tabs").inner_text()
    assert "资讯 7" in tabs and "职位 1" in tabs and "宣讲会 1" in tabs and "招聘会 1" in tabs
    assert b.page.locator("#search-article .search-hit").count() == 5
    assert b.page.locator("#search-article mark").first.inner_text() == "海豚声呐"
    assert "草稿" not in b.page.locator("main").inner_text()
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390
    b.check_accessibility()
    b.shot("site-search-phone")
    with b.page.expect_navigation():
        b.page.click("#search-article a:has-text('查看全部资讯')")
    assert b.page.locator("#search-article .search-hit").count() == 7
    assert b.page.locator("#search-job").count() == 0
    with b.page.expect_navigation():
        b.page.click("#search-tabs a:has-text('职位')")
    with b.page.expect_navigation():
        b.page.click("#search-job a:has-text('海豚声呐数据分析师')")
    assert "/jobs/" in b.page.url
    b.assert_clean()
