"""WeChat's menu limits: every limit with its Chinese message naming the item."""

import pytest

from careers.wechat.menus import rules
from careers.wechat.menus.models import MenuKind
from careers.wechat.menus.rules import Node

BASE = "https://careers.example.edu.cn"


def view(name, url="/jobs/"):
    return Node(name, MenuKind.VIEW, url)


def folder(name, *children):
    return Node(name, MenuKind.PARENT, "", "", list(children))


def messages(tree, complete=True):
    return rules.problems(tree, BASE, complete)


def test_a_good_menu_passes_and_builds_wechat_buttons():
    tree = [folder("招聘信息", view("职位搜索"), Node("使用帮助", MenuKind.CLICK, key="帮助")),
            view("我的", "https://other.example.com/x")]
    assert messages(tree) == []
    assert rules.buttons(tree, BASE) == [
        {"name": "招聘信息", "sub_button": [
            {"type": "view", "name": "职位搜索", "url": BASE + "/jobs/"},
            {"type": "click", "name": "使用帮助", "key": "帮助"}]},
        {"type": "view", "name": "我的", "url": "https://other.example.com/x"}]


def test_at_most_three_top_level_items():
    found = messages([view("一"), view("二"), view("三"), view("四")])
    assert found == ["一级菜单最多 3 个，现有 4 个（一、二、三、四），请删除多余的菜单。"]


def test_at_most_five_sub_items():
    found = messages([folder("招聘", *[view(f"子{n}") for n in range(6)])])
    assert found == ["一级菜单“招聘”下最多 5 个二级菜单，现有 6 个，请删除多余的菜单。"]


@pytest.mark.parametrize("name, ok", [("五个汉字啊", True), ("六个汉字啊啊", False), ("a" * 16, True), ("a" * 17, False)])
def test_top_level_name_bytes(name, ok):
    found = messages([view(name)])
    if ok:
        assert found == []
    else:
        assert len(found) == 1 and found[0].startswith(f"一级菜单名称“{name}”太长")
        assert "不超过 16 个字节，即不超过 5 个汉字或 16 个字母" in found[0]


def test_sub_item_name_bytes():
    long_name = "汉" * 21  # 63 bytes
    found = messages([folder("招聘", view(long_name))])
    assert found == [f"二级菜单名称“{long_name}”太长（63 个字节）：微信要求不超过 60 个字节，即不超过 20 个汉字或 60 个字母。"]
    assert messages([folder("招聘", view("汉" * 20))]) == []


def test_empty_name():
    assert messages([view("  ")]) == ["一级菜单名称不能为空。"]


def test_view_url_required_scheme_and_length():
    assert messages([view("职位", "")]) == ["一级菜单“职位”的菜单类型是“打开网页”，请填写链接地址。"]
    found = messages([view("职位", "javascript:alert(1)")])
    assert len(found) == 1 and "一级菜单“职位”的链接地址不允许使用 javascript: 地址" in found[0]
    assert "不能以 // 开头" in messages([view("职位", "//evil.example/")])[0]
    long_path = "/jobs/?" + "a" * (1024 - len(BASE) - 7 + 1)  # one byte over once made absolute
    found = messages([view("职位", long_path)])
    assert found == ["一级菜单“职位”的链接地址太长（1025 个字节）：微信要求完整网址不超过 1024 个字节。"]
    assert messages([view("职位", long_path[:-1])]) == []


def test_click_key_required_and_length():
    assert "请填写点击事件KEY" in messages([Node("帮助", MenuKind.CLICK)])[0]
    found = messages([folder("服务", Node("帮助", MenuKind.CLICK, key="k" * 129))])
    assert found == ["二级菜单“帮助”的点击事件KEY太长（129 个字节）：微信要求不超过 128 个字节。"]


def test_a_top_level_item_with_children_has_no_url():
    node = Node("招聘", MenuKind.VIEW, "/jobs/", "", [view("职位")])
    assert messages([node]) == ["一级菜单“招聘”含有子菜单，不能再设置链接地址或点击事件：请把它的菜单类型改为“子菜单”。"]


def test_sub_items_have_no_children_and_empty_folders_wait_for_the_push():
    assert "二级菜单“职位”不能再有子菜单" in messages([folder("招聘", Node("职位", MenuKind.PARENT))])[0]
    assert messages([folder("招聘")], complete=False) == []
    assert messages([folder("招聘")]) == ["一级菜单“招聘”的菜单类型是“子菜单”，但还没有二级菜单：请添加二级菜单或改为“打开网页”。"]
    assert messages([], complete=False) == []
    assert messages([]) == ["菜单是空的：请至少添加一个一级菜单。"]


def test_site_base_and_absolute_url(settings, rf):
    settings.SITE_URL = ""
    assert rules.site_base(rf.get("/")) == "http://testserver"
    settings.SITE_URL = "https://careers.example.edu.cn/"
    assert rules.site_base() == "https://careers.example.edu.cn"
    assert rules.absolute_url("/talks/", BASE) == BASE + "/talks/"
    assert rules.absolute_url("https://x.example/", BASE) == "https://x.example/"
