"""The public portal: `/` and `/home/` for visitors, column pages by kind, article pages, view counts, 404s and
query counts (docs/development/website-portal.md)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.website.models import Article
from careers.website.public import cache as public_cache
from tests.factories import FairFactory, JobFactory, TalkFactory

from .portal_support import ArticleFactory, AttachmentFactory, CategoryFactory, own_public_cache  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal():
    news = CategoryFactory(name="新闻动态", slug="news", kind="news")
    notice = CategoryFactory(name="通知公告", slug="notice", kind="notice")
    policy = CategoryFactory(name="就业政策", slug="policy", kind="policy")
    ArticleFactory.create_batch(3, category=news)
    top = ArticleFactory(category=notice, title="置顶通知", sort_weight=10)
    ArticleFactory(category=notice, title="草稿通知", draft=True)
    ArticleFactory(category=notice, title="定时通知", scheduled=True)
    ArticleFactory(category=notice, title="隐藏通知", is_visible=False)
    ArticleFactory(category=policy, title="就业补贴政策")
    return {"news": news, "notice": notice, "policy": policy, "top": top}


def test_anonymous_root_is_the_portal_home(client, portal):
    for url in ("/", reverse("website_site:home")):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert 'id="site-nav"' in page and 'id="main"' in page and "跳到正文" in page
        assert "置顶通知" in page and "就业补贴政策" in page
        assert "草稿通知" not in page and "定时通知" not in page and "隐藏通知" not in page
        assert reverse("company:register") in page and reverse("accounts:login") in page


def test_signed_in_root_is_unchanged_and_home_is_the_portal(client, school_admin, portal):
    client.force_login(school_admin)
    assert "core/home.html" in [t.name for t in client.get("/").templates]
    page = client.get(reverse("website_site:home")).content.decode()
    assert "置顶通知" in page and 'id="logout"' in page


def test_home_shows_jobs_talks_fairs_and_this_weeks_calendar(client, portal):
    job = JobFactory(approved=True, title="数据分析师")
    talk = TalkFactory(approved=True, title="本周宣讲会",
                       starts_at=timezone.now() + datetime.timedelta(hours=1))
    FairFactory(title="春季双选会")
    page = client.get("/").content.decode()
    assert "数据分析师" in page and reverse("site:job_detail", args=[job.pk]) in page
    assert "春季双选会" in page and "本周宣讲会" in page
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    if talk.starts_at.astimezone(timezone.get_current_timezone()).date() < monday + datetime.timedelta(days=7):
        assert page.count("本周宣讲会") >= 2  # the calendar block and the talks block


def test_home_body_is_cached_and_follows_a_new_article(client, portal, django_assert_max_num_queries):
    client.get("/")
    with django_assert_max_num_queries(1):  # warm: nothing but (at most) the session
        client.get("/")
    ArticleFactory(category=portal["notice"], title="刚发布的通知", sort_weight=20)
    assert "刚发布的通知" in client.get("/").content.decode()


def test_home_cold_queries_are_bounded(client, portal):
    JobFactory.create_batch(3, approved=True)
    TalkFactory.create_batch(3, approved=True)
    public_cache.bump()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert len(queries) <= 12, [q["sql"] for q in queries]


def test_navigation_is_built_from_the_columns_and_cached(client, portal, django_assert_max_num_queries):
    parent = CategoryFactory(name="特色专栏", slug="special", kind="special")
    CategoryFactory(name="质量年报", slug="quality-report", kind="article", parent=parent, in_nav=False)
    CategoryFactory(name="不在导航", slug="hidden-nav", kind="news", in_nav=False)
    CategoryFactory(name="隐藏栏目", slug="hidden", kind="news", is_visible=False)
    page = client.get(reverse("site:job_list")).content.decode()
    nav = page[page.index('id="site-nav"'):page.index("</nav>", page.index('id="site-nav"'))]
    for name in ("首页", "职位信息", "宣讲会", "招聘会", "就业日历", "新闻动态", "通知公告", "特色专栏", "质量年报"):
        assert name in nav, name
    assert "不在导航" not in nav and "隐藏栏目" not in nav
    assert reverse("website_site:category", args=["quality-report"]) in nav  # a special column lists its pages
    with django_assert_max_num_queries(0):
        public_cache.columns()
    portal["news"].name = "要闻"
    portal["news"].save()
    assert "要闻" in client.get(reverse("site:job_list")).content.decode()


def test_list_column_paginates_in_site_order(client, portal, django_assert_max_num_queries):
    ArticleFactory.create_batch(22, category=portal["notice"])
    url = reverse("website_site:category", args=["notice"])
    client.get(url)
    with django_assert_max_num_queries(3):
        response = client.get(url)
    page = response.content.decode()
    assert page.index("置顶通知") < page.index("资讯标题")  # 排序: a bigger number first
    assert "1 / 2" in page and "草稿通知" not in page and "定时通知" not in page
    assert "1 / 2" not in client.get(url, {"page": 2}).content.decode() and \
        "2 / 2" in client.get(url, {"page": 2}).content.decode()


def test_hidden_and_absent_columns_are_404(client, portal):
    CategoryFactory(slug="gone", is_visible=False)
    hidden = CategoryFactory(slug="hidden-parent", is_visible=False)
    CategoryFactory(slug="under-hidden", parent=hidden)
    for slug in ("gone", "under-hidden", "nothing-here"):
        assert client.get(reverse("website_site:category", args=[slug])).status_code == 404, slug


def test_each_column_kind_renders(client):
    photo = CategoryFactory(slug="photos", kind="photo", name="图片新闻")
    ArticleFactory(category=photo, title="招聘会现场")
    video = CategoryFactory(slug="videos", kind="video", name="视频")
    ArticleFactory(category=video, title="就业宣传片", media="website/media/x.mp4")
    download = CategoryFactory(slug="downloads", kind="download", name="下载专区")
    AttachmentFactory(article=ArticleFactory(category=download, title="表格下载"), name="登记表.docx", size=2048)
    link = CategoryFactory(slug="links", kind="link", name="友情链接")
    ArticleFactory(category=link, title="国家大学生就业服务平台", external_url="https://www.ncss.cn/")
    special = CategoryFactory(slug="special", kind="special", name="特色专栏")
    report = CategoryFactory(slug="quality", kind="article", name="质量年报", parent=special)
    ArticleFactory(category=report, title="2026年就业质量年报")
    docs = CategoryFactory(slug="help", kind="help", name="帮助文档")
    first = ArticleFactory(category=docs, title="如何登录", body="<p>用学号登录</p>", sort_weight=2)
    second = ArticleFactory(category=docs, title="如何投递", body="<p>在职位页投递</p>")

    def page(slug, **params):
        response = client.get(reverse("website_site:category", args=[slug]), params)
        assert response.status_code == 200, slug
        return response.content.decode()

    assert 'id="gallery"' in page("photos") and "招聘会现场" in page("photos")
    assert 'id="videos"' in page("videos") and "就业宣传片" in page("videos")
    body = page("downloads")
    assert "登记表.docx" in body and "2.0\xa0KB" in body and "bi-file-earmark-word" in body and "下载 0 次" in body
    body = page("links")
    assert 'href="https://www.ncss.cn/" rel="noopener noreferrer" target="_blank"' in body
    body = page("special")
    assert "2026年就业质量年报" in body and reverse("website_site:category", args=["quality"]) in body
    assert "2026年就业质量年报" in page("quality")
    body = page("help")
    assert "如何投递" in body and "用学号登录" in body  # the first in order is shown
    body = page("help", a=second.pk)
    assert "在职位页投递" in body and f'href="?a={first.pk}"' in body


def test_article_page_counts_views_and_links_neighbours(client, portal, django_assert_max_num_queries):
    notice = portal["notice"]
    older = ArticleFactory(category=notice, title="较早的通知", published_at=timezone.now() - datetime.timedelta(days=5))
    article = ArticleFactory(category=notice, title="正文通知", body="<p>通知<strong>正文</strong></p>",
                             published_at=timezone.now() - datetime.timedelta(days=2))
    AttachmentFactory(article=article)
    url = reverse("website_site:article_detail", args=[article.pk])
    client.get(url)
    with django_assert_max_num_queries(5):
        response = client.get(url)
    page = response.content.decode()
    assert "通知<strong>正文</strong>" in page and "发布部门：就业指导中心" in page and "就业指南.pdf" in page
    assert "较早的通知" in page and "置顶通知" in page  # previous / next in site order
    assert reverse("website_site:article_detail", args=[older.pk]) in page
    column_link = f'<a href="{reverse("website_site:category", args=[notice.slug])}" aria-current="page">'
    assert column_link in page  # the navigation marks the article's column
    article.refresh_from_db()
    assert article.view_count == 2
    client.head(url)
    client.get(url, HTTP_USER_AGENT="Mozilla/5.0 (compatible; Baiduspider/2.0)")
    article.refresh_from_db()
    assert article.view_count == 2  # HEAD and bots are not views


def test_draft_scheduled_hidden_articles_are_404(client, portal):
    hidden_column = CategoryFactory(slug="hidden-col", is_visible=False)
    for article in (Article.objects.get(title="草稿通知"), Article.objects.get(title="定时通知"),
                    Article.objects.get(title="隐藏通知"), ArticleFactory(category=hidden_column)):
        assert client.get(reverse("website_site:article_detail", args=[article.pk])).status_code == 404


def test_external_article_is_linked_directly(client, portal):
    article = ArticleFactory(category=portal["news"], title="外部新闻", external_url="https://example.edu.cn/n/1")
    body = client.get(reverse("website_site:category", args=["news"])).content.decode()
    assert 'href="https://example.edu.cn/n/1"' in body
    detail = client.get(reverse("website_site:article_detail", args=[article.pk])).content.decode()
    assert 'id="external-link"' in detail and "https://example.edu.cn/n/1" in detail


def test_public_pages_use_the_portal_layout(client, portal):
    for name in ("site:job_list", "site_events:talk_list", "site_events:fair_list", "site_events:calendar",
                 "company:register", "company:appeal"):
        page = client.get(reverse(name)).content.decode()
        assert 'id="site-nav"' in page and "site-footer" in page, name


def test_without_a_public_home_root_sends_visitors_to_login(client, monkeypatch):
    from careers.core.public_home import PUBLIC_HOME

    monkeypatch.delitem(PUBLIC_HOME, "home")
    response = client.get("/")
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_home_hides_empty_carousel_and_quick_links_and_offers_entries(client, portal):
    page = client.get("/").content.decode()
    assert 'id="home-entry-cards"' in page and 'id="home-quick-links"' not in page and "site-carousel" not in page
    assert reverse("company:appeal") in page


def test_signed_in_student_keeps_the_bottom_bar_and_bell_on_site_pages(client, portal):
    from careers.accounts.models import User
    from tests.factories import StudentFactory, UserFactory

    student = StudentFactory(user=UserFactory(kind=User.Kind.STUDENT))
    client.force_login(student.user)
    page = client.get(reverse("website_site:home")).content.decode()
    assert 'id="student-nav"' in page and reverse("core:inbox") in page and 'id="logout"' in page
    assert 'id="site-login"' not in page


def test_deleted_column_leaves_the_navigation_and_nested_breadcrumbs(client, portal):
    parent = CategoryFactory(name="就业指导", slug="guide", kind="article")
    child = CategoryFactory(name="求职技巧", slug="skills", kind="article", parent=parent)
    article = ArticleFactory(category=child, title="面试技巧十条")
    page = client.get(reverse("website_site:article_detail", args=[article.pk])).content.decode()
    crumbs = page[page.index('aria-label="当前位置"'):]
    assert crumbs.index("就业指导") < crumbs.index("求职技巧") < crumbs.index("正文")
    assert "就业指导" in client.get("/").content.decode()
    article.delete()
    child.delete()
    parent.delete()
    assert "就业指导" not in client.get("/").content.decode()
    assert client.get(reverse("website_site:category", args=["guide"])).status_code == 404
