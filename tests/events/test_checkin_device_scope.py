"""签到设备 and data scope (issue 12): a scan names a student only when that student may be at the event and
the device's creator may see the student; a device belongs to its creator's scope."""

import json
import pytest
from django.urls import reverse

from careers.events.models import CheckIn, CheckinDevice, DeviceScan
from careers.events.talks.models import TalkStatus
from tests.events.checkin_support import device, registered, talk_now

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_hot_rows():
    from careers.events.checkin.devices import hot_rows

    hot_rows.clear()
    yield
    hot_rows.clear()


def scan(client, token, event, code, scan_id=None):
    body = {"code": code, **({"scan_id": scan_id} if scan_id else {})}
    return client.post(f"/api/checkin/events/{event._meta.model_name}/{event.pk}/scans", data=json.dumps(body),
                       content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}").json()


@pytest.fixture
def college_token(client, college_admin):
    """A device added in the back office by college A's admin; returns its token."""
    client.force_login(college_admin)
    response = client.post(reverse("events:checkindevice_add"), {"name": "甲院扫码枪"})
    client.logout()
    return response.context["token"]


def test_a_college_device_cannot_turn_numbers_into_identities(client, org, college_token):
    rejected = talk_now(status=TalkStatus.REJECTED)
    other = org["students"]["b1"]
    for code in (other.student_number, other.id_number, org["students"]["a1"].student_number):
        body = scan(client, college_token, rejected, code)
        assert body["status"] in ("not_allowed", "not_registered") and body["student"] is None
    assert other.name not in json.dumps(body, ensure_ascii=False)
    assert not DeviceScan.objects.exclude(student=None).exists()  # nothing stored to replay either


def test_a_college_device_names_only_registered_students_it_may_see(client, org, college_token):
    talk = talk_now()
    mine, other = registered(talk, org["students"]["a1"]), registered(talk, org["students"]["b1"])
    assert scan(client, college_token, talk, mine.student_number)["student"]["name"] == mine.name
    answer = scan(client, college_token, talk, other.student_number, scan_id="s-other")
    assert answer["status"] == "checked_in" and answer["student"] is None  # checked in, but not named
    assert scan(client, college_token, talk, other.student_number, scan_id="s-other")["student"] is None  # replay
    assert CheckIn.objects.filter(student=other).exists()


def test_unregistered_students_are_not_named_even_by_a_school_device(client, org):
    school_device = device(token="school-token")
    talk = talk_now()
    body = scan(client, "school-token", talk, org["students"]["b1"].student_number)
    assert body["status"] == "not_registered" and body["student"] is None
    assert school_device.created_by.is_school_admin
    registered(talk, org["students"]["b1"])
    assert scan(client, "school-token", talk, org["students"]["b1"].student_number)["student"] is not None


def test_open_events_name_students_in_the_owners_scope(client, org, college_token):
    talk = talk_now(registration_required=False)
    assert scan(client, college_token, talk, org["students"]["a1"].student_number)["student"] is not None
    assert scan(client, college_token, talk, org["students"]["b1"].student_number)["student"] is None


def test_a_device_without_a_creator_names_nobody(client, org):
    device(token="orphan-token", created_by=None)
    talk = talk_now()
    registered(talk, org["students"]["a1"])
    assert scan(client, "orphan-token", talk, org["students"]["a1"].student_number)["student"] is None


def test_college_admin_neither_sees_nor_disables_school_devices(client, college_admin, school_admin):
    school_device = device(token="school-token", created_by=school_admin, name="学校扫码枪")
    client.force_login(college_admin)
    client.post(reverse("events:checkindevice_add"), {"name": "甲院扫码枪"})
    body = client.get(reverse("events:checkindevice_list")).content.decode()
    assert "甲院扫码枪" in body and "学校扫码枪" not in body
    response = client.post(reverse("events:checkindevice_toggle", kwargs={"pk": school_device.pk}), {"active": "0"})
    assert response.status_code == 404
    assert CheckinDevice.objects.get(pk=school_device.pk).is_active
    client.force_login(school_admin)
    assert "甲院扫码枪" in client.get(reverse("events:checkindevice_list")).content.decode()


def test_college_admins_share_devices_within_their_majors_only(org, college_admin):
    from tests.factories import CheckinDeviceFactory, UserFactory

    colleague = UserFactory(username="college1b")
    colleague.managed_majors.set([org["majors"]["a1"]])
    wider = UserFactory(username="college-ab")
    wider.managed_majors.set([org["majors"]["a1"], org["majors"]["b1"]])
    theirs, wide = CheckinDeviceFactory(created_by=colleague), CheckinDeviceFactory(created_by=wider)
    visible = set(CheckinDevice.objects.restrict(college_admin))
    assert theirs in visible and wide not in visible
