"""宣讲会 in a real browser: the school approves an application moving it from a 待定 placeholder to a room;
a student on a phone (390 px) finds the talk, registers and sees it in 我的报名."""

import pytest

from careers.events.models import Registration, Talk
from tests.browser.test_jobs_search import phone  # noqa: F401  (390×844 page, code tables, no demo school)
from tests.events.talks_support import at, student_account
from tests.factories import TEST_PASSWORD, SchoolAdminFactory, TalkFactory, VenueFactory

pytestmark = pytest.mark.browser


def test_school_approves_talk_into_a_room(browser, live_server, phone):  # noqa: F811
    from careers.core.permissions import registry
    from tests.browser.conftest import DESKTOP, Browse

    admin = SchoolAdminFactory(username="talkadmin")
    admin.set_permissions(sorted(registry.all_codes()))
    admin.save()
    placeholder = VenueFactory(name="待定（100人）", capacity=100, is_placeholder=True)
    room = VenueFactory(name="逸夫楼报告厅", capacity=200)
    talk = TalkFactory(venue=placeholder, title="星河电子2027校园宣讲会", starts_at=at(6, 14), ends_at=at(6, 16))
    b = Browse(browser, live_server.url, DESKTOP)
    try:
        b.login("talkadmin", TEST_PASSWORD)
        b.goto(f"/events/talks/{talk.pk}/")
        b.page.select_option("#id_venue", str(room.pk))
        b.page.fill("#id_capacity", "150")
        b.settle()
        with b.page.expect_navigation():
            b.page.click("#approve-form button[value=approve]")
        assert "已审核" in b.page.locator("#talk-status").inner_text()
        b.shot("events-talk-approved")
        b.assert_clean()
    finally:
        b.close()
    talk.refresh_from_db()
    assert (talk.status, talk.venue, talk.capacity) == ("approved", room, 150)


def test_student_registers_on_a_phone(phone):  # noqa: F811
    talk = TalkFactory(approved=True, title="云帆科技宣讲会", venue=VenueFactory(name="图书馆报告厅"))
    student = student_account()
    b = phone
    b.login(student.student_number, TEST_PASSWORD)
    b.goto("/talks/")
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390
    with b.page.expect_navigation():
        b.page.click("#talk-results a:has-text('云帆科技宣讲会')")
    b.settle()
    with b.page.expect_navigation():
        b.page.click("#register")
    assert "报名成功" in b.page.content()
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390
    b.shot("site-talk-registered-phone")
    b.goto("/me/events/")
    assert "云帆科技宣讲会" in b.page.locator("#my-events").inner_text()
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390
    b.shot("portal-my-events-phone")
    b.assert_clean()
    assert Registration.objects.filter(talk=talk, student=student).exists()
    assert Talk.objects.get(pk=talk.pk).status == "approved"
