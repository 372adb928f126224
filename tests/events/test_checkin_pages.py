"""签到 pages: the student's QR page, the unit's QR page, and the back office (lists, 补签, QR, devices)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.accounts.models import User
from careers.events.checkin import actions as rules
from careers.events.checkin.devices import hash_token
from careers.events.models import CheckIn, CheckinDevice, Participation
from tests.events.checkin_support import fair_now, registered, talk_now
from tests.factories import (
    CheckInFactory,
    ParticipationFactory,
    StudentFactory,
    TalkFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def student_login(client, student):
    user = UserFactory(username=f"s{student.student_number}", kind=User.Kind.STUDENT)
    student.user = user
    student.save(update_fields=["user"])
    client.force_login(user)
    return user


def qr_url(event, token=None):
    kind = event._meta.model_name
    return reverse("portal_events:checkin", args=[kind, event.pk, token or rules.student_token(event)])


# -- student QR -------------------------------------------------------------------------------------------
def test_scan_checks_in_with_a_big_green_page_then_says_already(client):
    talk = talk_now()
    student = registered(talk)
    student_login(client, student)
    response = client.get(qr_url(talk))
    body = response.content.decode()
    assert response.status_code == 200 and "签到成功" in body and 'data-created="1"' in body
    checkin = CheckIn.objects.get()
    assert checkin.method == "qr"
    again = client.get(qr_url(talk)).content.decode()
    assert f"已签到 {timezone.localtime(checkin.checked_in_at):%H:%M}" in again
    assert CheckIn.objects.count() == 1


def test_login_redirect_keeps_the_token(client):
    talk = talk_now()
    url = qr_url(talk)
    response = client.get(url)
    assert response.status_code == 302
    assert "next=" in response["Location"] and rules.student_token(talk)[:20] in response["Location"].replace("%3A", ":")


def test_forged_token_is_400_and_expired_is_410(client):
    talk = talk_now()
    student_login(client, registered(talk))
    token = rules.student_token(talk)
    forged = client.get(qr_url(talk, token[:-3] + "abc"))
    assert forged.status_code == 400 and "二维码无效" in forged.content.decode()
    start = timezone.now() - datetime.timedelta(hours=5)
    past = TalkFactory(approved=True, starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    expired = client.get(qr_url(past))
    assert expired.status_code == 410 and "已过期" in expired.content.decode()
    assert not CheckIn.objects.exists()


def test_token_of_another_event_or_the_unit_qr_is_refused(client):
    talk, other = talk_now(), talk_now()
    student_login(client, registered(talk))
    wrong = reverse("portal_events:checkin", args=["talk", talk.pk, rules.student_token(other)])
    assert client.get(wrong).status_code == 400
    fair = fair_now()
    unit = reverse("portal_events:checkin", args=["fair", fair.pk, rules.unit_token(fair)])
    assert client.get(unit).status_code == 400
    assert not CheckIn.objects.exists()


def test_passphrase_is_asked_and_checked(client):
    talk = talk_now(checkin_passphrase="Offer2027")
    student_login(client, registered(talk))
    url = qr_url(talk)
    page = client.get(url)
    assert page.status_code == 200 and 'name="passphrase"' in page.content.decode()
    assert not CheckIn.objects.exists()
    wrong = client.post(url, {"passphrase": "guess"})
    assert wrong.status_code == 400 and "签到口令不正确" in wrong.content.decode()
    assert not CheckIn.objects.exists()
    ok = client.post(url, {"passphrase": " offer2027 "})
    assert ok.status_code == 200 and "签到成功" in ok.content.decode()
    assert "已签到" in client.get(url).content.decode()  # no second prompt once checked in


def test_passphrase_guesses_are_rate_limited(client):
    from django.core.cache import cache

    cache.clear()
    talk = talk_now(checkin_passphrase="right")
    student_login(client, registered(talk))
    codes = [client.post(qr_url(talk), {"passphrase": "wrong"}).status_code for _ in range(11)]
    assert codes[:10] == [400] * 10 and codes[10] == 429
    assert client.post(qr_url(talk), {"passphrase": "right"}).status_code == 429
    cache.clear()


def test_registration_required_page(client):
    talk = talk_now()
    student_login(client, StudentFactory())
    response = client.get(qr_url(talk))
    assert response.status_code == 403 and "签到需要先报名" in response.content.decode()


def test_non_students_cannot_use_the_student_qr(client, school_admin):
    talk = talk_now()
    client.force_login(school_admin)
    assert client.get(qr_url(talk)).status_code == 403


# -- unit QR ----------------------------------------------------------------------------------------------
def unit_url(fair, token=None):
    return reverse("company_events:checkin", args=[fair.pk, token or rules.unit_token(fair)])


def test_confirmed_unit_checks_in_once(client):
    fair = fair_now()
    participation = ParticipationFactory(fair=fair, confirmed=True)
    client.force_login(participation.employer.user)
    body = client.get(unit_url(fair)).content.decode()
    assert "签到成功" in body
    participation.refresh_from_db()
    assert participation.checked_in_at is not None
    assert "已签到" in client.get(unit_url(fair)).content.decode()


def test_unconfirmed_unit_and_forged_token_refused(client):
    fair = fair_now()
    pending = ParticipationFactory(fair=fair)
    client.force_login(pending.employer.user)
    response = client.get(unit_url(fair))
    assert response.status_code == 403 and "已确认的参会单位" in response.content.decode()
    assert client.get(unit_url(fair, rules.student_token(fair))).status_code == 400
    assert not Participation.objects.filter(checked_in_at__isnull=False).exists()


# -- back office ------------------------------------------------------------------------------------------
def test_checkin_list_is_scoped_and_shows_figures(client, college_admin, org):
    talk = talk_now()
    inside = CheckInFactory(talk=talk, student=registered(talk, org["students"]["a1"]))
    outside = CheckInFactory(talk=talk, student=registered(talk, org["students"]["b1"]))
    client.force_login(college_admin)
    body = client.get(reverse("events:checkin_list"), {"talk": talk.pk}).content.decode()
    assert inside.student.student_number in body and outside.student.student_number not in body
    assert "报名 <strong>1</strong> 人 · 已签到 <strong>1</strong> 人" in body
    assert "仅统计您管辖的专业" in body


def test_makeup_marks_a_student_and_refuses_out_of_scope(client, college_admin, org):
    talk = talk_now()
    client.force_login(college_admin)
    url = f"{reverse('events:checkin_add')}?talk={talk.pk}"
    assert client.get(url).status_code == 200
    response = client.post(url, {"code": org["students"]["b1"].student_number})
    assert response.status_code == 400 and "不在您管辖的专业范围内" in response.content.decode()
    response = client.post(url, {"code": org["students"]["a1"].id_number})
    assert response.status_code == 302
    checkin = CheckIn.objects.get()
    assert checkin.student == org["students"]["a1"] and checkin.method == "admin"
    assert client.post(url, {"code": org["students"]["a1"].student_number}).status_code == 302
    assert CheckIn.objects.count() == 1


def test_makeup_needs_the_permission(client, college_admin):
    college_admin.set_permissions(["events.checkin.view"])
    college_admin.save()
    client.force_login(college_admin)
    assert client.get(f"{reverse('events:checkin_add')}?talk={talk_now().pk}").status_code == 403


def test_export_contains_only_scoped_rows(client, college_admin, org):
    talk = talk_now()
    CheckInFactory(talk=talk, student=org["students"]["a1"])
    CheckInFactory(talk=talk, student=org["students"]["b1"])
    client.force_login(college_admin)
    response = client.post(f"{reverse('events:checkin_export')}?talk={talk.pk}",
                           {"format": "csv", "fields_chosen": ["student_number", "event", "method"]})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert org["students"]["a1"].student_number in content and org["students"]["b1"].student_number not in content
    assert talk.title in content and "扫码签到" in content


def test_qr_page_shows_student_and_unit_codes(client, school_admin):
    fair = fair_now(checkin_passphrase="abc")
    client.force_login(school_admin)
    body = client.get(reverse("events:checkin_qr", args=["fair", fair.pk])).content.decode()
    assert body.count("<svg") >= 2 and "签到口令" in body
    assert rules.student_token(fair) in body and rules.unit_token(fair) in body
    assert client.get(reverse("events:checkin_qr", args=["party", 1])).status_code == 404


def test_device_admin_token_shown_once_and_toggle(client, school_admin):
    client.force_login(school_admin)
    response = client.post(reverse("events:checkindevice_add"), {"name": "东门扫码枪"})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    device = CheckinDevice.objects.get()
    token = response.context["token"]
    assert device.token_hash == hash_token(token) and token not in device.token_hash
    listing = client.get(reverse("events:checkindevice_list")).content.decode()
    assert "东门扫码枪" in listing and token not in listing
    client.post(reverse("events:checkindevice_toggle", args=[device.pk]), {"active": "0"})
    device.refresh_from_db()
    assert not device.is_active
    from careers.core.models import OperationLog
    assert OperationLog.objects.filter(module="签到设备").count() == 2


def test_device_add_requires_a_name(client, school_admin):
    client.force_login(school_admin)
    response = client.post(reverse("events:checkindevice_add"), {"name": ""})
    assert response.status_code == 400 and "请填写设备名称" in response.content.decode()


def test_checkin_list_query_count_does_not_grow(client, school_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.events.checkin_support import device

    scanner = device()
    talk, fair = talk_now(), fair_now()
    client.force_login(school_admin)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("events:checkin_list"), {"per_page": 200}).status_code == 200
        return len(ctx)

    CheckInFactory(talk=talk)
    count()
    before = count()
    for _ in range(15):
        CheckInFactory(talk=talk, device=scanner, method="device")
        CheckInFactory(talk=None, fair=fair)
    assert count() == before
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("events:checkin_list"), {"per_page": 200, "talk": talk.pk})
    assert len(ctx) <= before + 3  # the event header: the event and two counts
