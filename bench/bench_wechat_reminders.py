"""The day-before reminder with the students' WeChat choices (issue 18, wechat reminders): one talk tomorrow with
5,000 registered students (with accounts), a third of them with a saved 提醒设置 (every tenth has 宣讲会提醒 off),
and the WeChat channel registered (a stand-in that sends nothing, if the real one is not registered: the figure is
recording the reminders, the WeChat deliveries go out later through the messaging service's tasks).

Times `send_event_reminders(today)` (chunks of 1,000 under SKIP LOCKED, one preference query a chunk, messages
and deliveries in a few INSERTs a chunk), then a rerun (must send 0), and checks every registration is stamped.
"""

import datetime
import time

from bench.common import line

REGISTRATIONS = 5_000
TARGET_S = 5


def build():
    from django.utils import timezone

    from careers.accounts.models import User
    from careers.codes.models import Code
    from careers.core.bulk import fast_insert
    from careers.events.models import Registration, Talk, Venue
    from careers.org.models import Campus, College, Major
    from careers.students.models import Student
    from careers.wechat.reminders.models import ReminderPreference

    college = College.objects.get_or_create(name="提醒压测学院")[0]
    level, duration, discipline = (Code.objects.of(kind).first() for kind in ("education_level", "duration",
                                                                               "discipline"))
    major = Major.objects.create(name="提醒压测专业", major_code="080901", college=college, education_level=level,
                                 duration=duration, discipline=discipline,
                                 campus=Campus.objects.get_or_create(name="提醒压测校区")[0])
    status = Code.objects.of("enrolment_status").get(code="01")
    users = fast_insert(User, [User(username=f"WR{i:07d}", name=f"提醒学生{i}", kind=User.Kind.STUDENT, password="!",
                                    is_active=True) for i in range(REGISTRATIONS)])
    students = fast_insert(Student, [
        Student(student_number=f"WR{i:08d}", name=f"提醒学生{i}", gender="1", id_number=f"WRID{i:014d}",
                enrolment_year=2023, graduation_year=2027, major=major, enrolment_status=status, user=users[i])
        for i in range(REGISTRATIONS)])
    fast_insert(ReminderPreference, [ReminderPreference(user=u, talks=bool(i % 10), daily_talks=bool(i % 2))
                                     for i, u in enumerate(users) if i % 3 == 0])
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    starts = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(14), tzinfo=tz)
    venue = Venue.objects.create(name="提醒压测报告厅", capacity=REGISTRATIONS)
    talk = Talk.objects.create(title="提醒压测宣讲会", organiser="就业指导中心", starts_at=starts,
                               ends_at=starts + datetime.timedelta(hours=2), venue=venue, status="approved")
    fast_insert(Registration, [Registration(talk=talk, student=s) for s in students])
    muted = sum(1 for i in range(REGISTRATIONS) if i % 3 == 0 and i % 10 == 0)
    return today, talk, muted


def run():
    from careers.core.messaging import Channel, get_channel, register_channel, unregister_channel
    from careers.core.models import MessageDelivery
    from careers.events.models import Registration
    from careers.events.stats.actions import send_event_reminders

    class StandIn(Channel):
        label = "微信（压测）"

        def send(self, message, delivery, address):
            return None

    from config.celery import app

    standing_in = get_channel("wechat") is None
    if standing_in:
        register_channel("wechat", StandIn)
    today, talk, muted = build()
    from django.urls import get_resolver

    get_resolver().url_patterns  # the URLconf is imported once per process (the reminder's link): not the work
    # e-mail and WeChat deliveries go to the broker (workers send them at the rate limit), not in-process
    app.conf.task_always_eager = False
    try:
        started = time.perf_counter()
        report = send_event_reminders(today)
        elapsed = time.perf_counter() - started
        rerun = send_event_reminders(today).sent
    finally:
        app.conf.task_always_eager = True
        if standing_in:
            unregister_channel("wechat")
    left = Registration.objects.filter(talk=talk, reminded_at__isnull=True).count()
    wechat = MessageDelivery.objects.filter(message__subject__contains="提醒压测宣讲会", channel="wechat").count()
    print(f"  {REGISTRATIONS} registrations: {report.sent} reminded ({muted} turned 宣讲会提醒 off), {wechat} WeChat "
          f"deliveries recorded, rerun sent {rerun}, {left} left unstamped", flush=True)
    line(f"wechat day-before reminders {REGISTRATIONS}", f"{elapsed:.2f}", "s", TARGET_S,
         failed=bool(rerun or left or report.sent != REGISTRATIONS - muted))
