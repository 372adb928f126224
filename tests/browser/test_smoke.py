"""Smoke tests in a real browser: logins per demo role, menus, scoping, first login, lockout.

Every page visited is screenshotted into screenshots/ and checked for console errors and
/static/ 404s (the `browse` fixture fails the test at teardown if any were seen).
"""

import re

import pytest
from django.conf import settings

from careers.accounts import actions
from careers.accounts.models import User
from careers.core.demo import DEMO_PASSWORD
from careers.core.permissions import registry
from careers.org.models import Major

pytestmark = pytest.mark.browser

STUDENTS = "students.student.view"
MAJORS = "org.major.view"
ACCOUNTS = "accounts.user.view"
LOGS = "core.operationlog.view"


def menu_label(code):
    return next(item.label for module in registry.sorted_modules() for item in module.menus if item.code == code)


def sidebar_label(b, code):
    link = b.page.locator(f'#sidebar [data-menu="{code}"]')
    assert link.is_visible(), f"menu {code} not visible"
    return link.inner_text().strip()


def test_school_admin_sees_every_menu_and_main_pages_render(browse):
    b = browse()
    b.goto("/accounts/login/")
    assert b.page.title().startswith("登录")
    b.shot("login")
    b.login("10001", DEMO_PASSWORD)
    assert b.page.url.endswith("/")
    assert "张主任" in b.page.locator("main h1").inner_text()
    menus = b.menus()
    assert {STUDENTS, MAJORS, ACCOUNTS, LOGS} <= menus
    assert sidebar_label(b, ACCOUNTS) == "管理员账号"
    assert sidebar_label(b, LOGS) == "系统日志"
    assert sidebar_label(b, MAJORS) == "专业设置"
    # Bootstrap's CSS really applied (a missing stylesheet would leave the navbar unstyled).
    assert b.page.locator("nav.navbar").evaluate("e => getComputedStyle(e).display") == "flex"
    b.shot("home-school-admin")

    pages = [(STUDENTS, "students"), (MAJORS, "majors"), (ACCOUNTS, "accounts"), (LOGS, "system-logs"),
             ("codes.codetable.view", "code-tables")]
    for code, shot in pages:
        with b.page.expect_navigation():
            b.page.click(f'#sidebar [data-menu="{code}"]')
        heading = b.page.locator("main h1").inner_text().strip()
        assert heading and b.page.title().startswith(heading)
        assert b.page.locator("#table-block table tbody tr").count() > 0
        assert b.page.locator(f'#sidebar [data-menu="{code}"]').get_attribute("class").split().count("active") == 1
        b.shot(shot)
    b.goto("/accounts/password/")
    b.shot("password-change")
    b.goto("/accounts/profile/")
    b.shot("profile")
    b.logout()
    assert "您已安全退出" in b.page.locator("main").inner_text()
    b.assert_clean()


def test_college_admin_sees_only_own_college(browse, demo):
    b = browse()
    b.login("20001", DEMO_PASSWORD)
    menus = b.menus()
    assert STUDENTS in menus and MAJORS in menus
    assert ACCOUNTS not in menus and LOGS not in menus
    assert sidebar_label(b, STUDENTS) == menu_label(STUDENTS)  # 查询学生列表 / 生源信息, as the registry names it
    b.shot("home-college-admin")

    b.goto("/org/majors/")
    table = b.page.locator("#table-block table")
    text = table.inner_text()
    assert "信息工程学院" in text
    assert "经济管理学院" not in text
    own = Major.objects.filter(college__name="信息工程学院").count()
    assert b.page.locator("[data-total]").inner_text() == str(own)
    assert table.locator("tbody tr").count() == own
    b.shot("majors-college-admin")
    b.check_accessibility()

    b.goto("/students/")
    assert "经济管理学院" not in b.page.locator("#table-block table").inner_text()
    b.shot("students-college-admin")

    # A page outside the menus is refused with the styled 403 page.
    b.goto("/accounts/users/", status=403)
    assert "无权访问" in b.page.locator("h1").inner_text()
    b.shot("403")
    b.assert_clean()


def test_second_college_admin_scoped_the_other_way_and_expired_session(browse):
    b = browse()
    b.login("20002", DEMO_PASSWORD)
    assert ACCOUNTS not in b.menus()
    b.goto("/org/majors/")
    text = b.page.locator("#table-block table").inner_text()
    assert "经济管理学院" in text and "信息工程学院" not in text
    b.settle()

    # The filter form swaps #table-block via htmx. Once the session is gone, that request must
    # not paste the login page into the table: the browser goes to the login page and back.
    b.context.clear_cookies()
    with b.page.expect_navigation(url="**/accounts/login/?next=*"):
        b.page.click(".filter-form button")
    assert b.page.locator("#table-block").count() == 0
    assert b.page.locator("#id_username").is_visible()
    b.page.fill("#id_username", "20002")
    b.page.fill("#id_password", DEMO_PASSWORD)
    with b.page.expect_navigation():
        b.page.click("button[type=submit]")
    assert b.page.url.endswith("/org/majors/")
    b.assert_clean()


def test_counselor_sees_student_list_only(browse):
    b = browse()
    b.login("30001", DEMO_PASSWORD)
    menus = b.menus()
    assert STUDENTS in menus
    # Only the student-records module (careers/accounts/demo.py counselor_permissions()), plus 管理员绑定 (manual 1.5),
    # every back-office account's own WeChat binding page
    assert menus - {"wechat.binding.mine"} <= {item.code for item in registry.modules["students"].menus}, menus
    assert not menus & {MAJORS, ACCOUNTS, LOGS}
    b.shot("home-counselor")
    b.goto("/students/")
    rows = b.page.locator("#table-block table tbody tr")
    assert rows.count() > 0
    b.shot("students-counselor")
    b.assert_clean()


def test_employer_lands_on_portal_without_sidebar(browse, demo):
    employer = next(u for u in demo.values() if u.kind == User.Kind.EMPLOYER)
    b = browse()
    b.login(employer.username, DEMO_PASSWORD)
    assert b.page.locator("body.portal").count() == 1
    assert b.page.locator("#sidebar").count() == 0
    assert b.page.locator("[data-menu]").count() == 0
    assert employer.name in b.page.locator("main h1").inner_text()
    b.shot("portal-employer")
    b.assert_clean()

    phone = browse(phone=True)
    phone.goto("/accounts/login/")
    phone.shot("mobile-login")
    phone.login(employer.username, DEMO_PASSWORD)
    assert phone.page.locator("body.portal").count() == 1
    phone.shot("mobile-portal")
    # Nothing sticks out sideways on a phone.
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.assert_clean()


def test_backoffice_on_a_phone_uses_the_offcanvas_menu(browse):
    b = browse(phone=True)
    b.login("20001", DEMO_PASSWORD)
    sidebar = b.page.locator("#sidebar")
    assert not sidebar.is_visible()
    b.shot("mobile-home-college-admin")
    b.page.click('[data-bs-target="#sidebar"]')
    b.page.locator(f'#sidebar [data-menu="{STUDENTS}"]').wait_for(state="visible")
    b.page.wait_for_timeout(400)  # let the slide-in transition finish for the screenshot
    b.shot("mobile-menu-college-admin")
    with b.page.expect_navigation():
        b.page.click(f'#sidebar [data-menu="{STUDENTS}"]')
    b.shot("mobile-students-college-admin")
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390
    # Generic lists (core/object_list.html) fold the filter form away on a phone: results first.
    b.goto("/org/majors/")
    assert not b.page.locator(".filter-form").is_visible()
    assert b.page.locator("#table-block table").is_visible()
    b.shot("mobile-majors-college-admin")
    b.page.click("#filter-toggle")
    b.page.locator(".filter-form").wait_for(state="visible")
    b.page.wait_for_timeout(400)  # collapse transition
    b.shot("mobile-majors-filters-college-admin")
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390
    b.assert_clean()


def test_first_login_forces_password_change(browse, demo):
    actions.create_admin_account(username="40001", name="钱老师", kind=User.Kind.COLLEGE_ADMIN,
                                 acting_user=demo["10001"])
    b = browse()
    b.login("40001", "40001123456")
    assert "/accounts/password/" in b.page.url
    assert b.page.locator("main h1").inner_text().strip() == "修改密码"
    assert "初始密码" in b.page.locator("main").inner_text()
    # The page is usable on its own: no menus, no fragment requests that would only bounce back here.
    assert b.page.locator("nav.navbar").count() == 1
    assert b.page.locator("#sidebar [data-menu]").count() == 0
    assert b.page.locator("[hx-get]").count() == 0
    b.shot("first-login-password-change")

    # Every other page sends the user back here until the password is changed.
    b.goto("/students/")
    assert "/accounts/password/" in b.page.url

    fields = b.page.locator("main form input[type=password]")
    assert fields.count() == 3
    fields.nth(0).fill("40001123456")
    fields.nth(1).fill("short")
    fields.nth(2).fill("short")
    with b.page.expect_navigation():
        b.page.click("main form button[type=submit]")
    assert "/accounts/password/" in b.page.url
    assert "至少需要 8 个字符" in b.page.locator("main").inner_text()
    b.shot("password-change-errors")

    new_password = "Qian#Laoshi2026"
    fields.nth(0).fill("40001123456")
    fields.nth(1).fill(new_password)
    fields.nth(2).fill(new_password)
    with b.page.expect_navigation():
        b.page.click("main form button[type=submit]")
    assert re.search(r"/$", b.page.url) and "/accounts/" not in b.page.url
    assert "密码已修改" in b.page.locator("main").inner_text()
    assert "钱老师" in b.page.locator("main h1").inner_text()
    b.shot("first-login-done")
    user = User.objects.get(username="40001")
    assert not user.must_change_password and user.check_password(new_password)
    b.assert_clean()


def test_lockout_after_repeated_wrong_passwords(browse):
    b = browse()
    limit = settings.AXES_FAILURE_LIMIT
    for attempt in range(limit):
        b.login("20001", f"Wrong#{attempt}pass")
        body = b.page.locator("body").inner_text()
        if attempt < limit - 1:
            assert "账号或密码错误" in body
    if "账号暂时锁定" not in b.page.locator("body").inner_text():
        b.login("20001", "Wrong#again")
    assert b.page.locator("h1").inner_text().strip() == "账号暂时锁定"
    b.shot("lockout")
    # Even the right password is refused now.
    b.login("20001", DEMO_PASSWORD)
    assert "账号暂时锁定" in b.page.locator("h1").inner_text()
    b.expect_error_status(429)
    b.assert_clean()
