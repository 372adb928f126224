"""就业活动 in a real browser (issue 16): the school adds and publishes an event and opens its 签到二维码; a
student on a phone (390 px) registers on the event page, then scans the QR and enters the 签到口令; the event
is on the public 就业日历."""

import datetime

import pytest
from django.utils import timezone

from careers.events.models import CareerEvent, CheckIn, Registration
from tests.browser.test_jobs_search import phone  # noqa: F401  (390×844 page, code tables, no demo school)
from tests.events.talks_support import local_input, student_account
from tests.factories import TEST_PASSWORD, CareerEventCategoryFactory, SchoolAdminFactory

pytestmark = pytest.mark.browser


def test_admin_publishes_student_registers_and_checks_in(browser, live_server, phone):  # noqa: F811
    from careers.core.permissions import registry
    from tests.browser.conftest import DESKTOP, Browse

    admin = SchoolAdminFactory(username="eventadmin")
    admin.set_permissions(sorted(registry.all_codes()))
    admin.save()
    category = CareerEventCategoryFactory(name="就业讲座")
    starts = (timezone.now() + datetime.timedelta(hours=1)).replace(second=0, microsecond=0)
    b = Browse(browser, live_server.url, DESKTOP)
    try:
        b.login("eventadmin", TEST_PASSWORD)
        b.goto("/events/career-events/add/")
        b.page.fill("#id_title", "求职面试技巧讲座")
        b.page.select_option("#id_category", str(category.pk))
        b.page.fill("#id_starts_at", local_input(starts))
        b.page.fill("#id_ends_at", local_input(starts + datetime.timedelta(hours=2)))
        b.page.fill("#id_capacity", "100")
        b.page.fill("#id_checkin_passphrase", "面试")
        b.settle()
        with b.page.expect_navigation():
            b.page.click("form button[type=submit]:not([form])")
        with b.page.expect_navigation():
            b.page.click("#publish")
        assert "已发布" in b.page.locator("#event-state").inner_text()
        event = CareerEvent.objects.get(title="求职面试技巧讲座")
        b.goto("/events/career-events/")
        assert "求职面试技巧讲座" in b.page.content()
        b.shot("events-career-event-list")
        b.goto(f"/events/checkins/qr/career_event/{event.pk}/")
        qr_link = b.page.locator("#student-qr-link").get_attribute("href")
        b.shot("events-career-event-qr")
        b.assert_clean()
    finally:
        b.close()

    student = student_account()
    p = phone
    p.goto("/calendar/?view=day&date=" + timezone.localdate(starts).isoformat())
    assert "求职面试技巧讲座" in p.page.locator("#calendar").inner_text()
    assert p.page.evaluate("document.documentElement.scrollWidth") <= 390
    p.goto("/calendar/?view=month&date=" + timezone.localdate(starts).isoformat())
    assert p.page.evaluate("document.documentElement.scrollWidth") <= 390
    p.shot("site-calendar-month-phone")
    p.check_accessibility()
    p.login(student.student_number, TEST_PASSWORD)
    p.goto(f"/career-events/{event.pk}/")
    with p.page.expect_navigation():
        p.page.click("#register")
    assert "报名成功" in p.page.content()
    assert p.page.evaluate("document.documentElement.scrollWidth") <= 390
    p.goto(qr_link.removeprefix(live_server.url))  # what the phone opens when it scans the projected QR
    p.page.fill("#passphrase", "面试")
    with p.page.expect_navigation():
        p.page.click("#passphrase-form button[type=submit]")
    assert "签到成功" in p.page.content()
    p.shot("portal-career-event-checked-in-phone")
    p.check_accessibility()
    p.assert_clean()
    assert Registration.objects.filter(career_event=event, student=student).exists()
    assert CheckIn.objects.filter(career_event=event, student=student, method="qr").count() == 1
