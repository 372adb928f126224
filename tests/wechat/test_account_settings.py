"""微信接入设置: round trip (AppSecret write-only, kept when blank), generated configuration, verification file
served at the root, 生成菜单 / 测试连接, operation log without secrets, permission for school admins only."""


import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from careers.core.models import OperationLog
from careers.wechat.account.models import MessageMode, WechatAccount

PAGE = "/wechat/account/"
SECRET = "0123456789abcdef0123456789abcdef"


def form_data(**extra):
    return {"name": "XX大学就业中心", "original_id": "gh_0123456789ab", "app_id": "wx1234567890abcdef",
            "new_app_secret": "", "message_mode": MessageMode.SAFE, "email_by_default": "on", **extra}


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()


def test_round_trip_secret_write_only_and_kept_when_blank(client, school_admin):
    client.force_login(school_admin)
    assert client.get(PAGE).status_code == 200
    assert client.post(PAGE, form_data(new_app_secret=SECRET)).status_code == 302
    account = WechatAccount.objects.get(pk=1)
    assert account.app_secret == SECRET and account.name == "XX大学就业中心" and account.email_by_default
    page = client.get(PAGE).content.decode()
    assert SECRET not in page and "已设置" in page
    assert client.post(PAGE, form_data(name="改名")).status_code == 302
    account.refresh_from_db()
    assert account.app_secret == SECRET and account.name == "改名"
    logs = OperationLog.objects.filter(module="wechat", object_type="wechat.wechataccount")
    assert logs.count() == 2
    assert all(SECRET not in str(log.changes) for log in logs)
    assert logs.order_by("pk").first().changes["app_secret"] == ["", "已更换"]


def test_generate_config_and_enable(client, school_admin):
    client.force_login(school_admin)
    client.post(PAGE, form_data(new_app_secret=SECRET))
    response = client.post(PAGE, form_data(enabled="on"))
    assert response.status_code == 400 and "生成配置信息" in response.content.decode()
    assert client.post("/wechat/account/generate/").status_code == 302
    account = WechatAccount.objects.get(pk=1)
    assert len(account.token) == 32 and len(account.encoding_aes_key) == 43 and account.token.isalnum()
    page = client.get(PAGE).content.decode()
    assert "http://testserver/wechat/callback/" in page and account.token in page and account.encoding_aes_key in page
    assert "<code id=\"cfg-domain\">testserver</code>" in page
    assert client.post(PAGE, form_data(enabled="on")).status_code == 302
    assert WechatAccount.objects.get(pk=1).configured
    generated = OperationLog.objects.filter(module="wechat", message__contains="生成微信服务器配置").get()
    assert account.token not in str(generated.changes)
    # the key is usable by wechatpy's crypto
    from wechatpy.crypto import WeChatCrypto

    WeChatCrypto(account.token, account.encoding_aes_key, account.app_id)


def test_site_url_wins(client, school_admin, settings):
    settings.SITE_URL = "https://jy.example.edu.cn"
    client.force_login(school_admin)
    page = client.get(PAGE).content.decode()
    assert "https://jy.example.edu.cn/wechat/callback/" in page and ">jy.example.edu.cn<" in page


def test_bad_values_named(client, school_admin):
    client.force_login(school_admin)
    response = client.post(PAGE, form_data(app_id="abc", original_id="xx", new_app_secret="短"))
    text = response.content.decode()
    assert response.status_code == 400
    assert "AppID 应以 wx 开头" in text and "原始ID应以 gh_ 开头" in text and "AppSecret 应为" in text
    assert not WechatAccount.objects.exists()


def test_verify_file_uploaded_and_served_at_root(client, school_admin):
    client.force_login(school_admin)
    upload = SimpleUploadedFile("MP_verify_AbC123xyz.txt", b"AbC123xyz0987\n", content_type="text/plain")
    assert client.post("/wechat/account/verify-file/", {"verify_file": upload}).status_code == 302
    client.logout()
    response = client.get("/MP_verify_AbC123xyz.txt")
    assert response.status_code == 200 and response.content == b"AbC123xyz0987"
    assert response["Content-Type"].startswith("text/plain")
    assert client.get("/MP_verify_Other.txt").status_code == 404
    assert OperationLog.objects.filter(message__contains="MP_verify_AbC123xyz.txt").exists()


@pytest.mark.parametrize("name, content, error", [
    ("verify.txt", b"abc", "校验文件名应为"),
    ("MP_verify_../../x.txt", b"abc", "校验文件名应为"),
    ("MP_verify_abc.html", b"abc", "校验文件名应为"),
    ("MP_verify_abc.txt", b"a" * 1025, "超过了 1 KB"),
    ("MP_verify_abc.txt", b"<script>alert(1)</script>", "只包含字母和数字"),
    ("MP_verify_abc.txt", "中文内容".encode(), "纯文本"),
])
def test_bad_verify_file_refused(client, school_admin, name, content, error):
    client.force_login(school_admin)
    response = client.post("/wechat/account/verify-file/", {"verify_file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400 and error in response.content.decode()
    assert not WechatAccount.objects.filter(verify_file_name__gt="").exists()


def test_test_connection(client, school_admin, fake_wechat):
    client.force_login(school_admin)
    response = client.post("/wechat/account/test/", follow=True)
    assert "连接成功" in response.content.decode()
    WechatAccount.objects.filter(pk=1).update(app_secret="wrongwrongwrongwrong")
    cache.clear()
    response = client.post("/wechat/account/test/", follow=True)
    assert "连接失败" in response.content.decode() and "AppSecret 无效" in response.content.decode()


def test_push_menu_button(client, school_admin, fake_wechat):
    """生成菜单 pushes the default menu through the real client to the fake WeChat; WeChat's refusal is shown."""
    client.force_login(school_admin)
    response = client.post("/wechat/account/menu/", follow=True)
    assert "默认菜单已生成" in response.content.decode()
    assert fake_wechat.state["official"]["menu"]["button"]
    fake_wechat.fail_next("/cgi-bin/menu/create", errcode=40018, errmsg="invalid button name size")
    response = client.post("/wechat/account/menu/", follow=True)
    assert "生成菜单失败" in response.content.decode()


def test_college_admin_and_student_denied(client, college_admin):
    client.force_login(college_admin)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, form_data(new_app_secret=SECRET)).status_code == 403
    assert client.post("/wechat/account/generate/").status_code == 403
    assert not WechatAccount.objects.exists()


def test_school_admin_without_permission_denied(client, db):
    from tests.factories import SchoolAdminFactory

    user = SchoolAdminFactory(username="noperm", name="无权限")
    user.set_permissions(["wechat.wechataccount.view"])
    user.save()
    client.force_login(user)
    assert client.get(PAGE).status_code == 200
    assert client.post("/wechat/account/generate/").status_code == 403
    assert "生成配置信息" not in client.get(PAGE).content.decode()


def test_anonymous_redirected(client, db):
    assert client.get(PAGE).status_code == 302


def test_demo_account_matches_the_fake_command_defaults(db):
    from careers.wechat.account import demo
    from careers.wechat.management.commands.wechat_fake import fake_kwargs

    demo.seed(None, (2026,))
    demo.seed(None, (2026,))
    account = WechatAccount.objects.get(pk=1)
    assert account.configured
    kwargs = fake_kwargs(account)
    assert kwargs["app_id"] == account.app_id and kwargs["encoding_aes_key"] == account.encoding_aes_key
