"""The back-office sidebar in a real browser: menu search (2 characters → jump), keyboard use, groups
that collapse and stay so, at 1366 px and in the phone's offcanvas."""

import pytest
from django.urls import reverse

from careers.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

GROUP = '#sidebar [data-menu-group="{}"]'


def group_open(b, key):
    return b.page.locator(GROUP.format(key) + " .collapse").evaluate("e => e.classList.contains('show')")


def test_search_jumps_and_keyboard_picks_a_match(browse):
    b = browse()
    b.login("10001", DEMO_PASSWORD)
    search = b.page.locator("#menu-search")
    assert search.get_attribute("aria-label") is None and b.page.locator("label[for=menu-search]").count() == 1
    search.fill("宣")  # one character: nothing filtered yet
    assert b.page.locator("#menu-search-results").is_hidden()
    search.fill("宣讲")
    hits = b.page.locator("#menu-search-results [role=option]")
    assert hits.first.inner_text().startswith("宣讲会")
    assert search.get_attribute("aria-expanded") == "true"
    assert b.page.locator("[data-menu-groups]").is_hidden()  # only the matches while searching
    b.shot("sidebar-search")
    with b.page.expect_navigation():
        search.press("Enter")
    assert b.page.url.endswith(reverse("events:talk_list"))
    assert b.page.locator('#sidebar [data-menu="events.talk.view"]').get_attribute("aria-current") == "page"

    # Arrow keys move the selection, Enter opens the selected page; a group's name finds its pages too.
    search = b.page.locator("#menu-search")
    search.fill("设置")
    labels = hits.evaluate_all("els => els.map(e => e.dataset.menuHit)")
    # in the sidebar's order: 学生就业事务's 协议书设置 (manual 3.1), 网站内容管理's 网站菜单设置 and 侧边栏设置 (5.1),
    # 微信管理's 微信接入设置 (8.1), 消息模板设置 (8.2) and 微信商户设置 (8.5), then 代码管理's 专业设置…
    assert labels[:3] == ["employment.agreementsettings.view", "website.category.view", "website.sidebarlink.view"]
    assert labels[3:7] == ["wechat.wechataccount.view", "wechat.templatesetting.view", "wechat.merchantsettings.view",
                           "org.major.view"]
    search.press("ArrowDown")
    assert b.page.locator("#menu-search-results .active").get_attribute("data-menu-hit") == "website.category.view"
    assert search.get_attribute("aria-activedescendant") == "menu-hit-1"
    search.press("Escape")  # clears, the menu comes back
    assert search.input_value() == "" and b.page.locator("[data-menu-groups]").is_visible()
    search.fill("没有这个")
    assert b.page.locator("[data-menu-search-empty]").is_visible()
    search.fill("设置")
    search.press("ArrowDown")
    with b.page.expect_navigation():
        search.press("Enter")
    assert b.page.url.endswith(reverse("website:category_list"))
    b.assert_clean()


def test_groups_collapse_and_are_remembered_but_the_current_group_opens(browse):
    b = browse()
    b.login("10001", DEMO_PASSWORD)
    toggle = b.page.locator(GROUP.format("recruitment") + " button[data-bs-toggle=collapse]")
    assert toggle.get_attribute("aria-expanded") == "true"
    assert b.page.locator('#sidebar [data-menu="events.talk.view"]').is_visible()
    toggle.click()
    b.page.wait_for_function("() => document.querySelector('#menu-group-recruitment').className === 'collapse'")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert b.page.locator('#sidebar [data-menu="events.talk.view"]').is_hidden()
    b.shot("sidebar-collapsed")

    b.goto(reverse("students:student_list"))  # another page: still closed
    assert not group_open(b, "recruitment") and group_open(b, "students")
    b.goto(reverse("events:fair_list"))  # a page of the group: it opens
    assert group_open(b, "recruitment")
    b.goto(reverse("students:student_list"))  # and stays closed elsewhere, as the user left it
    assert not group_open(b, "recruitment")
    b.assert_clean()


def test_college_admin_sidebar_holds_only_their_work(browse):
    b = browse()
    b.login("20001", DEMO_PASSWORD)
    menus = b.menus()
    assert "students.student.view" in menus and "progress.progressproject.view" in menus
    assert not menus & {"recruitment.employer.view", "recruitment.job.view", "events.talk.view", "events.fair.view"}
    b.page.locator("#menu-search").fill("审核")  # 专业转移审核, not 单位/职位审核
    hits = b.page.locator("#menu-search-results [role=option]").evaluate_all("els => els.map(e => e.dataset.menuHit)")
    assert hits == ["students.majortransfer.view"]
    b.shot("sidebar-college-admin")
    b.assert_clean()


def test_phone_offcanvas_search_and_groups(browse):
    b = browse(phone=True)
    b.login("10001", DEMO_PASSWORD)
    assert b.page.locator("#sidebar").is_hidden()
    b.page.click('button[data-bs-target="#sidebar"]')
    search = b.page.locator("#menu-search")
    search.wait_for(state="visible")
    b.page.locator(GROUP.format("codes") + " button[data-bs-toggle=collapse]").click()
    b.page.wait_for_function("() => document.querySelector('#menu-group-codes').className === 'collapse'")
    search.fill("就业率")
    b.page.keyboard.press("Escape")  # Escape clears the search and leaves the menu open
    assert search.is_visible() and search.input_value() == ""
    search.fill("就业率")
    b.shot("sidebar-phone-search")
    with b.page.expect_navigation():
        b.page.locator("#menu-search-results [role=option]").first.click()
    assert b.page.url.endswith(reverse("reports:rates"))
    b.page.click('button[data-bs-target="#sidebar"]')
    b.page.locator("#menu-search").wait_for(state="visible")
    assert not group_open(b, "codes") and group_open(b, "data")
    b.shot("sidebar-phone-open")
    b.assert_clean()
