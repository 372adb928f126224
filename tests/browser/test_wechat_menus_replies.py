"""The school admin arranges the WeChat menu in its phone preview (select an item, 下移, 添加二级菜单 refused
when full) and reads the three 自定义回复 tabs — without JavaScript-only controls."""

import pytest

from careers.core.demo import DEMO_PASSWORD
from careers.wechat.menus.models import MenuItem

pytestmark = pytest.mark.browser


def test_menu_editor_and_replies(browse, demo):
    b = browse()
    b.login("10001", DEMO_PASSWORD)
    b.goto("/wechat/menus/")
    preview = b.page.locator("#menu-preview")
    assert "招聘信息" in preview.inner_text() and "职位搜索" in preview.inner_text()
    first = MenuItem.objects.filter(parent__name="招聘信息").order_by("position", "pk").first()
    with b.page.expect_navigation():
        preview.get_by_role("link", name=first.name).click()
    selected = b.page.locator("#menu-selected")
    assert first.name in selected.inner_text() and "上移" in selected.inner_text()
    with b.page.expect_navigation():
        selected.get_by_role("button", name="下移").click()
    assert f"已下移“{first.name}”" in b.page.content()
    b.shot("wechat-menu-editor")
    b.check_accessibility()

    b.goto("/wechat/replies/")
    assert b.page.locator("#reply-tabs .nav-link").all_inner_texts() == ["被关注自动回复", "关键字自动回复", "默认回复"]
    with b.page.expect_navigation():
        b.page.get_by_role("link", name="关键字自动回复").click()
    assert "宣讲会" in b.page.locator("#keyword-list").inner_text()
    b.check_accessibility()
    b.assert_clean()
