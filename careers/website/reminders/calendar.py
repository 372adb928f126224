"""事件提醒 on the 就业日历 (feed.register_source, registered in careers/website/registry.py): a shown reminder
appears from `remind_days` days before its event until the event ends (结束时间, or the end of the event's day),
listed on its event day(s), and only while `now` is inside that window."""

import datetime

from django.db.models import Q
from django.utils import timezone

from careers.events.calendar.feed import Entry

KIND = "reminder"
LABEL = "事件提醒"
BADGE = "danger"
MAX_DAYS = 90


def effective_end(starts_at, ends_at):
    if ends_at:
        return ends_at
    day = timezone.localtime(starts_at).date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=timezone.get_current_timezone())


def _candidates(start, end, since):
    """Shown reminders that may overlap [start, end) and have not ended before `since` (one query)."""
    from .models import CalendarReminder

    floor = max(start, since)
    return (CalendarReminder.objects.filter(is_visible=True, starts_at__lt=end)
            .filter(Q(ends_at__gt=floor) | Q(ends_at__isnull=True, starts_at__gte=floor - datetime.timedelta(days=2)))
            .order_by().values_list("pk", "title", "content", "starts_at", "ends_at", "remind_days", "url"))


def entries(start, end, now):
    rows = []
    for pk, title, content, starts, ends, days, url in _candidates(start, end, now):
        finish = effective_end(starts, ends)
        if starts - datetime.timedelta(days=days) <= now < finish and finish > start:
            time_text = "" if ends else f"{timezone.localtime(starts):%H:%M}"
            rows.append(Entry(KIND, pk, title, starts, finish, content, url, time_text))
    return rows


def next_change(start, end, now):
    """The next moment a reminder of the span appears (its window opens) or vanishes (its event ends)."""
    moments = []
    for _pk, _title, _content, starts, ends, days, _url in _candidates(start, end, now):
        for moment in (starts - datetime.timedelta(days=days), effective_end(starts, ends)):
            if moment > now:
                moments.append(moment)
    return min(moments, default=None)
