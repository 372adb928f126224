"""就业日历 (public, no login, phone first, no JavaScript needed): day / week / month views of the published
talks, fairs and 就业活动, with previous / next / today links. The body of each (view, date) is rendered once
and cached until something changes (feed.py)."""

import calendar as pycalendar
import datetime

from django.core.cache import cache
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .feed import KIND_BADGES, KIND_LABELS, entries_between, seconds_fresh, version

VIEWS = {"day": "日", "week": "周", "month": "月"}
# The month view lists this many entries a day, then links to the day: at the height of the recruiting season
# a month holds 2,000+ talks (a 740 KB page on a phone); the grid above still counts them all.
MONTH_PER_DAY = 8
WEEKDAYS = "一二三四五六日"


def parse(params, today):
    view = params.get("view", "month")
    view = view if view in VIEWS else "month"
    error = ""
    try:
        day = datetime.date.fromisoformat(params.get("date", "")) if params.get("date") else today
    except ValueError:
        day, error = today, "日期格式不正确，请按 2026-12-01 填写；已显示今天。"
    if not datetime.date(2000, 1, 1) <= day <= datetime.date(2099, 12, 31):
        day, error = today, "日期超出范围，已显示今天。"
    return view, day, error


def span(view, day):
    """(first day, number of days, previous date, next date) of the view containing `day`."""
    if view == "day":
        return day, 1, day - datetime.timedelta(days=1), day + datetime.timedelta(days=1)
    if view == "week":
        monday = day - datetime.timedelta(days=day.weekday())
        return monday, 7, monday - datetime.timedelta(days=7), monday + datetime.timedelta(days=7)
    first = day.replace(day=1)
    days = pycalendar.monthrange(first.year, first.month)[1]
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    return first, days, previous, first + datetime.timedelta(days=days)


def local_bounds(first, days):
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    return start, datetime.datetime.combine(first + datetime.timedelta(days=days), datetime.time.min, tzinfo=tz)


def by_day(entries, first, days):
    """{date: [entry, …]} for every day of the span; an event over several days is listed on each."""
    out = {first + datetime.timedelta(days=n): [] for n in range(days)}
    last = first + datetime.timedelta(days=days - 1)
    tz = timezone.get_current_timezone()
    tick = datetime.timedelta(microseconds=1)
    for entry in entries:
        begin = max(entry.starts_at.astimezone(tz).date(), first)
        end = min((entry.ends_at - tick).astimezone(tz).date(), last)
        while begin <= end:
            out[begin].append(entry)
            begin += datetime.timedelta(days=1)
    return out


def month_weeks(first, days, counts):
    """The month grid: weeks of (date or None, count)."""
    lead = first.weekday()
    cells = [None] * lead + [first + datetime.timedelta(days=n) for n in range(days)]
    cells += [None] * (-len(cells) % 7)
    return [[(d, counts.get(d, 0)) for d in cells[i:i + 7]] for i in range(0, len(cells), 7)]


BADGE = KIND_BADGES  # extra sources (feed.register_source) add their own


def day_sections(grouped, today, per_day=None):
    """The listed days as HTML, built in Python: the template engine spent ~0.1 ms an entry, most of a
    2,000-event month (bench/bench_calendar.py). `per_day`: list at most that many a day, then 查看当天全部."""
    tz = timezone.get_current_timezone()
    parts = []
    for d, listed in grouped.items():
        if not listed:
            continue
        items = listed[:per_day] if per_day else listed
        is_today = d == today
        parts.append(f'<section class="mb-3" data-day="{d.isoformat()}"><h2 class="h6 border-bottom pb-1 mb-1'
                     f'{" text-primary" if is_today else ""}">{d.month}月{d.day}日 星期{WEEKDAYS[d.weekday()]}'
                     f'{"（今天）" if is_today else ""}</h2><ul class="list-unstyled mb-0">')
        for e in items:
            starts, ends = e.starts_at.astimezone(tz), e.ends_at.astimezone(tz)
            title = (f'<a href="{escape(e.url)}" style="overflow-wrap: anywhere">{escape(e.title)}</a>' if e.url
                     else f'<span style="overflow-wrap: anywhere">{escape(e.title)}</span>')
            place = f' <span class="text-muted">· {escape(e.place)}</span>' if e.place else ""
            parts.append(
                f'<li class="py-1 border-bottom small calendar-entry" data-kind="{e.kind}"><span class="badge '
                f'text-bg-{BADGE[e.kind]}">{KIND_LABELS[e.kind]}</span> <span class="text-nowrap">'
                f'{escape(e.time_text) or f"{starts:%H:%M}–{ends:%H:%M}"}</span> {title}{place}</li>')
        if len(listed) > len(items):
            parts.append(f'<li class="py-1 small" data-more="{len(listed) - len(items)}"><a href="?view=day&amp;date='
                         f'{d.isoformat()}">还有 {len(listed) - len(items)} 场，查看当天全部 ›</a></li>')
        parts.append("</ul></section>")
    return mark_safe("".join(parts))


def body(view, day, today):
    first, days, previous, following = span(view, day)
    start, end = local_bounds(first, days)
    entries = entries_between(start, end)
    grouped = by_day(entries, first, days)
    context = {
        "view": view, "day": day, "today": today, "first": first, "last": first + datetime.timedelta(days=days - 1),
        "previous": previous, "following": following,
        "days": day_sections(grouped, today, MONTH_PER_DAY if view == "month" else None),
        "first_weekday": WEEKDAYS[first.weekday()],
        "total": len(entries), "weekdays": WEEKDAYS, "kind_labels": KIND_LABELS,
        "legend": [(KIND_LABELS[kind], badge) for kind, badge in KIND_BADGES.items()],
        "weeks": month_weeks(first, days, {d: len(items) for d, items in grouped.items()}) if view == "month" else None,
    }
    return render_to_string("events/calendar/body.html", context), seconds_fresh(start, end)


def calendar(request):
    today = timezone.localdate()
    view, day, error = parse(request.GET, today)
    key = f"events:calendar:{version()}:{view}:{day.isoformat()}:{today.isoformat()}"
    html = cache.get(key)
    if html is None:
        html, fresh = body(view, day, today)
        cache.set(key, html, timeout=fresh)
    return render(request, "events/calendar/calendar.html", {
        "body": mark_safe(html), "view": view, "day": day, "views": VIEWS.items(), "error": error})
