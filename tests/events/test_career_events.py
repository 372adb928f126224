"""就业活动 (issue 16 §2): registration rules through the shared module (window, capacity, Chinese refusals),
check-in through the one `check_in` action (idempotent, 签到需要先报名, 易捷签到 on/off), token kinds, the device
API kind, venue conflicts both ways, back-office pages (scope, query counts, publish/cancel) and the
organiser's QR screen."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from careers.events.checkin import actions as rules
from careers.events.checkin import registration
from careers.events.models import CareerEvent, CheckIn, Registration
from careers.events.career_events import actions
from careers.events.venues.conflicts import venue_conflicts
from tests.events.checkin_support import (  # noqa: F401 - fixtures
    TOKEN,
    _restore_code_tables_after_module,
    auth,
    code_tables,
    device,
)
from tests.events.talks_support import student_account
from tests.factories import CareerEventFactory, StudentFactory, TalkFactory, VenueFactory

pytestmark = pytest.mark.django_db


def now_event(**kwargs):
    now = timezone.now()
    return CareerEventFactory(**{"starts_at": now - datetime.timedelta(minutes=30),
                                 "ends_at": now + datetime.timedelta(minutes=90), **kwargs})


# -- registration -------------------------------------------------------------------------------------------
def test_registration_window_and_capacity_refusals_in_chinese():
    event = CareerEventFactory(registration_opens_at=timezone.now() + datetime.timedelta(days=1))
    student = StudentFactory()
    with pytest.raises(ValidationError, match="报名将于 .* 开始"):
        registration.register(student, event)
    event.registration_opens_at = timezone.now() - datetime.timedelta(days=2)
    event.registration_closes_at = timezone.now() - datetime.timedelta(days=1)
    event.save()
    with pytest.raises(ValidationError, match="报名已于 .* 截止"):
        registration.register(student, event)
    event.registration_closes_at = None
    event.capacity = 1
    event.save()
    assert registration.register(student, event)[1] is True
    assert registration.register(student, event)[1] is False  # a double click is harmless
    with pytest.raises(ValidationError, match="报名人数已满（上限 1 人）"):
        registration.register(StudentFactory(), event)
    assert Registration.objects.filter(career_event=event).count() == 1


def test_draft_and_cancelled_refuse_registration():
    for state in ("draft", "cancelled"):
        event = CareerEventFactory(state=state)
        with pytest.raises(ValidationError, match="该就业活动未发布或已取消"):
            registration.register(StudentFactory(), event)


def test_capacity_defaults_to_the_real_venue():
    assert registration.capacity_of(CareerEventFactory(venue=VenueFactory(capacity=40))) == 40
    assert registration.capacity_of(CareerEventFactory()) is None  # 待定: unlimited


def test_register_and_cancel_through_the_phone_page(client):
    event = CareerEventFactory()
    student = student_account()
    client.force_login(student.user)
    page = client.get(reverse("site_events:career_event_detail", args=[event.pk])).content.decode()
    assert 'id="register"' in page and "地点待定" in page
    response = client.post(reverse("portal_events:career_event_register", args=[event.pk]), follow=True)
    assert "报名成功" in response.content.decode()
    mine = client.get(reverse("portal_events:my_events")).content.decode()
    assert event.title in mine and "就业活动" in mine
    client.post(reverse("portal_events:career_event_cancel", args=[event.pk]))
    assert not Registration.objects.filter(career_event=event).exists()


def test_draft_event_page_is_not_public(client):
    assert client.get(reverse("site_events:career_event_detail", args=[CareerEventFactory(state="draft").pk])
                      ).status_code == 404


# -- check-in -------------------------------------------------------------------------------------------
def test_check_in_is_idempotent_and_needs_registration():
    event = now_event(registration_required=True)
    student = StudentFactory()
    with pytest.raises(rules.CheckinRefused) as refused:
        rules.check_in(event, student, method=CheckIn.Method.QR)
    assert refused.value.status == "not_registered" and refused.value.text == "签到需要先报名"
    Registration.objects.create(career_event=event, student=student)
    first, created = rules.check_in(event, student, method=CheckIn.Method.QR)
    again, created_again = rules.check_in(event, student, method=CheckIn.Method.QR)
    assert created and not created_again and again.pk == first.pk
    assert CheckIn.objects.filter(career_event=event).count() == 1


def test_without_registration_rule_anyone_checks_in():
    event = now_event(registration_required=False)
    assert rules.check_in(event, StudentFactory(), method=CheckIn.Method.QR)[1] is True


def test_device_only_with_easy_checkin():
    event = now_event(registration_required=False, uses_device=False)
    with pytest.raises(rules.CheckinRefused, match="本场就业活动不使用扫码设备签到"):
        rules.check_in(event, StudentFactory(), method=CheckIn.Method.DEVICE)
    event.uses_device = True
    assert rules.check_in(event, StudentFactory(), method=CheckIn.Method.DEVICE)[1] is True


def test_draft_refuses_check_in():
    with pytest.raises(rules.CheckinRefused, match="未发布或已取消"):
        rules.check_in(now_event(state="draft", registration_required=False), StudentFactory(),
                       method=CheckIn.Method.QR)


def test_token_kind_c_and_no_cross_kind_use():
    event = now_event()
    token = rules.student_token(event)
    assert token.startswith(f"c{event.pk}-")
    assert rules.read_token(token, rules.STUDENT_SALT, kind="career_event", pk=event.pk)["kind"] == "career_event"
    with pytest.raises(rules.TokenError, match="不符"):
        rules.read_token(token, rules.STUDENT_SALT, kind="talk", pk=event.pk)


def test_qr_checkin_with_passphrase(client):
    event = now_event(checkin_passphrase="FX", registration_required=False)
    student = student_account()
    client.force_login(student.user)
    url = reverse("portal_events:checkin", args=["career_event", event.pk, rules.student_token(event)])
    assert "签到口令" in client.get(url).content.decode()
    assert client.post(url, {"passphrase": "no"}).status_code == 400
    assert "签到成功" in client.post(url, {"passphrase": "fx"}).content.decode()
    assert CheckIn.objects.filter(career_event=event, student=student, method="qr").count() == 1


def test_device_api_takes_the_new_kind(client):
    device()
    event = now_event(uses_device=True)
    student = StudentFactory()
    Registration.objects.create(career_event=event, student=student)
    url = f"/api/checkin/events/career_event/{event.pk}/scans"
    body = {"code": student.student_number, "scan_id": "s1"}
    first = client.post(url, body, content_type="application/json", **auth(TOKEN)).json()
    assert first["status"] == "checked_in"
    again = client.post(url, {**body, "scan_id": "s2"}, content_type="application/json", **auth()).json()
    assert again["status"] == "already"
    assert client.post("/api/checkin/events/career_event/999999/scans", body, content_type="application/json",
                       **auth()).status_code == 404


# -- venue conflicts ------------------------------------------------------------------------------------
def test_conflicts_both_ways():
    room = VenueFactory()
    talk = TalkFactory(approved=True, venue=room)
    event = CareerEventFactory(venue=room, starts_at=talk.starts_at + datetime.timedelta(minutes=30),
                               ends_at=talk.ends_at + datetime.timedelta(hours=1), state="draft")
    assert event in venue_conflicts(room, talk.starts_at, talk.ends_at, exclude=talk)
    assert talk in venue_conflicts(room, event.starts_at, event.ends_at, exclude=event)
    with pytest.raises(ValidationError, match="已被占用"):
        actions.publish(event, acting_user=_system())
    event.refresh_from_db()
    assert event.state == "draft"


def _system():
    from careers.core.scoping import SYSTEM

    return SYSTEM


def test_published_event_blocks_a_talk_approval(school_admin):
    from careers.events.talks.actions import blocking_conflicts

    room = VenueFactory()
    event = CareerEventFactory(venue=room)
    talk = TalkFactory(venue=room, starts_at=event.starts_at, ends_at=event.ends_at)
    assert blocking_conflicts(talk) == [event]


# -- back office ----------------------------------------------------------------------------------------
def test_list_is_scoped_and_bounded(client, college_admin, org, django_assert_max_num_queries):
    events = [CareerEventFactory() for _ in range(12)]
    Registration.objects.create(career_event=events[0], student=org["students"]["a1"])
    Registration.objects.create(career_event=events[0], student=org["students"]["b1"])  # another college
    client.force_login(college_admin)
    with django_assert_max_num_queries(14):
        page = client.get(reverse("events:careerevent_list")).content.decode()
    assert "微信链接" in page and "签到二维码" in page and "签到数据" in page
    assert f'data-registrations="{events[0].pk}">1</a>' in page  # only college A's student counts
    listing = client.get(reverse("events:careerevent_registration_list") + f"?career_event={events[0].pk}")
    text = listing.content.decode()
    assert org["students"]["a1"].student_number in text and org["students"]["b1"].student_number not in text
    assert "发送消息" in text


def test_add_publish_cancel(client, school_admin):
    from tests.events.talks_support import local_input

    client.force_login(school_admin)
    category = CareerEventFactory().category
    starts = timezone.now() + datetime.timedelta(days=3)
    response = client.post(reverse("events:careerevent_add"), {
        "title": "新活动", "category": category.pk, "venue": "", "starts_at": local_input(starts),
        "ends_at": local_input(starts + datetime.timedelta(hours=2)), "description": "<p>x</p><script>x</script>",
        "registration_required": "on", "checkin_passphrase": " ab "})
    assert response.status_code == 302
    event = CareerEvent.objects.get(title="新活动")
    assert event.state == "draft" and "<script>" not in event.description and event.checkin_passphrase == "ab"
    client.post(reverse("events:careerevent_status", args=[event.pk]), {"_action": "publish"})
    event.refresh_from_db()
    assert event.state == "published" and event.published_at
    student = student_account()
    Registration.objects.create(career_event=event, student=student)
    client.post(reverse("events:careerevent_status", args=[event.pk]), {"_action": "cancel", "reason": "改期"})
    event.refresh_from_db()
    assert event.state == "cancelled" and event.cancel_reason == "改期"
    from careers.core.models import OperationLog

    assert OperationLog.objects.filter(message__contains="取消就业活动").exists()


def test_form_refuses_bad_times(client, school_admin):
    client.force_login(school_admin)
    category = CareerEventFactory().category
    starts = timezone.now() + datetime.timedelta(days=3)
    from tests.events.talks_support import local_input

    response = client.post(reverse("events:careerevent_add"), {
        "title": "坏活动", "category": category.pk, "starts_at": local_input(starts),
        "ends_at": local_input(starts - datetime.timedelta(hours=1)),
        "registration_opens_at": local_input(starts), "registration_closes_at": local_input(starts)})
    text = response.content.decode()
    assert response.status_code == 200 and "结束时间必须晚于开始时间" in text and "截止时间必须晚于学生申请时间" in text
    assert not CareerEvent.objects.filter(title="坏活动").exists()


def test_organiser_screen_needs_the_passphrase(client):
    event = now_event(checkin_passphrase="1234")
    url = reverse("site_events:career_event_checkin_screen", args=[event.pk])
    assert 'id="screen-form"' in client.get(url).content.decode()
    assert client.post(url, {"passphrase": "0000"}).status_code == 400
    opened = client.post(url, {"passphrase": "1234"}).content.decode()
    assert 'id="student-qr"' in opened and "<svg" in opened
    without = now_event(checkin_passphrase="")
    assert client.get(reverse("site_events:career_event_checkin_screen", args=[without.pk])).status_code == 403


def test_promo_page_has_qr(client, school_admin):
    event = CareerEventFactory()
    client.force_login(school_admin)
    page = client.get(reverse("events:careerevent_promo", args=[event.pk])).content.decode()
    assert "<svg" in page and reverse("site_events:career_event_detail", args=[event.pk]) in page


def test_reminder_includes_career_events():
    from careers.events.stats.actions import send_event_reminders

    event = CareerEventFactory(starts_at=timezone.now() + datetime.timedelta(days=1))
    Registration.objects.create(career_event=event, student=student_account())
    report = send_event_reminders(today=timezone.localdate(event.starts_at) - datetime.timedelta(days=1))
    assert report.sent >= 1
    assert not Registration.objects.filter(career_event=event, reminded_at__isnull=True).exists()


# -- races (two connections; PostgreSQL: SQLite serialises writers, see tests/concurrency.py) ---------------
@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_last_place_goes_to_one_student(code_tables):  # noqa: F811
    event = CareerEventFactory(capacity=1)
    students = [StudentFactory(), StudentFactory()]
    from tests.concurrency import run_concurrently

    def attempt(student):
        registration.register(student, event)
        return "ok"

    outcomes = [str(o) for o in run_concurrently(attempt, args=students)]
    assert outcomes.count("ok") == 1 and any("已满" in o for o in outcomes), outcomes
    assert Registration.objects.filter(career_event=event).count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_scans_create_one_checkin(code_tables):  # noqa: F811
    event = now_event(uses_device=True, registration_required=False)
    student = StudentFactory()
    from tests.concurrency import run_concurrently

    results = run_concurrently(lambda: rules.check_in(event, student, method=CheckIn.Method.DEVICE)[1], 8)
    assert not [r for r in results if isinstance(r, BaseException)]
    assert results.count(True) == 1 and len(results) == 8
    assert CheckIn.objects.filter(career_event=event, student=student).count() == 1


def test_message_to_selected_registered_students(client, college_admin, org):
    """发送消息 from the registration list: the checkboxes carry student pks, scope re-checked by the students area."""
    from careers.core.models import Message

    event = CareerEventFactory()
    a1, b1 = org["students"]["a1"], org["students"]["b1"]
    from tests.events.talks_support import give_account

    give_account(a1)
    Registration.objects.create(career_event=event, student=a1)
    Registration.objects.create(career_event=event, student=b1)
    client.force_login(college_admin)
    url = reverse("students:student_message") + "?source=students.student"
    refused = client.post(url, {"pk": [a1.pk, b1.pk], "_send": "1", "subject": "通知", "body": "x",
                                "channels": ["inbox"]}, follow=True)
    assert "不在您管辖" in refused.content.decode() or "无权查看" in refused.content.decode()
    client.post(url, {"pk": [a1.pk], "_send": "1", "subject": "活动通知", "body": "请准时参加", "channels": ["inbox"]})
    assert Message.objects.filter(subject="活动通知").count() == 1


def test_export_has_the_scoped_counts(college_admin, org):
    from careers.events.career_events.views import CareerEventExportView

    event = CareerEventFactory()
    Registration.objects.create(career_event=event, student=org["students"]["a1"])
    Registration.objects.create(career_event=event, student=org["students"]["b1"])
    rows = CareerEventExportView.filtered_queryset(college_admin, "")
    assert rows.get(pk=event.pk).registration_count == 1


def test_backoffice_qr_page_names_the_organiser_screen(client, school_admin):
    event = now_event(checkin_passphrase="ab")
    client.force_login(school_admin)
    page = client.get(reverse("events:checkin_qr", args=["career_event", event.pk])).content.decode()
    assert 'id="screen-url"' in page and "<svg" in page


def test_student_hub_lists_my_career_event_registrations(client):
    event = CareerEventFactory(starts_at=timezone.now() + datetime.timedelta(days=2),
                               ends_at=timezone.now() + datetime.timedelta(days=2, hours=2))
    student = student_account()
    Registration.objects.create(career_event=event, student=student)
    client.force_login(student.user)
    page = client.get(reverse("portal:home")).content.decode()
    assert event.title in page and reverse("site_events:calendar") in page


def test_registration_list_query_count(client, school_admin, django_assert_max_num_queries):
    event = CareerEventFactory()
    for _ in range(15):
        Registration.objects.create(career_event=event, student=StudentFactory())
    client.force_login(school_admin)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("events:careerevent_registration_list"), {"career_event": event.pk})
    assert response.status_code == 200


def test_calendar_parse_never_fails():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from careers.events.calendar.views import parse

    today = datetime.date(2026, 12, 7)

    @settings(deadline=None)  # a pure function; a busy machine must not fail it on time
    @given(st.dictionaries(st.sampled_from(["view", "date"]), st.text(max_size=20)))
    def check(params):
        view, day, error = parse(params, today)
        assert view in ("day", "week", "month") and isinstance(day, datetime.date)
        assert day == today or not error

    check()
