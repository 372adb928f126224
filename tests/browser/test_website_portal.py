"""The public portal on a phone (390×844): a visitor browses home → a column → an article → the 就业日历 → the
job search, with axe-core on the home, column and article pages; the same pages (and talks, fairs) at 1366 px."""

import datetime

import pytest
from django.utils import timezone

from tests.browser.conftest import DESKTOP, PHONE, Browse
from tests.factories import EmployerFactory, FairFactory, JobFactory, TalkFactory
from tests.website.portal_support import ArticleFactory, AttachmentFactory, CategoryFactory, own_public_cache  # noqa: F401

pytestmark = pytest.mark.browser


@pytest.fixture
def pages(browser, live_server, transactional_db, code_tables):
    """Browse pages on the live server with the code tables and this module's own portal data (no demo school)."""
    opened = []

    def open_page(viewport):
        page = Browse(browser, live_server.url, viewport)
        opened.append(page)
        return page

    yield open_page
    problems = [p for page in opened for p in page.problems]
    for page in opened:
        page.close()
    assert not problems, "\n".join(problems)


@pytest.fixture
def portal(code_tables):
    news = CategoryFactory(name="新闻动态", slug="news", kind="news")
    notice = CategoryFactory(name="通知公告", slug="notice", kind="notice")
    policy = CategoryFactory(name="就业政策", slug="policy", kind="policy")
    special = CategoryFactory(name="特色专栏", slug="special", kind="special")
    report = CategoryFactory(name="就业质量年报", slug="quality-report", kind="article", parent=special)
    downloads = CategoryFactory(name="下载专区", slug="downloads", kind="download")
    for n in range(6):
        ArticleFactory(category=news, title=f"我校举办2027届毕业生就业工作推进会（第{n + 1}场）",
                       summary="学校召开就业工作推进会，部署下一阶段重点工作。")
    article = ArticleFactory(category=notice, title="关于做好2027届毕业生就业信息登记工作的通知",
                             body="<p>各学院：</p><p>请于<strong>12月20日</strong>前完成登记。</p>", sort_weight=5)
    AttachmentFactory(article=article, name="登记说明.pdf")
    ArticleFactory.create_batch(3, category=notice)
    ArticleFactory(category=policy, title="湖北省高校毕业生就业补贴申领办法")
    ArticleFactory(category=report, title="2026年毕业生就业质量年度报告")
    AttachmentFactory(article=ArticleFactory(category=downloads, title="常用表格"), name="就业推荐表.docx")
    help_column = CategoryFactory(name="帮助文档", slug="help", kind="help")
    ArticleFactory(category=help_column, title="学生如何登录", body="<p>用学号和初始密码登录。</p>")
    ArticleFactory(category=help_column, title="单位如何注册", body="<p>填写统一社会信用代码。</p>")
    photos = CategoryFactory(name="图片新闻", slug="photos", kind="photo")
    ArticleFactory.create_batch(3, category=photos)
    links = CategoryFactory(name="友情链接", slug="links", kind="link", in_nav=False)
    ArticleFactory(category=links, title="国家大学生就业服务平台", external_url="https://www.ncss.cn/")
    employer = EmployerFactory(admitted=True, name="江城数据科技有限公司")
    JobFactory(employer=employer, approved=True, title="数据分析师")
    TalkFactory(employer=employer, approved=True, title="江城数据校园宣讲会",
                starts_at=timezone.now() + datetime.timedelta(hours=3))
    FairFactory(title="2027届毕业生秋季双选会")
    return {"article": article}


def no_sideways_scroll(b):
    width = b.page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"{b.page.url} scrolls sideways on a phone ({width}px)"


def test_visitor_browses_the_portal_on_a_phone(pages, portal):
    b = pages(PHONE)
    b.goto("/")
    assert "关于做好2027届毕业生就业信息登记工作的通知" in b.page.locator("#home-block-notice").inner_text()
    assert "江城数据校园宣讲会" in b.page.locator("#home-talks-block").inner_text()
    assert not b.page.locator(".site-nav-row").is_visible()  # phones get the menu button
    no_sideways_scroll(b)
    b.check_accessibility()
    b.shot("website-portal-home-phone")

    b.page.click("#site-nav .site-menu > summary")  # a <details>: opens without any script
    b.shot("website-portal-menu-phone")
    with b.page.expect_navigation():
        b.page.click("#site-nav .site-menu-list a:has-text('通知公告')")
    assert b.page.locator("#column h1").inner_text() == "通知公告"
    no_sideways_scroll(b)
    b.check_accessibility()
    b.shot("website-portal-column-phone")

    with b.page.expect_navigation():
        b.page.click("#column a:has-text('就业信息登记工作')")
    assert "12月20日" in b.page.locator("#article").inner_text()
    assert "登记说明.pdf" in b.page.locator("#attachments").inner_text()
    assert "浏览次数：1" in b.page.locator("#article-meta").inner_text()
    no_sideways_scroll(b)
    b.check_accessibility()
    b.shot("website-portal-article-phone")

    b.page.click("#site-nav .site-menu > summary")
    with b.page.expect_navigation():
        b.page.click("#site-nav .site-menu-list a:has-text('就业日历')")
    assert "就业日历" in b.page.locator("main h1").inner_text()
    no_sideways_scroll(b)
    b.shot("website-portal-calendar-phone")

    b.page.click("#site-nav .site-menu > summary")
    with b.page.expect_navigation():
        b.page.click("#site-nav .site-menu-list a:has-text('职位信息')")
    b.page.fill("#id_q", "数据")
    with b.page.expect_navigation():
        b.page.click("#job-search button[type=submit]")
    assert "数据分析师" in b.page.locator("#job-results").inner_text()
    no_sideways_scroll(b)
    b.shot("website-portal-jobs-phone")
    b.assert_clean()


def test_portal_pages_on_a_desktop(pages, portal):
    b = pages(DESKTOP)
    b.goto("/")
    assert b.page.locator(".site-nav-row").is_visible() and not b.page.locator(".site-menu").is_visible()
    b.shot("website-portal-home-desktop")
    b.page.click(".site-nav-row summary:has-text('特色专栏')")  # the drop-down of a column with sub-columns
    assert b.page.locator(".site-nav-row .site-sub a:has-text('就业质量年报')").is_visible()
    b.shot("website-portal-dropdown-desktop")
    with b.page.expect_navigation():
        b.page.click(".site-nav-row .site-sub a:has-text('特色专栏首页')")
    assert "2026年毕业生就业质量年度报告" in b.page.locator("#special-sections").inner_text()
    b.check_accessibility()
    b.shot("website-portal-special-desktop")
    b.goto("/c/downloads/")
    assert "就业推荐表.docx" in b.page.locator("#downloads").inner_text()
    b.check_accessibility()
    for path in ("/c/help/", "/c/photos/", "/c/links/"):
        b.goto(path)
        b.check_accessibility()
        b.shot(f"website-portal-{path.strip('/').replace('/', '-')}-desktop")
    b.goto(f"/a/{portal['article'].pk}/")
    b.check_accessibility()
    b.shot("website-portal-article-desktop")
    for path, name in (("/jobs/", "jobs"), ("/talks/", "talks"), ("/fairs/", "fairs"), ("/calendar/", "calendar")):
        b.goto(path)
        b.shot(f"website-portal-{name}-desktop")
    phone = pages(PHONE)
    for path, name in (("/talks/", "talks"), ("/fairs/", "fairs")):
        phone.goto(path)
        no_sideways_scroll(phone)
        phone.shot(f"website-portal-{name}-phone")
    b.assert_clean()
