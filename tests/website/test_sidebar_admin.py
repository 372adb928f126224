"""侧边栏设置: the link rule, permissions, 上移/下移, the operation log, and the public tag by role and topic
(cached: 0 queries warm, invalidated on change)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse

from careers.core.models import OperationLog
from careers.website.links import clean_link
from careers.website.sidebar.models import SidebarLink
from tests.factories import EmployerUserFactory, UserFactory
from tests.website.siteadmin_support import college_admin, fresh_cache, school_admin  # noqa: F401

pytestmark = pytest.mark.django_db
LIST = "/website/sidebar/"


@pytest.mark.parametrize("value, message", [
    ("javascript:alert(1)", "不允许使用 javascript: 地址"),
    ("JaVaScRiPt:alert(1)", "不允许使用 javascript: 地址"),
    ("data:text/html,<b>x</b>", "不允许使用 data: 地址"),
    ("//evil.example/", "不能以 // 开头"),
    ("jobs/", "格式不正确"),
    ("https://", "缺少网站域名"),
    ("/jobs/ x", "不能含有空格"),
])
def test_link_rule_refuses(value, message):
    with pytest.raises(ValidationError, match=message):
        clean_link(value)


def test_link_rule_accepts():
    assert clean_link(" /jobs/ ") == "/jobs/"
    assert clean_link("https://www.ncss.cn/") == "https://www.ncss.cn/"
    assert clean_link("") == ""


def test_add_refuses_javascript_with_a_message_and_saves_a_good_one(client):
    client.force_login(school_admin("sidebar"))
    assert reverse("website:sidebarlink_list") == LIST
    data = {"title": "坏链接", "url": "javascript:alert(1)", "audience": "all", "topic": "", "icon": "",
            "ordering": "0", "is_visible": "on"}
    response = client.post(LIST + "add/", data)
    assert response.status_code == 200 and "不允许使用 javascript: 地址" in response.content.decode()
    assert not SidebarLink.objects.exists()
    response = client.post(LIST + "add/", {**data, "title": "职位", "url": "/jobs/"})
    assert response.status_code == 302
    link = SidebarLink.objects.get()
    assert OperationLog.objects.filter(object_type="website.sidebarlink", object_id=str(link.pk)).exists()


def test_without_the_menu_403(client):
    client.force_login(college_admin("blocks"))
    assert client.get(LIST).status_code == 403
    assert client.get(LIST + "add/").status_code == 403


def test_list_filters_and_bounded_queries(client, django_assert_max_num_queries):
    for n in range(30):
        SidebarLink.objects.create(title=f"链接{n}", url=f"/p{n}/", audience="student" if n % 2 else "all",
                                   topic="就业手续" if n % 3 else "")
    client.force_login(college_admin("sidebar"))
    with django_assert_max_num_queries(12):
        response = client.get(LIST + "?audience=student&topic=就业手续")
    body = response.content.decode()
    assert "链接1<" in body and "链接2<" not in body and "链接3<" not in body


def test_move_up_and_down_logged(client):
    a = SidebarLink.objects.create(title="甲", url="/a/", ordering=0)
    b = SidebarLink.objects.create(title="乙", url="/b/", ordering=0)
    c = SidebarLink.objects.create(title="丙", url="/c/", ordering=5)
    client.force_login(school_admin("sidebar"))
    response = client.post(LIST + f"{c.pk}/move/", {"direction": "up"})
    assert response.status_code == 302
    assert list(SidebarLink.objects.values_list("title", flat=True)) == ["甲", "丙", "乙"]
    client.post(LIST + f"{a.pk}/move/", {"direction": "down"})
    assert list(SidebarLink.objects.values_list("title", flat=True)) == ["丙", "甲", "乙"]
    client.post(LIST + f"{b.pk}/move/", {"direction": "down"})  # already last: nothing moves
    assert list(SidebarLink.objects.values_list("title", flat=True)) == ["丙", "甲", "乙"]
    assert OperationLog.objects.filter(object_type="website.sidebarlink", object_id=str(c.pk)).exists()


def test_move_needs_change(client):
    link = SidebarLink.objects.create(title="甲", url="/a/")
    user = college_admin("blocks")
    client.force_login(user)
    assert client.post(LIST + f"{link.pk}/move/", {"direction": "up"}).status_code == 403


def render(user, layout="role"):
    request = RequestFactory().get("/")
    request.user = user
    return Template('{% load website_sidebar %}{% website_sidebar layout="' + layout + '" %}').render(
        Context({"request": request}))


def test_public_links_by_role_and_topic(django_assert_max_num_queries):
    SidebarLink.objects.create(title="全部可见", url="/all/", audience="all")
    SidebarLink.objects.create(title="访客登录", url="/login/", audience="visitor", topic="入口")
    SidebarLink.objects.create(title="我的投递", url="/me/", audience="student", topic="求职")
    SidebarLink.objects.create(title="发布职位", url="/company/", audience="employer")
    SidebarLink.objects.create(title="管理后台", url="/", audience="staff")
    SidebarLink.objects.create(title="隐藏的", url="/x/", is_visible=False)
    SidebarLink.objects.create(title="外部网站", url="https://www.ncss.cn/", audience="all", topic="友情链接")
    html = render(AnonymousUser())
    assert "全部可见" in html and "访客登录" in html and "我的投递" not in html and "隐藏的" not in html
    assert 'href="https://www.ncss.cn/" target="_blank" rel="noopener noreferrer"' in html
    assert 'href="/all/" target' not in html
    student = UserFactory(kind="student")
    html = render(student)
    assert "我的投递" in html and "访客登录" not in html and "发布职位" not in html
    assert "发布职位" in render(EmployerUserFactory())
    assert "管理后台" in render(UserFactory())
    topic = render(AnonymousUser(), "topic")
    assert "常用链接" in topic and "入口" in topic and "友情链接" in topic
    with django_assert_max_num_queries(0):
        render(AnonymousUser())


def test_public_cache_invalidated_on_save_and_delete():
    link = SidebarLink.objects.create(title="旧名称", url="/a/")
    assert "旧名称" in render(AnonymousUser())
    link.title = "新名称"
    link.save()
    assert "新名称" in render(AnonymousUser())
    link.delete()
    assert "新名称" not in render(AnonymousUser())


def test_move_buttons_carry_a_csrf_token():
    import re

    from django.test import Client

    link = SidebarLink.objects.create(title="甲", url="/a/")
    SidebarLink.objects.create(title="乙", url="/b/")
    client = Client(enforce_csrf_checks=True)
    client.force_login(school_admin("sidebar"))
    body = client.get(LIST).content.decode()
    token = re.search(rf'action="{LIST}{link.pk}/move/".*?name="csrfmiddlewaretoken" value="([^"]+)"', body, re.S)
    assert token and token.group(1)
    response = client.post(LIST + f"{link.pk}/move/", {"direction": "down", "csrfmiddlewaretoken": token.group(1)})
    assert response.status_code == 302
    assert list(SidebarLink.objects.values_list("title", flat=True)) == ["乙", "甲"]
