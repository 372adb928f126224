"""活动提醒: tomorrow only, approved/published only, once per registration even after a crash or a rerun."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from careers.accounts.models import User
from careers.core.models import MessageDelivery
from careers.events.stats import actions as actions_stats
from careers.events.stats.actions import send_event_reminders
from careers.events.models import Registration
from tests.factories import FairFactory, StudentFactory, TalkFactory, UserFactory

pytestmark = pytest.mark.django_db


def at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def world(org):
    today = datetime.date(2027, 3, 10)
    tomorrow = today + datetime.timedelta(days=1)
    students = [StudentFactory(major=org["majors"]["a1"],
                               user=UserFactory(username=f"rem{i}", kind=User.Kind.STUDENT)) for i in range(3)]
    no_account = StudentFactory(major=org["majors"]["a1"])
    events = {
        "talk": TalkFactory(approved=True, starts_at=at(tomorrow, 0), ends_at=at(tomorrow, 2)),  # local midnight
        "late_talk": TalkFactory(approved=True, starts_at=at(tomorrow, 23), ends_at=at(tomorrow, 23) +
                                 datetime.timedelta(minutes=50)),
        "fair": FairFactory(starts_at=at(tomorrow, 9), ends_at=at(tomorrow, 16)),
        "pending": TalkFactory(starts_at=at(tomorrow, 14), ends_at=at(tomorrow, 16)),
        "cancelled_fair": FairFactory(status="cancelled", starts_at=at(tomorrow, 9), ends_at=at(tomorrow, 16)),
        "today": TalkFactory(approved=True, starts_at=at(today, 19), ends_at=at(today, 21)),
        "day_after": TalkFactory(approved=True, starts_at=at(today + datetime.timedelta(days=2), 0),
                                 ends_at=at(today + datetime.timedelta(days=2), 2)),
    }
    for event in events.values():
        kind = event._meta.model_name
        for student in [*students, no_account]:
            Registration.objects.create(**{kind: event}, student=student)
    return {"today": today, "students": students, "events": events}


def reminded(event):
    kind = event._meta.model_name
    return Registration.objects.filter(**{kind: event}, reminded_at__isnull=False).count()


def test_only_tomorrows_approved_and_published_events(world):
    report = send_event_reminders(world["today"])
    events = world["events"]
    assert report.events == 3 and report.sent == 9
    assert [reminded(events[k]) for k in ("talk", "late_talk", "fair")] == [3, 3, 3]
    assert [reminded(events[k]) for k in ("pending", "cancelled_fair", "today", "day_after")] == [0, 0, 0, 0]
    deliveries = MessageDelivery.objects.filter(recipient__username="rem0")
    assert deliveries.filter(channel="inbox").count() == 3 and deliveries.filter(channel="email").count() == 3
    subject = MessageDelivery.objects.filter(recipient__username="rem0").order_by("pk").first().message.subject
    assert subject.startswith("活动提醒：明天")
    events["talk"].refresh_from_db()
    assert events["talk"].reminder_sent_at is not None


def test_rerun_sends_nothing_twice(world):
    send_event_reminders(world["today"])
    before = MessageDelivery.objects.count()
    again = send_event_reminders(world["today"])
    assert again.sent == 0 and MessageDelivery.objects.count() == before


def test_a_crash_mid_run_then_a_rerun_sends_each_once(world, monkeypatch):
    real = actions_stats.send_messages
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("worker died")
        return real(*args, **kwargs)

    monkeypatch.setattr(actions_stats, "send_messages", flaky)
    with pytest.raises(RuntimeError):
        send_event_reminders(world["today"])
    first = sum(reminded(world["events"][k]) for k in ("talk", "late_talk", "fair"))
    assert first == 3  # the first event's chunk committed, the second rolled back with its messages
    monkeypatch.setattr(actions_stats, "send_messages", real)
    report = send_event_reminders(world["today"])
    assert report.sent == 6
    for student in world["students"]:
        assert MessageDelivery.objects.filter(recipient=student.user, channel="inbox").count() == 3


def test_chunks(world, monkeypatch):
    monkeypatch.setattr(actions_stats, "CHUNK", 2)
    assert send_event_reminders(world["today"]).sent == 9


def test_channels_from_settings(world, settings):
    settings.EVENT_REMINDER_CHANNELS = ("inbox",)
    send_event_reminders(world["today"])
    assert not MessageDelivery.objects.filter(channel="email").exists()


def test_command_and_task(world):
    out = io.StringIO()
    call_command("send_event_reminders", "--today", world["today"].isoformat(), stdout=out)
    assert "发送 9 条提醒" in out.getvalue()
    from careers.events.stats.hooks import send_event_reminders as task

    assert "发送 0 条提醒" in task(world["today"].isoformat())


def test_beat_schedule_runs_it_daily():
    from config.celery import app

    entry = app.conf.beat_schedule["send-event-reminders"]
    assert entry["task"] == "events.send_event_reminders"
    assert entry["schedule"].hour == {18} and entry["schedule"].minute == {0}


def test_reminders_page_counts_registrations_within_the_admins_scope(client, org, college_admin, school_admin):
    """活动提醒 shows a college admin only the registrations of their own majors (as the talk list does)."""
    from django.urls import reverse

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    talk = TalkFactory(approved=True, title="明日宣讲", starts_at=at(tomorrow, 14), ends_at=at(tomorrow, 16))
    for key in ("a1", "b1", "b2"):
        Registration.objects.create(talk=talk, student=org["students"][key])
    for user, expected in ((college_admin, 1), (school_admin, 3)):
        client.force_login(user)
        item = next(i for i in client.get(reverse("events:reminders")).context["items"] if i["event"] == talk)
        assert item["registered"] == expected
