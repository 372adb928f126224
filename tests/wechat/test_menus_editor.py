"""微信自定义菜单 editor: add top-level and sub-items, 上移 / 下移, 修改, 删除, 保存并发布 — limits refused with the
validator's message, every write logged, permissions enforced."""

import pytest

from careers.core.models import OperationLog
from careers.wechat.api.client import WechatError
from careers.wechat.menus import push
from careers.wechat.menus.models import MenuItem, MenuKind
from tests.wechat.wechat_support import FakeClient, admin, fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db
LIST = "/wechat/menus/"


def add(client, **data):
    return client.post(LIST + "add/", {"parent": "", "name": "", "kind": "view", "url": "", "key": "", **data})


def test_editor_round_trip(client, monkeypatch, settings):
    settings.SITE_URL = "https://careers.example.edu.cn"
    fake = FakeClient()
    monkeypatch.setattr(push, "_api", lambda: fake)
    client.force_login(admin("menus"))
    assert client.get(LIST).status_code == 200

    assert add(client, name="招聘信息", kind="parent").status_code == 302
    top = MenuItem.objects.get(name="招聘信息")
    page = client.get(f"{LIST}?selected={top.pk}").content.decode()
    assert "添加二级菜单" in page and "上移" in page and "下移" in page and "删除" in page and "修改" in page
    assert "还没有二级菜单" in page  # the push would refuse it, the editor says so
    assert add(client, parent=top.pk, name="职位搜索", url="/jobs/").status_code == 302
    assert add(client, parent=top.pk, name="宣讲会", url="/talks/").status_code == 302
    assert add(client, parent=top.pk, name="帮助", kind="click", key="帮助").status_code == 302
    assert add(client, name="官网", url="https://www.example.edu.cn/").status_code == 302

    talks = MenuItem.objects.get(name="宣讲会")
    assert client.post(f"{LIST}{talks.pk}/move/", {"direction": "up"}).status_code == 302
    assert [c.name for c in top.children.order_by("position", "pk")] == ["宣讲会", "职位搜索", "帮助"]
    client.post(f"{LIST}{talks.pk}/move/", {"direction": "down"})
    client.post(f"{LIST}{talks.pk}/move/", {"direction": "down"})
    assert [c.name for c in top.children.order_by("position", "pk")] == ["职位搜索", "帮助", "宣讲会"]
    official = MenuItem.objects.get(name="官网")
    client.post(f"{LIST}{official.pk}/move/", {"direction": "up"})
    assert list(MenuItem.objects.filter(parent=None).order_by("position").values_list("name", flat=True)) == [
        "官网", "招聘信息"]

    response = client.post(f"{LIST}{talks.pk}/edit/", {"parent": top.pk, "name": "宣讲会安排", "kind": "view",
                                                       "url": "/talks/", "key": "stale"})
    assert response.status_code == 302
    talks.refresh_from_db()
    assert talks.name == "宣讲会安排" and talks.key == ""  # a 打开网页 item keeps no key

    help_item = MenuItem.objects.get(name="帮助")
    assert client.post(f"{LIST}{help_item.pk}/delete/").status_code == 302
    assert not MenuItem.objects.filter(name="帮助").exists()

    response = client.post(LIST + "publish/", follow=True)
    assert "菜单已发布到微信" in response.content.decode()
    assert fake.menus == [[
        {"type": "view", "name": "官网", "url": "https://www.example.edu.cn/"},
        {"name": "招聘信息", "sub_button": [
            {"type": "view", "name": "职位搜索", "url": "https://careers.example.edu.cn/jobs/"},
            {"type": "view", "name": "宣讲会安排", "url": "https://careers.example.edu.cn/talks/"}]}]]
    logged = OperationLog.objects.filter(object_type="wechat.menuitem")
    assert logged.filter(action="create").count() == 5
    assert logged.filter(action="update").exists() and logged.filter(action="delete").count() == 1


def test_limits_refused_with_the_validators_message(client):
    client.force_login(admin("menus"))
    for n in range(3):
        assert add(client, name=f"菜单{n}", url="/jobs/").status_code == 302
    response = add(client, name="第四个", url="/jobs/")
    assert response.status_code == 200
    assert "一级菜单最多 3 个，现有 4 个" in response.content.decode()
    assert MenuItem.objects.count() == 3

    top = MenuItem.objects.get(name="菜单0")
    response = add(client, parent=top.pk, name="子菜单", url="/talks/")
    assert "一级菜单“菜单0”含有子菜单，不能再设置链接地址或点击事件" in response.content.decode()
    assert MenuItem.objects.count() == 3

    response = add(client, name="六个汉字啊啊")
    assert "太长" in response.content.decode()
    folder = MenuItem.objects.create(name="招聘", kind=MenuKind.PARENT)
    MenuItem.objects.filter(name="菜单1").delete()
    for n in range(5):
        MenuItem.objects.create(parent=folder, name=f"子{n}", url="/jobs/")
    response = add(client, parent=folder.pk, name="第六个", url="/jobs/")
    assert "一级菜单“招聘”下最多 5 个二级菜单，现有 6 个" in response.content.decode()
    response = add(client, parent=MenuItem.objects.get(name="子0").pk, name="三级", url="/jobs/")
    assert response.status_code == 200  # only top-level items are offered as 上级菜单
    assert not MenuItem.objects.filter(name="三级").exists()
    response = add(client, name="坏链接", url="javascript:alert(1)")
    assert "不允许使用 javascript: 地址" in response.content.decode()


def test_publish_shows_wechats_refusal(client, monkeypatch, settings):
    settings.SITE_URL = "https://careers.example.edu.cn"
    monkeypatch.setattr(push, "_api", lambda: FakeClient(error=WechatError("invalid url", code=40055)))
    MenuItem.objects.create(name="职位", url="/jobs/")
    client.force_login(admin("menus"))
    body = client.post(LIST + "publish/", follow=True).content.decode()
    assert "微信服务器未接受菜单：菜单链接不合法（invalid url），错误码 40055。" in body


def test_defaults_button_replaces_and_publishes(client, monkeypatch, settings):
    settings.SITE_URL = "https://careers.example.edu.cn"
    fake = FakeClient()
    monkeypatch.setattr(push, "_api", lambda: fake)
    MenuItem.objects.create(name="旧的", url="/jobs/")
    client.force_login(admin("menus"))
    body = client.post(LIST + "defaults/", follow=True).content.decode()
    assert "已恢复默认菜单并发布到微信" in body and "职位搜索" in body
    assert not MenuItem.objects.filter(name="旧的").exists() and len(fake.menus) == 1


def test_permissions(client):
    item = MenuItem.objects.create(name="职位", url="/jobs/")
    client.force_login(admin("replies"))
    assert client.get(LIST).status_code == 403
    client.force_login(admin("menus_view"))
    page = client.get(f"{LIST}?selected={item.pk}").content.decode()
    assert "职位" in page and "menu-publish" not in page and "修改</a>" not in page
    assert client.get(LIST + "add/").status_code == 403
    assert client.post(f"{LIST}{item.pk}/move/", {"direction": "up"}).status_code == 403
    assert client.post(f"{LIST}{item.pk}/delete/").status_code == 403
    assert client.post(LIST + "publish/").status_code == 403
    assert client.post(LIST + "defaults/").status_code == 403
    assert MenuItem.objects.count() == 1
