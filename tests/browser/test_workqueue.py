"""待办事项 in a real browser: the college admin's home lists what waits on them; a card links to the list
filtered to exactly the counted rows."""

import pytest

from careers.core.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser


def test_college_admin_follows_a_work_item_to_its_rows(browse):
    b = browse()
    b.login("20001", DEMO_PASSWORD)
    card = b.page.locator("#workqueue")
    assert card.is_visible()
    assert b.page.locator("main .card").first.get_attribute("id") == "workqueue"  # the first card
    item = card.locator('[data-work="students.student_review"]')
    count = int(item.locator("[data-count]").get_attribute("data-count"))
    assert count > 0
    b.shot("home-college-admin-workqueue")
    with b.page.expect_navigation():
        item.click()
    assert b.page.locator("#table-block table tbody tr").count() == count
    assert b.page.locator("#id_review_status").input_value() == "pending"
    b.shot("workqueue-students-pending")
    b.assert_clean()


def test_phone_home_shows_the_work_queue(browse):
    b = browse(phone=True)
    b.login("10001", DEMO_PASSWORD)
    assert b.page.locator("#workqueue [data-work]").count() >= 5
    b.shot("home-school-admin-workqueue-phone")
    b.check_accessibility()
    b.assert_clean()
