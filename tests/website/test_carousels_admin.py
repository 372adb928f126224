"""轮播图管理: carousel code unique, slides (image re-encoded to web + phone sizes, fake refused, the link rule:
chosen target required and the others cleared, active window), permissions, log, 上移/下移, and the public tag
(date window, link resolution, only public targets, cached, bounded queries)."""

import datetime

import pytest
from django.template import Context, Template
from django.utils import timezone
from PIL import Image

from careers.core.models import OperationLog
from careers.website.articles.models import Article
from careers.website.carousels import public
from careers.website.carousels.models import Carousel, Slide
from careers.website.categories.models import Category
from tests.factories import FairFactory, TalkFactory
from tests.website.siteadmin_support import college_admin, fake_image, fresh_cache, image_upload, school_admin  # noqa: F401

pytestmark = pytest.mark.django_db
LIST = "/website/carousels/"


def slide_data(**extra):
    return {"title": "双选会", "link_kind": "none", "url": "", "ordering": "0", "active_from": "", "active_until": "",
            "is_visible": "on", "image": image_upload(), **extra}


@pytest.fixture
def home():
    return Carousel.objects.create(code="home", name="首页轮播图")


def add_slide(client, carousel, **extra):
    return client.post(f"{LIST}{carousel.pk}/slides/add/", slide_data(**extra))


def test_carousel_code_unique_and_logged(client, home):
    client.force_login(school_admin("carousels"))
    response = client.post(LIST + "add/", {"code": "home", "name": "另一个", "is_active": "on"})
    assert "已有使用该代码的轮播图" in response.content.decode()
    response = client.post(LIST + "add/", {"code": "fairs", "name": "招聘会轮播图", "is_active": "on"})
    assert response.status_code == 302
    fairs = Carousel.objects.get(code="fairs")
    assert OperationLog.objects.filter(object_type="website.carousel", object_id=str(fairs.pk)).exists()
    assert client.get(LIST).status_code == 200


def test_slide_image_reencoded_in_two_sizes_and_served(client, home):
    client.force_login(school_admin("carousels"))
    response = add_slide(client, home)
    assert response.status_code == 302
    slide = Slide.objects.get()
    with Image.open(slide.image.path) as big, Image.open(slide.image_small.path) as small:
        assert big.size == (1920, 600) and small.size == (800, 250) and big.format == "JPEG"
    assert OperationLog.objects.filter(object_type="website.slide", object_id=str(slide.pk)).exists()
    client.logout()
    for url in (f"/carousel-images/{slide.pk}/", f"/carousel-images/{slide.pk}/small/"):
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert client.get(f"/carousel-images/{slide.pk + 1}/").status_code == 404


def test_fake_and_missing_image_refused(client, home):
    client.force_login(school_admin("carousels"))
    response = add_slide(client, home, image=fake_image())
    assert "不是可识别的图片" in response.content.decode()
    data = slide_data()
    del data["image"]
    response = client.post(f"{LIST}{home.pk}/slides/add/", data)
    assert "请上传图片" in response.content.decode()
    assert not Slide.objects.exists()


@pytest.mark.parametrize("extra, message", [
    ({"link_kind": "url", "url": "javascript:alert(1)"}, "不允许使用 javascript: 地址"),
    ({"link_kind": "url", "url": ""}, "请填写网址"),
    ({"link_kind": "talk"}, "请选择要链接的宣讲会"),
    ({"link_kind": "fair"}, "请选择要链接的招聘会"),
    ({"link_kind": "article"}, "请选择要链接的资讯"),
    ({"active_from": "2027-01-02T10:00", "active_until": "2027-01-01T10:00"}, "结束展示时间须晚于开始展示时间"),
])
def test_link_and_window_rules(client, home, extra, message):
    client.force_login(school_admin("carousels"))
    response = add_slide(client, home, **extra)
    assert response.status_code == 200 and message in response.content.decode()
    assert not Slide.objects.exists()


def test_chosen_target_kept_others_cleared(client, home):
    talk = TalkFactory(approved=True)
    fair = FairFactory()
    client.force_login(school_admin("carousels"))
    add_slide(client, home, link_kind="fair", fair=str(fair.pk), talk=str(talk.pk), url="/x/")
    slide = Slide.objects.get()
    assert slide.fair_id == fair.pk and slide.talk_id is None and slide.url == ""


def test_slides_need_carousel_change(client, home):
    client.force_login(college_admin("sidebar"))
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{home.pk}/slides/add/").status_code == 403
    user = college_admin("carousels")
    user.set_permissions(["website.carousel.view"])
    user.save()
    client.force_login(user)
    assert client.get(f"{LIST}{home.pk}/").status_code == 200
    assert add_slide(client, home).status_code == 403


def make_slide(carousel, title, **extra):
    return Slide.objects.create(carousel=carousel, title=title, image="website/slides/x.jpg", **extra)


def render(code="home"):
    return Template('{% load website_carousel %}{% website_carousel "' + code + '" %}').render(Context({}))


def test_public_window_links_and_visibility(home, django_assert_max_num_queries):
    now = timezone.now()
    news = Category.objects.create(name="新闻", slug="news", kind="news")
    article = Article.objects.create(category=news, title="新闻甲", status="published",
                                     published_at=now - datetime.timedelta(days=1))
    draft = Article.objects.create(category=news, title="草稿", status="draft")
    talk = TalkFactory(approved=True)
    pending = TalkFactory()
    fair = FairFactory()
    future_fair = FairFactory(publish_at=now + datetime.timedelta(days=3))
    make_slide(home, "链接资讯", link_kind="article", article=article, ordering=1)
    make_slide(home, "链接宣讲会", link_kind="talk", talk=talk, ordering=2)
    make_slide(home, "链接招聘会", link_kind="fair", fair=fair, ordering=3)
    make_slide(home, "外部网址", link_kind="url", url="https://www.ncss.cn/", ordering=4)
    make_slide(home, "无链接", ordering=5)
    make_slide(home, "草稿资讯", link_kind="article", article=draft)
    make_slide(home, "未审核宣讲", link_kind="talk", talk=pending)
    make_slide(home, "未公开招聘会", link_kind="fair", fair=future_fair)
    make_slide(home, "已过期", active_until=now - datetime.timedelta(days=1))
    make_slide(home, "未开始", active_from=now + datetime.timedelta(days=1))
    make_slide(home, "隐藏", is_visible=False)
    with django_assert_max_num_queries(1):
        html = render()
    for shown in ("链接资讯", "链接宣讲会", "链接招聘会", "外部网址", "无链接"):
        assert f'alt="{shown}"' in html
    for hidden in ("草稿资讯", "未审核宣讲", "未公开招聘会", "已过期", "未开始", "隐藏"):
        assert hidden not in html
    assert f'href="/talks/{talk.pk}/"' in html and f'href="/fairs/{fair.pk}/"' in html
    assert 'href="https://www.ncss.cn/" target="_blank" rel="noopener noreferrer"' in html
    assert html.count("carousel-item active") == 1 and "<picture>" in html
    assert html.index('alt="链接资讯"') < html.index('alt="链接宣讲会"')
    with django_assert_max_num_queries(0):
        render()
    rows, fresh = public.compute("home", now)
    assert 1 <= fresh <= public.MAX_AGE
    assert render("fairs") == ""


def test_public_cache_dropped_on_change(home):
    slide = make_slide(home, "旧标题")
    assert "旧标题" in render()
    slide.title = "新标题"
    slide.save()
    assert "新标题" in render()
    home.is_active = False
    home.save()
    assert render() == ""


def test_talk_cancelled_drops_its_slide(home):
    talk = TalkFactory(approved=True)
    make_slide(home, "宣讲", link_kind="talk", talk=talk)
    assert "宣讲" in render()
    talk.status = "rejected"
    talk.save()
    assert "宣讲" not in render()


def test_move_slides(client, home):
    a, b = make_slide(home, "甲"), make_slide(home, "乙")
    client.force_login(school_admin("carousels"))
    client.post(f"{LIST}slides/{b.pk}/move/", {"direction": "up"})
    assert list(home.slides.order_by("ordering", "pk").values_list("title", flat=True)) == ["乙", "甲"]
    response = client.get(f"{LIST}{home.pk}/")
    assert response.status_code == 200 and "展示中" in response.content.decode()
    assert client.post(f"{LIST}slides/{a.pk}/delete/").status_code == 302
    assert list(home.slides.values_list("title", flat=True)) == ["乙"]


def test_oversized_image_refused(client, home):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(school_admin("carousels"))
    big = SimpleUploadedFile("big.jpg", b"\xff\xd8" + b"0" * (8 * 1024 * 1024), content_type="image/jpeg")
    response = add_slide(client, home, image=big)
    assert "超过了 8 MB 的上限" in response.content.decode()
    assert not Slide.objects.exists()


def test_list_and_detail_bounded_and_delete_logged(client, home, django_assert_max_num_queries):
    for n in range(20):
        carousel = Carousel.objects.create(code=f"c{n}", name=f"轮播{n}")
        make_slide(carousel, f"图{n}")
    for n in range(10):
        make_slide(home, f"首页图{n}", link_kind="talk", talk=TalkFactory(approved=True))
    client.force_login(school_admin("carousels"))
    with django_assert_max_num_queries(12):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(f"{LIST}{home.pk}/").status_code == 200
    target = Carousel.objects.get(code="c0")
    assert client.post(f"{LIST}{target.pk}/delete/").status_code == 302
    assert OperationLog.objects.filter(object_type="website.carousel", object_id=str(target.pk),
                                       action="delete").exists()
