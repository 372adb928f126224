"""待办事项 in a real browser: the college admin's home lists what waits on them; a card links to the list
filtered to exactly the counted rows."""

import pytest

from careers.core.demo import DEMO_PASSWORD
from tests.browser.conftest import Clicks

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
    click = Clicks(b)
    click('#workqueue a[data-work="students.student_review"]')
    assert b.page.locator("#table-block table tbody tr").count() == count
    assert b.page.locator("#id_review_status").input_value() == "pending"
    b.shot("workqueue-students-pending")
    # clearing one item: the student, then 同意 in place on the detail page (no 修改 page on the way)
    click("#table-block table tbody tr:first-child td a:not(.dropdown-item)")
    click("#review-panel button[value=approve]")
    assert "已同意" in b.page.content()
    b.goto("/")
    after = int(b.page.locator('#workqueue [data-work="students.student_review"] [data-count]').get_attribute("data-count")
                ) if count > 1 else 0
    assert after == count - 1
    # 3 clicks: the work item, the student, 同意. Before the work queue and the review panel: 生源信息 in the
    # sidebar, 审核状态 = 待审核, 查询, the student, 修改, 同意 (5 clicks and a choice).
    assert click.count == 3
    b.assert_clean()


def test_phone_home_shows_the_work_queue(browse):
    b = browse(phone=True)
    b.login("10001", DEMO_PASSWORD)
    assert b.page.locator("#workqueue [data-work]").count() >= 5
    b.shot("home-school-admin-workqueue-phone")
    b.check_accessibility()
    b.assert_clean()
