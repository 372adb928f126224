"""网站参数 (school admins only, colours, logo re-encoded and served, theme tag) and 网站信息管理 (sanitised body,
unique code, an edit shows on the next request)."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from careers.core.models import OperationLog
from careers.website.siteinfo.cache import current_settings
from careers.website.siteinfo.models import InfoBlock, SiteSettings
from tests.website.siteadmin_support import college_admin, fake_image, fresh_cache, image_upload, school_admin  # noqa: F401

pytestmark = pytest.mark.django_db
SETTINGS = "/website/settings/"
BLOCKS = "/website/info-blocks/"


def settings_data(**extra):
    return {"site_name": "XX大学学生就业指导中心", "short_name": "就业网", "school_name": "XX大学",
            "primary_color": "#112233", "accent_color": "#AA0000", "description": "", "contact_address": "",
            "contact_phone": "", "contact_email": "", "office_hours": "", "footer_text": "", "icp_number": "ICP备1号",
            "police_number": "", **extra}


def test_school_admin_saves_settings_and_the_site_sees_them_at_once(client):
    assert reverse("website:sitesettings_edit") == SETTINGS
    assert current_settings().site_name == "高校就业服务平台"  # default, cached
    client.force_login(school_admin("settings"))
    assert client.get(SETTINGS).status_code == 200
    response = client.post(SETTINGS, settings_data())
    assert response.status_code == 302
    saved = SiteSettings.objects.get(pk=1)
    assert saved.accent_color == "#aa0000"
    assert current_settings().site_name == "XX大学学生就业指导中心"
    assert OperationLog.objects.filter(object_type="website.sitesettings").exists()


@pytest.mark.parametrize("field, value", [("primary_color", "red"), ("accent_color", "#12345"),
                                          ("primary_color", "#gggggg")])
def test_bad_colour_refused(client, field, value):
    client.force_login(school_admin("settings"))
    response = client.post(SETTINGS, settings_data(**{field: value}))
    assert response.status_code == 400
    assert "# 加 6 位十六进制数字" in response.content.decode()
    assert not SiteSettings.objects.exists()


def test_college_admin_reads_but_cannot_save(client):
    client.force_login(college_admin("settings"))
    response = client.get(SETTINGS)
    assert response.status_code == 200 and "您可以查看但不能修改" in response.content.decode()
    assert client.post(SETTINGS, settings_data()).status_code == 403
    assert not SiteSettings.objects.exists()
    client.force_login(college_admin("blocks"))
    assert client.get(SETTINGS).status_code == 403


def test_logo_reencoded_served_and_fake_refused(client):
    client.force_login(school_admin("settings"))
    response = client.post(SETTINGS, settings_data(logo=fake_image()))
    assert response.status_code == 400 and "不是可识别的图片" in response.content.decode()
    response = client.post(SETTINGS, settings_data(logo=image_upload("logo.png", (1600, 400))))
    assert response.status_code == 302
    saved = SiteSettings.objects.get(pk=1)
    assert saved.logo.name.startswith("website/site/") and saved.logo.name.endswith(".jpg")
    assert saved.logo.width == 800
    client.logout()
    response = client.get(reverse("website_site:site_logo"))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    html = Template("{% load website_site %}{% site_logo_url %}").render(Context({}))
    assert html.startswith("/site-logo/?v=")


def test_no_logo_is_404(client):
    assert client.get(reverse("website_site:site_logo")).status_code == 404


def test_site_theme_is_a_nonced_style():
    SiteSettings.objects.create(pk=1, primary_color="#102030", accent_color="#c8102e")
    html = Template("{% load website_site %}{% site_theme %}").render(Context({"csp_nonce": "abc"}))
    assert html.startswith('<style nonce="abc">') and "--site-primary:#102030" in html
    assert "--bs-primary-rgb:16, 32, 48" in html


def block_data(**extra):
    return {"code": "about", "title": "中心简介", "body": "<p>简介</p>", "is_visible": "on", **extra}


def test_block_body_sanitised_code_unique_and_logged(client):
    client.force_login(school_admin("blocks"))
    response = client.post(BLOCKS + "add/", block_data(body='<p onclick="x()">好</p><script>alert(1)</script>'))
    assert response.status_code == 302
    block = InfoBlock.objects.get()
    assert block.body == "<p>好</p>"
    assert OperationLog.objects.filter(object_type="website.infoblock", object_id=str(block.pk)).exists()
    response = client.post(BLOCKS + "add/", block_data())
    assert "已有使用该代码的信息" in response.content.decode()
    response = client.post(BLOCKS + "add/", block_data(code="关于 我们"))
    assert "信息代码只能包含字母" in response.content.decode()
    assert client.get(BLOCKS + f"{block.pk}/").status_code == 200


def test_block_edit_shows_on_the_next_request(client):
    block = InfoBlock.objects.create(code="contact", title="联系我们", body="<p>旧电话</p>")
    tpl = Template('{% load website_site %}{% info_block "contact" as b %}{{ b.body|safe }}')
    assert "旧电话" in tpl.render(Context({}))
    client.force_login(school_admin("blocks"))
    response = client.post(BLOCKS + f"{block.pk}/edit/", block_data(code="contact", title="联系我们",
                                                                       body="<p>新电话</p>"))
    assert response.status_code == 302
    assert "新电话" in tpl.render(Context({}))
    client.post(BLOCKS + f"{block.pk}/edit/", block_data(code="contact2", title="联系我们", body="<p>新电话</p>"))
    assert tpl.render(Context({})) == "None" or "新电话" not in tpl.render(Context({}))


def test_blocks_need_the_menu(client):
    client.force_login(college_admin("sidebar"))
    assert client.get(BLOCKS).status_code == 403
    client.force_login(college_admin("blocks"))
    assert client.get(BLOCKS).status_code == 200
