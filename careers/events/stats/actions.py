"""活动提醒: the day before a talk or a fair, every registered student gets a reminder.

`send_event_reminders(today)` finds the approved talks and published fairs that start on the local day
after `today` and sends each registered student (with an active account) one message on
`settings.EVENT_REMINDER_CHANNELS` (inbox + email) plus WeChat when that channel is registered, through
`core.messaging.send_messages`. A student who turned that kind of reminder off (微信提醒设置: 就业活动 /
宣讲会 / 招聘会, careers/wechat/reminders) gets none, and is stamped like the others so reruns skip them.

Idempotent: registrations are taken in chunks with `SELECT … FOR UPDATE SKIP LOCKED` where
`reminded_at` is empty; the messages of a chunk and the `reminded_at` stamp are written in one
transaction. A crash rolls both back (the rerun sends them), a rerun or a second worker finds nothing
left (never sent twice). E-mail deliveries are queued after the commit by the messaging service.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from careers.accounts.models import User
from careers.core.history import log_event
from careers.core.messaging import send_messages
from careers.wechat.reminders.prefs import EVENT_PREFERENCES, opted_out, with_wechat

from ..checkin.models import event_field
from ..models import CareerEvent, Fair, FairStatus, Registration, Talk, TalkStatus

CHUNK = 1000


def channels():
    """The reminder's channels: the setting's, plus WeChat when the channel is registered."""
    return with_wechat(getattr(settings, "EVENT_REMINDER_CHANNELS", ("inbox", "email")))


def day_bounds(day):
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
    return start, start + datetime.timedelta(days=1)


def events_on(day):
    """The approved talks, published fairs and published 就业活动 starting on the local `day`."""
    start, end = day_bounds(day)
    talks = (Talk.objects.filter(status=TalkStatus.APPROVED, starts_at__gte=start, starts_at__lt=end)
             .select_related("venue", "employer").order_by("starts_at", "pk"))
    fairs = (Fair.objects.filter(status=FairStatus.PUBLISHED, starts_at__gte=start, starts_at__lt=end)
             .select_related("venue").order_by("starts_at", "pk"))
    career_events = (CareerEvent.objects.published().filter(starts_at__gte=start, starts_at__lt=end)
                     .select_related("venue").order_by("starts_at", "pk"))
    return [*talks, *fairs, *career_events]


def _link(event):
    kind = event_field(event)
    for name, args in ((f"site_events:{kind}_detail", [event.pk]), ("portal_events:my_events", None)):
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return ""


def compose(event):
    """(subject, body) of the reminder for `event`."""
    local = timezone.localtime(event.starts_at)
    end = timezone.localtime(event.ends_at)
    if event_field(event) == "talk":
        kind, where = "宣讲会", str(event.venue)
        host = f"举办单位：{event.host_name}\n"
    elif event_field(event) == "career_event":
        kind, where, host = "就业活动", event.place, ""
    else:
        kind, where = "招聘会", " ".join(p for p in (str(event.venue) if event.venue_id else "", event.place) if p)
        host = ""
    subject = f"活动提醒：明天{local:%H:%M}{kind}「{event.title}」"[:100]
    body = (f"同学你好！你报名的{kind}「{event.title}」将于明天举行，请准时参加。\n"
            f"时间：{local:%Y年%-m月%-d日 %H:%M}–{end:%H:%M}\n"
            f"地点：{where or '见活动详情'}\n{host}"
            "现场请扫描签到二维码或出示学生证签到。如不能参加，请在活动开始前取消报名。")
    return subject, body


@dataclass
class ReminderReport:
    day: datetime.date
    events: int = 0
    sent: int = 0

    def __str__(self):
        return f"{self.day:%Y-%m-%d}：{self.events} 场活动，发送 {self.sent} 条提醒"


def remind_event(event, now=None):
    """Remind every not-yet-reminded registered student of `event`; returns how many were reminded."""
    kind = event_field(event)
    subject, body = compose(event)
    link = _link(event)
    sent = 0
    while True:
        with transaction.atomic():
            rows = list(Registration.objects.filter(**{kind: event}, reminded_at__isnull=True,
                                                    student__user__is_active=True)
                        .select_for_update(skip_locked=True, of=("self",))
                        .order_by("pk").values_list("pk", "student__user_id")[:CHUNK])
            if not rows:
                break
            # one query per chunk: who turned this kind of reminder off (no message, still stamped below)
            off = opted_out([user_id for _, user_id in rows], EVENT_PREFERENCES[kind])
            recipients = [User(pk=user_id, is_active=True) for _, user_id in rows if user_id not in off]
            send_messages([(recipients, subject, body, link)], channels=channels(), kind="event_reminder")
            Registration.objects.filter(pk__in=[pk for pk, _ in rows]).update(reminded_at=now or timezone.now())
            sent += len(recipients)
    type(event).objects.filter(pk=event.pk).update(reminder_sent_at=now or timezone.now())
    return sent


def send_event_reminders(today=None, user=None):
    """Remind the students registered for tomorrow's events (local time). Safe to run any number of times."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    report = ReminderReport(tomorrow)
    for event in events_on(tomorrow):
        report.events += 1
        report.sent += remind_event(event)
    if report.sent:
        log_event("other", module="events", user=user, message=f"发送活动提醒（{report}）",
                  changes={"活动日期": ["", f"{tomorrow:%Y-%m-%d}"], "提醒人数": ["", str(report.sent)]})
    return report
