"""axe-core (vendored test asset, injected by Browse.check_accessibility) on every role's main pages: no serious
or critical violation; and the keyboard reaches the student hub's navigation and primary action with a visible
focus ring. Pages are visited in sequence in two tests to keep the browser time down."""

import pytest

from careers.core.demo import DEMO_PASSWORD, demo_credit_code
from careers.events.fairs.site import visible_fairs
from careers.events.talks.models import Talk, TalkStatus
from careers.org.models import Major
from tests.browser.recruitment_steps import student_who_can_log_in
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_every_roles_main_pages_pass_axe(browse, demo):
    b = browse()
    b.goto("/accounts/login/")
    b.check_accessibility()
    for username in ("10001", "20001"):  # the school admin, then a college admin
        b.login(username, DEMO_PASSWORD)
        b.check_accessibility()  # the back-office home (work queue)
        b.goto("/students/")
        b.check_accessibility()
        if username == "10001":  # a result toast (success), top-right, named for screen readers
            major = Major.objects.order_by("pk").first()
            b.goto(f"/org/majors/{major.pk}/edit/")
            with b.page.expect_navigation():
                b.page.click("main button[type=submit]")
            toast = b.page.locator("#toasts [data-result-toast]")
            assert toast.is_visible() and "已保存" in toast.inner_text()
            assert toast.get_attribute("role") == "status"
            box = toast.bounding_box()
            assert box["x"] + box["width"] > 1366 - 40 and box["y"] < 120  # top-right
            b.check_accessibility()
            b.shot("a11y-toast-desktop")
        b.logout()
    b.login(demo_credit_code(1), DEMO_PASSWORD)
    b.page.wait_for_url("**/company/")
    b.check_accessibility()
    b.logout()
    b.goto("/jobs/")  # the public pages, signed out
    b.check_accessibility()
    talk = Talk.objects.filter(status=TalkStatus.APPROVED).order_by("pk").first()
    b.goto(f"/talks/{talk.pk}/" if talk else "/talks/")
    b.check_accessibility()
    fair = visible_fairs().order_by("pk").first()
    b.goto(f"/fairs/{fair.pk}/" if fair else "/fairs/")
    b.check_accessibility()
    b.assert_clean()


def focus_ring(b):
    """The focused element's visible outline or box-shadow (Bootstrap's focus ring is one of them)."""
    return b.page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== "none"; }""")


def tab_until(b, predicate, limit=60):
    for _ in range(limit):
        b.page.keyboard.press("Tab")
        if b.page.evaluate(predicate):
            return True
    return False


def test_student_hub_on_a_phone_passes_axe_and_works_by_keyboard(browse, demo):
    student = student_who_can_log_in()
    b = browse(phone=True)
    b.login(student.user.username, TEST_PASSWORD)
    b.page.wait_for_url("**/me/")
    b.check_accessibility()
    b.goto("/jobs/")
    b.check_accessibility()

    b.goto("/me/")
    b.settle()
    b.page.locator("body").focus()
    assert tab_until(b, "() => !!document.activeElement.closest('#student-nav')"), "Tab never reaches the bottom bar"
    assert focus_ring(b), "the focused bottom-bar link shows no focus ring"
    b.page.evaluate("document.activeElement.blur()")
    assert tab_until(b, "() => document.activeElement.matches('[data-primary-action]')"), \
        "Tab never reaches the hub's primary action"
    assert focus_ring(b), "the focused primary action shows no focus ring"
    b.shot("a11y-hub-focus-phone")

    b.logout()  # 您已安全退出: an info toast across the top of the phone, gone after a few seconds
    toast = b.page.locator("#toasts [data-result-toast]")
    assert toast.is_visible() and "您已安全退出" in toast.inner_text()
    box = toast.bounding_box()
    assert box["x"] < 20 and box["width"] > 390 - 40 and box["y"] < 120
    b.check_accessibility()
    b.shot("a11y-toast-phone")
    toast.wait_for(state="hidden", timeout=12_000)
    b.assert_clean()
