"""招聘会 in a real browser: the school creates a fair with fee rows (added with the editor's button) and
publishes it; a student on a phone opens /fairs/, sees the unit with its booth and job, and registers."""

import pytest

from careers.core.demo import DEMO_PASSWORD
from careers.events.models import Booth, Fair, ParticipantJob, Registration
from tests.browser.recruitment_steps import student_who_can_log_in
from tests.events.fairs_support import at, local_input
from tests.factories import TEST_PASSWORD, EmployerFactory, JobFactory, ParticipationFactory

pytestmark = pytest.mark.browser


def test_school_creates_and_publishes_a_fair(browse):
    b = browse()
    b.login("10001", DEMO_PASSWORD)
    b.goto("/events/fairs/add/")
    page = b.page
    page.fill("#id_title", "浏览器测试双选会")
    page.fill("#id_starts_at", local_input(at(20, 9)))
    page.fill("#id_ends_at", local_input(at(20, 16)))
    page.fill("#id_publish_at", local_input(at(-1, 8)))
    page.fill("#id_place", "体育馆一楼")
    page.fill("#id_apply_deadline", local_input(at(15, 18)))
    page.check("input[name=payment_methods][value=offline]")
    page.fill("#id_payee_info", "户名：某某大学")
    rows = page.locator("#fee-rows tbody tr")
    rows.nth(0).locator("input[name=fee_name]").fill("展位费")
    rows.nth(0).locator("input[name=fee_amount]").fill("800")
    assert rows.count() == 2  # a new fair: two blank rows
    page.click("#add-fee")
    assert rows.count() == 3
    rows.nth(2).locator("input[name=fee_name]").fill("餐费")
    rows.nth(2).locator("input[name=fee_amount]").fill("30.5")
    rows.nth(2).locator("select[name=fee_per]").select_option("attendee")
    b.shot("events-fair-form")
    with page.expect_navigation():
        page.click("#fair-form button[type=submit]")
    fair = Fair.objects.get(title="浏览器测试双选会")
    assert fair.fee_items == [{"name": "展位费", "amount": "800.00", "per": "booth"},
                              {"name": "餐费", "amount": "30.50", "per": "attendee"}]
    assert "餐费：30.50 元 / 每人" in page.locator("#fee-items").inner_text()
    with page.expect_navigation():
        page.click("#publish-fair")
    assert page.locator("#fair-status").inner_text() == "已发布"
    b.shot("events-fair-hub")
    b.assert_clean()


def test_student_registers_on_a_phone(browse):
    fair = Fair.objects.create(title="手机报名双选会", starts_at=at(14, 9), ends_at=at(14, 16), publish_at=at(-1),
                               place="体育馆一楼", status="published", apply_deadline=at(10), registration_opens_at=at(-1))
    unit = ParticipationFactory(fair=fair, confirmed=True, employer=EmployerFactory(admitted=True, name="江城展位科技"))
    Booth.objects.create(fair=fair, participation=unit, area="A", code="A07")
    ParticipantJob.objects.create(participation=unit, job=JobFactory(employer=unit.employer, approved=True,
                                                                     title="展会后端工程师"))
    student = student_who_can_log_in()
    b = browse(phone=True)
    b.login(student.user.username, TEST_PASSWORD)
    b.goto("/fairs/")
    with b.page.expect_navigation():
        b.page.click("#fair-results a:has-text('手机报名双选会')")
    assert "A07" in b.page.locator("#fair-units").inner_text()
    assert "展会后端工程师" in b.page.locator("#fair-jobs").inner_text()
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390
    with b.page.expect_navigation():
        b.page.click("#register")
    b.page.locator("#registered").wait_for()
    assert Registration.objects.filter(fair=fair, student=student).exists()
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390
    b.shot("events-fair-detail-phone")
    b.assert_clean()
