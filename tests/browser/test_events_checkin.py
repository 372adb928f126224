"""签到 in a real browser: the school shows the QR, a student scans it on a phone (login first, the token
survives the login), and a scanner device checks another student in through the API."""

import datetime

import pytest
import requests
from django.utils import timezone

from careers.accounts.models import User
from careers.core.demo import DEMO_PASSWORD
from careers.events.models import CheckIn, Registration, Talk, Venue
from careers.students.models import Student
from tests.factories import CheckinDeviceFactory

pytestmark = pytest.mark.browser


def test_student_scans_the_qr_and_a_device_scans_another(browse, demo, live_server):
    now = timezone.now()
    talk = Talk.objects.create(title="星辰科技校园宣讲会", starts_at=now - datetime.timedelta(minutes=20),
                               ends_at=now + datetime.timedelta(hours=2), status="approved",
                               venue=Venue.objects.create(name="图书馆报告厅", capacity=300))
    first, second = Student.objects.filter(graduation_year__gte=2026).order_by("pk")[:2]
    for student in (first, second):
        Registration.objects.create(talk=talk, student=student)
    user = User.objects.create_user(username=f"stu{first.student_number}", password=DEMO_PASSWORD, name=first.name,
                                    kind=User.Kind.STUDENT, must_change_password=False)
    first.user = user
    first.save(update_fields=["user"])

    admin = browse()
    admin.login("10001", DEMO_PASSWORD)
    admin.goto(f"/events/checkins/qr/talk/{talk.pk}/")
    assert admin.page.locator("#student-qr svg").count() == 1
    link = admin.page.get_attribute("#student-qr-link", "href")
    admin.shot("events-checkin-qr")

    phone = browse(phone=True)
    phone.page.goto(link)  # not logged in: the login page, then back to the same link
    phone.page.fill("#id_username", user.username)
    phone.page.fill("#id_password", DEMO_PASSWORD)
    with phone.page.expect_navigation():
        phone.page.click("button[type=submit]")
    phone.page.wait_for_selector("#checkin-result")
    assert phone.page.inner_text("#checkin-message") == "签到成功"
    assert phone.page.evaluate("document.documentElement.scrollWidth") <= 390
    phone.shot("events-checkin-phone")
    phone.page.goto(link)
    assert phone.page.inner_text("#checkin-message").startswith("已签到 ")

    CheckinDeviceFactory(token="browser-test-device")
    answer = requests.post(f"{live_server.url}/api/checkin/events/talk/{talk.pk}/scans",
                           json={"code": second.id_number.lower()},
                           headers={"Authorization": "Bearer browser-test-device"}, timeout=10).json()
    assert answer["status"] == "checked_in" and answer["student"]["student_number"] == second.student_number

    admin.goto(f"/events/checkins/?talk={talk.pk}")
    body = admin.page.inner_text("main")
    assert first.student_number in body and second.student_number in body
    assert CheckIn.objects.filter(talk=talk).count() == 2
