"""The day-before reminder (events/stats/actions.py) and the students' choices: a student who turned a kind off gets
no reminder for it but is stamped (reruns skip them); the others get it on the settings' channels plus WeChat
only while that channel is registered; reruns send nothing twice; the preference look-up is one query a chunk."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careers.core.models import Message, MessageDelivery
from careers.events.models import Registration
from careers.events.stats import actions as actions_stats
from careers.events.stats.actions import remind_event, send_event_reminders
from careers.wechat.reminders import prefs
from tests.factories import CareerEventFactory, FairFactory, TalkFactory
from tests.wechat.reminders_support import no_wechat_channel, student_user, wechat_channel  # noqa: F401

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 10)
TOMORROW = TODAY + datetime.timedelta(days=1)


def at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def world(org):
    major = org["majors"]["a1"]
    students = {
        "default": student_user(major),
        "no_talks": student_user(major, talks=False),
        "none": student_user(major, talks=False, fairs=False, career_events=False),
        "talks_only": student_user(major, fairs=False, career_events=False),
    }
    events = {
        "talk": TalkFactory(approved=True, starts_at=at(TOMORROW, 14), ends_at=at(TOMORROW, 16)),
        "fair": FairFactory(starts_at=at(TOMORROW, 9), ends_at=at(TOMORROW, 16)),
        "career_event": CareerEventFactory(starts_at=at(TOMORROW, 19), ends_at=at(TOMORROW, 21)),
    }
    for field, event in events.items():
        for student in students.values():
            Registration.objects.create(**{field: event}, student=student)
    return {"students": students, "events": events}


def inbox_of(student):
    return MessageDelivery.objects.filter(recipient_id=student.user_id, channel="inbox")


def test_opted_out_students_get_no_reminder_but_are_stamped(world, no_wechat_channel):  # noqa: F811
    report = send_event_reminders(TODAY)
    s = world["students"]
    assert report.events == 3 and report.sent == 6  # talk: default, talks_only; fair and 就业活动: default, no_talks
    assert inbox_of(s["default"]).count() == 3
    assert inbox_of(s["no_talks"]).count() == 2 and inbox_of(s["talks_only"]).count() == 1
    assert not MessageDelivery.objects.filter(recipient_id=s["none"].user_id).exists()
    assert not Registration.objects.filter(reminded_at__isnull=True).exists()  # everyone stamped
    assert not MessageDelivery.objects.filter(channel="wechat").exists()
    talk_message = inbox_of(s["talks_only"]).get().message
    assert "宣讲会" in talk_message.subject and talk_message.channels == ["inbox", "email"]


def test_wechat_channel_added_only_while_registered(world, wechat_channel):  # noqa: F811
    send_event_reminders(TODAY)
    s = world["students"]
    wechat = MessageDelivery.objects.filter(channel="wechat")
    assert wechat.filter(recipient_id=s["default"].user_id).count() == 3
    assert not wechat.filter(recipient_id=s["none"].user_id).exists()
    assert wechat.count() == MessageDelivery.objects.filter(channel="inbox").count() == 6
    assert all("wechat" in m.channels for m in Message.objects.all())


def test_the_settings_channels_plus_wechat(world, wechat_channel, settings):  # noqa: F811
    settings.EVENT_REMINDER_CHANNELS = ("inbox",)
    assert actions_stats.channels() == ("inbox", "wechat")
    send_event_reminders(TODAY)
    assert set(MessageDelivery.objects.values_list("channel", flat=True)) == {"inbox", "wechat"}


def test_reruns_send_nothing_twice(world, wechat_channel):  # noqa: F811
    first = send_event_reminders(TODAY)
    count = MessageDelivery.objects.count()
    again = send_event_reminders(TODAY)
    assert first.sent == 6 and again.sent == 0 and MessageDelivery.objects.count() == count


def test_a_student_turning_reminders_back_on_later_is_not_reminded_twice(world, no_wechat_channel):  # noqa: F811
    send_event_reminders(TODAY)
    prefs.ReminderPreference.objects.filter(user_id=world["students"]["none"].user_id).update(talks=True)
    assert send_event_reminders(TODAY).sent == 0  # stamped on the first run: the run is over for that event


def test_chunks_with_mixed_choices(world, no_wechat_channel, monkeypatch):  # noqa: F811
    monkeypatch.setattr(actions_stats, "CHUNK", 1)
    assert send_event_reminders(TODAY).sent == 6
    assert not Registration.objects.filter(reminded_at__isnull=True).exists()


@pytest.mark.parametrize("registered", [False, True])
def test_queries_per_chunk_do_not_grow_with_the_students(org, registered, monkeypatch):
    from careers.core.messaging import get_channel, register_channel, unregister_channel
    from tests.wechat.reminders_support import DummyWechat

    previous = get_channel("wechat")
    if registered:
        register_channel("wechat", DummyWechat)
    elif previous is not None:
        unregister_channel("wechat")
    try:
        counts = []
        for n in (3, 30):
            talk = TalkFactory(approved=True, starts_at=at(TOMORROW, 14), ends_at=at(TOMORROW, 16))
            for i in range(n):
                student = student_user(org["majors"]["a1"], **({"fairs": False} if i % 3 else {"talks": False}))
                Registration.objects.create(talk=talk, student=student)
            with CaptureQueriesContext(connection) as ctx:
                remind_event(talk)
            counts.append(len(ctx.captured_queries))
        assert counts[0] == counts[1], counts
        # 1 chunk (savepoints included): lock+read, preferences, message + deliveries, stamp; the empty read; the
        # event's stamp
        assert counts[0] <= 16, counts  # PostgreSQL: COPY takes its keys from the sequence
    finally:
        if previous is None:
            if get_channel("wechat") is not None:
                unregister_channel("wechat")
        else:
            register_channel("wechat", type(previous))
