"""The demo employer starts its day on a phone (390×844): the home shows every card with the demo data, fits
the screen, and its links lead to the new applications, the job to extend and the fair's missing 回执."""

import pytest

from careers.core.demo import DEMO_PASSWORD, demo_credit_code

pytestmark = pytest.mark.browser


def test_demo_employer_home_on_a_phone(browse, demo):
    b = browse(phone=True)
    b.login(demo_credit_code(1), DEMO_PASSWORD)
    b.page.wait_for_url("**/company/")
    for card in ("#card-applications", "#card-jobs", "#card-fairs", "#card-talks", "#card-messages"):
        assert b.page.locator(card).is_visible(), card
    assert int(b.page.locator("#new-applications [data-count]").get_attribute("data-count")) > 0
    assert b.page.locator("#expiring-jobs li").count() >= 1
    assert "回执未上传" in b.page.locator("#card-fairs").inner_text()
    assert int(b.page.locator("#unread-messages").get_attribute("data-count")) > 0
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390
    b.shot("company-home-phone")
    b.check_accessibility()

    with b.page.expect_navigation():
        b.page.click("#new-applications")
    assert b.page.locator("#since-filter").is_visible()
    assert b.page.locator("#applications .application").count() > 0

    b.goto("/company/")  # the second visit: nothing new since the first
    assert b.page.locator("#new-applications [data-count]").get_attribute("data-count") == "0"
    with b.page.expect_navigation():
        b.page.click("#card-fairs .todo-todo a")
    assert "/receipt/" in b.page.url
    b.assert_clean()

    desktop = browse()
    desktop.login(demo_credit_code(1), DEMO_PASSWORD)
    desktop.page.wait_for_url("**/company/")
    desktop.shot("company-home-desktop")
