"""每日宣讲会提醒 (manual 8: “也可以设置每日宣讲会提醒”): each morning, one message to every student who turned it
on, listing today's approved talks (time, venue, host). Nothing is sent on a day without talks.

`send_daily_talks(today)` runs from the Celery beat (07:30 Asia/Shanghai, `wechat.send_daily_talks`) or
`manage.py send_daily_talks [--today YYYY-MM-DD]`. The text is the same for everyone (talks are public), so a
chunk of 1,000 students is one Message with 1,000 recipients on 站内消息 plus WeChat when registered.

Idempotent per student and day: preference rows are taken in chunks with `SELECT … FOR UPDATE SKIP LOCKED`
where `daily_talks_sent_on` is before today; the chunk's message and the stamp are written in one transaction,
so a crash rolls both back (the rerun sends them) and a rerun or a second worker finds nobody left.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from careers.accounts.models import User
from careers.core.history import log_event
from careers.core.messaging import send_messages
from careers.events.models import Talk

from .models import ReminderPreference
from .prefs import with_wechat

CHUNK = 1000
LISTED = 20  # talks written out; more are counted and left to the talk list
KIND = "daily_talks"
WEEKDAYS = "一二三四五六日"


def channels():
    return with_wechat(getattr(settings, "DAILY_TALKS_CHANNELS", ("inbox",)))


def day_bounds(day):
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())
    return start, start + datetime.timedelta(days=1)


def talks_on(day):
    """The approved talks starting on the local `day`, earliest first."""
    start, end = day_bounds(day)
    return list(Talk.objects.published().filter(starts_at__gte=start, starts_at__lt=end)
                .select_related("venue", "employer").order_by("starts_at", "pk"))


def talk_list_link():
    try:
        return reverse("site_events:talk_list")
    except NoReverseMatch:
        return ""


def compose(day, talks):
    """(subject, body) of the digest for `day`."""
    date = f"{day.month}月{day.day}日"
    subject = f"今日宣讲会：{date}共 {len(talks)} 场"
    lines = [f"同学你好！今天（{date} 星期{WEEKDAYS[day.weekday()]}）共有 {len(talks)} 场宣讲会："]
    for index, talk in enumerate(talks[:LISTED], 1):
        start, end = timezone.localtime(talk.starts_at), timezone.localtime(talk.ends_at)
        lines.append(f"{index}. {start:%H:%M}–{end:%H:%M}「{talk.title}」")
        lines.append(f"   举办单位：{talk.host_name}")
        lines.append(f"   地点：{talk.venue}")
    if len(talks) > LISTED:
        lines.append(f"另有 {len(talks) - LISTED} 场，请在宣讲会页面查看。")
    lines.append("报名和详情请查看宣讲会页面。如不想再收到每日宣讲会提醒，可在“我的 — 提醒设置”中关闭。")
    return subject, "\n".join(lines)


@dataclass
class DigestReport:
    day: datetime.date
    talks: int = 0
    sent: int = 0

    def __str__(self):
        return f"{self.day:%Y-%m-%d}：{self.talks} 场宣讲会，发送 {self.sent} 条每日宣讲会提醒"


def pending(day):
    """Preference rows of active students who want the digest and have not had `day`'s."""
    return (ReminderPreference.objects.filter(daily_talks=True, user__is_active=True, user__kind=User.Kind.STUDENT)
            .filter(Q(daily_talks_sent_on__isnull=True) | Q(daily_talks_sent_on__lt=day)))


def send_daily_talks(today=None, user=None):
    """Send `today`'s digest (local date) to every student who wants it and has not had it. Safe to rerun."""
    today = today or timezone.localdate()
    talks = talks_on(today)
    report = DigestReport(today, talks=len(talks))
    if not talks:
        return report
    subject, body = compose(today, talks)
    link, keys = talk_list_link(), channels()
    while True:
        with transaction.atomic():
            rows = list(pending(today).select_for_update(skip_locked=True, of=("self",))
                        .order_by("pk").values_list("pk", "user_id")[:CHUNK])
            if not rows:
                break
            recipients = [User(pk=user_id, is_active=True) for _, user_id in rows]
            send_messages([(recipients, subject, body, link)], channels=keys, kind=KIND)
            ReminderPreference.objects.filter(pk__in=[pk for pk, _ in rows]).update(daily_talks_sent_on=today)
            report.sent += len(rows)
    if report.sent:
        log_event("other", module="wechat", user=user, message=f"发送每日宣讲会提醒（{report}）",
                  changes={"日期": ["", f"{today:%Y-%m-%d}"], "提醒人数": ["", str(report.sent)]})
    return report
