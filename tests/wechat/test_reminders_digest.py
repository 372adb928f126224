"""每日宣讲会提醒: today's approved talks (time, venue, host) to the students who turned it on, once a day, none on
a day without talks; chunks that survive a crash; the Celery task, its 07:30 beat entry and the command."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careers.accounts.models import User
from careers.core.models import Message, MessageDelivery
from careers.wechat.reminders import digest
from careers.wechat.reminders.digest import send_daily_talks
from careers.wechat.reminders.models import ReminderPreference
from tests.factories import TalkFactory, UserFactory
from tests.wechat.reminders_support import no_wechat_channel, student_user, wechat_channel  # noqa: F401

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2027, 3, 10)


def at(day, hour, minute=0):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def world(org):
    major = org["majors"]["a1"]
    talks = {
        "morning": TalkFactory(approved=True, title="甲公司宣讲会", starts_at=at(TODAY, 9, 30),
                               ends_at=at(TODAY, 11)),
        "school": TalkFactory(approved=True, title="学校专场宣讲", employer=None, organiser="就业指导中心",
                              starts_at=at(TODAY, 19), ends_at=at(TODAY, 21)),
        "pending": TalkFactory(title="待审核宣讲会", starts_at=at(TODAY, 14), ends_at=at(TODAY, 16)),
        "tomorrow": TalkFactory(approved=True, title="明天的宣讲会", starts_at=at(TODAY + datetime.timedelta(days=1), 9),
                                ends_at=at(TODAY + datetime.timedelta(days=1), 11)),
    }
    students = {
        "daily": student_user(major, daily_talks=True),
        "default": student_user(major),  # daily_talks is off by default
        "off": student_user(major, daily_talks=False),
        "inactive": student_user(major, daily_talks=True),
    }
    User.objects.filter(pk=students["inactive"].user_id).update(is_active=False)
    employer = UserFactory(kind=User.Kind.EMPLOYER)
    ReminderPreference.objects.create(user=employer, daily_talks=True)  # students only
    return {"talks": talks, "students": students}


def test_one_digest_to_each_student_who_asked(world, no_wechat_channel):  # noqa: F811
    report = send_daily_talks(TODAY)
    assert report.talks == 2 and report.sent == 1
    message = Message.objects.get()
    assert message.kind == "daily_talks" and message.channels == ["inbox"]
    assert list(message.deliveries.values_list("recipient_id", flat=True)) == [world["students"]["daily"].user_id]
    assert message.subject == "今日宣讲会：3月10日共 2 场"
    body = message.body
    assert "09:30–11:00「甲公司宣讲会」" in body and "19:00–21:00「学校专场宣讲」" in body
    assert "举办单位：就业指导中心" in body and f"地点：{world['talks']['morning'].venue}" in body
    assert world["talks"]["morning"].employer.name in body
    assert "待审核宣讲会" not in body and "明天的宣讲会" not in body
    assert body.index("甲公司") < body.index("学校专场")
    assert message.link == "/talks/" or message.link.endswith("talks/")


def test_once_a_day_and_again_the_next_day(world, no_wechat_channel):  # noqa: F811
    send_daily_talks(TODAY)
    assert send_daily_talks(TODAY).sent == 0 and Message.objects.count() == 1
    tomorrow = TODAY + datetime.timedelta(days=1)
    assert send_daily_talks(tomorrow).sent == 1
    assert Message.objects.count() == 2
    assert ReminderPreference.objects.get(user_id=world["students"]["daily"].user_id).daily_talks_sent_on == tomorrow
    assert send_daily_talks(TODAY).sent == 0  # an older day run late sends nothing either


def test_nothing_on_a_day_without_talks(world, no_wechat_channel):  # noqa: F811
    report = send_daily_talks(TODAY + datetime.timedelta(days=5))
    assert report.talks == 0 and report.sent == 0 and not Message.objects.exists()
    assert ReminderPreference.objects.filter(daily_talks_sent_on__isnull=False).count() == 0


def test_wechat_when_registered(world, wechat_channel):  # noqa: F811
    send_daily_talks(TODAY)
    user_id = world["students"]["daily"].user_id
    assert set(MessageDelivery.objects.filter(recipient_id=user_id).values_list("channel", flat=True)) == {
        "inbox", "wechat"}


def test_a_crash_mid_run_then_a_rerun_sends_each_once(world, no_wechat_channel, monkeypatch, org):  # noqa: F811
    more = [student_user(org["majors"]["a1"], daily_talks=True) for _ in range(2)]
    monkeypatch.setattr(digest, "CHUNK", 1)
    real, calls = digest.send_messages, []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("worker died")
        return real(*args, **kwargs)

    monkeypatch.setattr(digest, "send_messages", flaky)
    with pytest.raises(RuntimeError):
        send_daily_talks(TODAY)
    assert MessageDelivery.objects.count() == 1  # the first chunk committed, the second rolled back
    monkeypatch.setattr(digest, "send_messages", real)
    assert send_daily_talks(TODAY).sent == 2
    recipients = list(MessageDelivery.objects.values_list("recipient_id", flat=True))
    assert sorted(recipients) == sorted([world["students"]["daily"].user_id, *(s.user_id for s in more)])


def test_queries_do_not_grow_with_the_students(world, org, no_wechat_channel):  # noqa: F811
    counts = []
    for day, n in ((TODAY, 3), (TODAY + datetime.timedelta(days=1), 30)):
        for _ in range(n):
            student_user(org["majors"]["a1"], daily_talks=True)
        with CaptureQueriesContext(connection) as ctx:
            send_daily_talks(day)
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1] and counts[0] <= 16, counts  # savepoints and COPY included


def test_command_task_and_beat(world, no_wechat_channel):  # noqa: F811
    out = io.StringIO()
    call_command("send_daily_talks", "--today", TODAY.isoformat(), stdout=out)
    assert "2 场宣讲会，发送 1 条每日宣讲会提醒" in out.getvalue()
    from careers.wechat.reminders.hooks import send_daily_talks as task

    assert "发送 0 条" in task(TODAY.isoformat())
    from config.celery import app

    entry = app.conf.beat_schedule["send-daily-talks"]
    assert entry["task"] == "wechat.send_daily_talks"
    assert entry["schedule"].hour == {7} and entry["schedule"].minute == {30}


def test_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_daily_talks", "--today", "明天")
