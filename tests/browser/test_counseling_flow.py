"""预约咨询 end to end: a student books an adviser's slot on a phone (hub card → topic, slot, question → 待确认),
then the adviser (a staff account registered as 咨询师, no permission ticked) confirms it in 我的咨询 with a note,
and the student sees 已确认 with the note."""

import datetime

import pytest
from django.utils import timezone

from careers.counseling.models import Adviser, Booking, Slot
from tests.browser.conftest import Clicks
from tests.browser.recruitment_steps import student_who_can_log_in
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_student_books_on_a_phone_and_the_adviser_confirms(browse, demo):
    student = student_who_can_log_in()
    adviser = Adviser.objects.select_related("user").get(user__username="50001")
    adviser.user.set_password(TEST_PASSWORD)
    adviser.user.save()
    start = timezone.make_aware(datetime.datetime.combine(timezone.localdate() + datetime.timedelta(days=5),
                                                          datetime.time(7, 0)))
    slot = Slot.objects.create(adviser=adviser, starts_at=start, ends_at=start + datetime.timedelta(minutes=45),
                               location="就业指导中心 201 室")

    b = browse(phone=True)
    b.login(student.user.username, TEST_PASSWORD)
    b.page.wait_for_url("**/me/")
    click = Clicks(b)
    click("#hub-counseling a.btn")  # 预约咨询
    b.page.select_option("#topic-select", label="求职择业")
    click("#topic-form button")
    b.page.click(f"label[for='slot-{slot.pk}']")
    b.page.fill("#question", "拿到两个 offer，不知道怎么选。")
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390
    b.check_accessibility()
    click("#submit-booking")
    b.page.wait_for_url("**/me/counseling/")
    booking = Booking.objects.get(student=student, slot=slot)
    assert "待确认" in b.page.locator("#my-bookings").inner_text()
    b.check_accessibility()
    assert click.count == 3

    a = browse()
    a.login("50001", TEST_PASSWORD)
    a.goto("/counseling/mine/")
    assert "我的咨询" in a.page.locator("#sidebar").inner_text()
    Clicks(a)(f"#mine-pending a[href='/counseling/mine/bookings/{booking.pk}/']")
    assert "拿到两个 offer" in a.page.inner_text("main")
    a.check_accessibility()
    a.page.fill("#note", "请带上两份 offer 的条件")
    Clicks(a)("#confirm-booking")
    assert "已确认" in a.page.locator("#booking-status").inner_text()

    b.goto("/me/counseling/")
    text = b.page.locator("#my-bookings").inner_text()
    assert "已确认" in text and "请带上两份 offer 的条件" in text
