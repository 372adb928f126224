"""The default menu links real pages; push_menu / push_default_menu build WeChat's JSON, stamp the account, log,
and turn WeChat's refusals into Chinese messages (the stored menu stays as it was)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import resolve

from careers.core.models import OperationLog
from careers.core.scoping import SYSTEM
from careers.wechat.account.models import WechatAccount
from careers.wechat.api.client import WechatError
from careers.wechat.menus import actions, defaults, push, rules
from careers.wechat.menus.models import MenuItem, MenuKind
from tests.wechat.wechat_support import FakeClient, admin, fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db
BASE = "https://careers.example.edu.cn"


@pytest.fixture
def client_api(monkeypatch):
    fake = FakeClient()
    monkeypatch.setattr(push, "_api", lambda: fake)
    return fake


def test_default_menu_links_real_pages_within_the_limits():
    tree = defaults.default_tree()
    assert rules.problems(tree, BASE) == []
    names = [child.name for top in tree for child in top.children]
    for expected in ("职位搜索", "宣讲会", "招聘会", "就业活动", "我的报名", "预约咨询", "我的消息", "使用帮助"):
        assert expected in names
    for top in tree:
        assert top.kind == MenuKind.PARENT and not top.url
        for child in top.children:
            if child.kind == MenuKind.VIEW:
                assert child.url.startswith("/")
                resolve(child.url.split("?")[0])  # a real page (Resolver404 otherwise)
            else:
                assert child.key == defaults.HELP_KEY


def test_a_page_that_is_not_installed_is_left_out(monkeypatch):
    monkeypatch.setattr(defaults, "DEFAULT_MENU", [("招聘信息", [("不存在", "nowhere:page", ""),
                                                                ("职位搜索", "site:job_list", "")]),
                                                   ("空", [("也不存在", "nowhere:other", "")])])
    tree = defaults.default_tree()
    assert [(top.name, [c.name for c in top.children]) for top in tree] == [("招聘信息", ["职位搜索"])]


def test_push_default_menu_builds_wechat_json_stamps_and_logs(client_api, settings):
    settings.SITE_URL = BASE
    WechatAccount.objects.create(pk=1, name="某某大学就业指导中心", app_id="wx1", enabled=True)
    user = admin("menus")
    payload = push.push_default_menu(user)
    assert client_api.menus == [payload["button"]]
    assert len(payload["button"]) == 3
    first = payload["button"][0]
    assert first["name"] == "招聘信息" and "type" not in first and "url" not in first
    assert first["sub_button"][0] == {"type": "view", "name": "职位搜索", "url": BASE + "/jobs/"}
    click = [b for top in payload["button"] for b in top["sub_button"] if b["type"] == "click"]
    assert click == [{"type": "click", "name": "使用帮助", "key": "帮助"}]
    assert MenuItem.objects.filter(parent__isnull=True).count() == 3
    assert WechatAccount.objects.get(pk=1).menu_pushed_at is not None
    assert OperationLog.objects.filter(module="wechat", message__startswith="发布微信自定义菜单：招聘信息").exists()
    assert OperationLog.objects.filter(object_type="wechat.menuitem", action="create").count() == MenuItem.objects.count()


def test_push_refused_by_wechat_keeps_the_stored_menu(monkeypatch, settings):
    settings.SITE_URL = BASE
    fake = FakeClient(error=WechatError("invalid button size", code=40016))
    monkeypatch.setattr(push, "_api", lambda: fake)
    MenuItem.objects.create(name="旧菜单", kind=MenuKind.VIEW, url="/jobs/")
    with pytest.raises(ValidationError) as caught:
        push.push_default_menu(SYSTEM)
    assert caught.value.messages == ["微信服务器未接受菜单：菜单按钮个数不符合要求（invalid button size），错误码 40016。"]
    assert list(MenuItem.objects.values_list("name", flat=True)) == ["旧菜单"]


def test_push_not_configured_says_where_to_go(monkeypatch, settings):
    settings.SITE_URL = BASE
    monkeypatch.setattr(push, "_api", lambda: (_ for _ in ()).throw(
        WechatError("微信服务号尚未配置", code="not_configured", permanent=True)))
    MenuItem.objects.create(name="职位", kind=MenuKind.VIEW, url="/jobs/")
    with pytest.raises(ValidationError, match="请先在“微信接入设置”中填写"):
        push.push_menu(SYSTEM)
    assert OperationLog.objects.filter(module="wechat", message__startswith="发布微信自定义菜单失败").exists()


def test_push_checks_the_limits_before_calling_wechat(client_api, settings):
    settings.SITE_URL = BASE
    for n in range(4):
        MenuItem.objects.create(name=f"菜单{n}", kind=MenuKind.VIEW, url="/jobs/")
    with pytest.raises(ValidationError, match="一级菜单最多 3 个，现有 4 个"):
        push.push_menu(SYSTEM)
    assert client_api.menus == []


def test_push_needs_an_absolute_site_address_for_site_paths(client_api, settings):
    settings.SITE_URL = ""
    MenuItem.objects.create(name="职位", kind=MenuKind.VIEW, url="/jobs/")
    with pytest.raises(ValidationError, match="无法生成菜单“职位”的完整网址"):
        push.push_menu(SYSTEM)
    push.push_menu(SYSTEM, base_url="http://jy.example.edu.cn/")
    assert client_api.menus == [[{"type": "view", "name": "职位", "url": "http://jy.example.edu.cn/jobs/"}]]


def test_replace_with_logs_every_row():
    actions.replace_with(defaults.default_tree(), acting_user=admin("menus"))
    count = MenuItem.objects.count()
    actions.replace_with(defaults.default_tree(), acting_user=admin("menus"))
    assert MenuItem.objects.count() == count
    assert OperationLog.objects.filter(object_type="wechat.menuitem", action="delete").count() == count


def test_demo_seeds_the_default_menu_once():
    import random

    from careers.wechat.menus import demo

    demo.seed(random.Random(1), [2026])
    count = MenuItem.objects.count()
    demo.seed(random.Random(1), [2026])
    assert MenuItem.objects.count() == count > 10
    assert set(MenuItem.objects.values_list("kind", flat=True)) == {"parent", "view", "click"}
