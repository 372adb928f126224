"""场地日历: the bookings (talks and fairs) of a week per venue, conflicts marked.

`week_grid(monday, venue=None)` → the days and one row per venue with the active bookings of each day;
`day_bookings(day)` → the bookings of one day at every venue (the talk review page shows it).
Cancelled and rejected events are left out; overlapping bookings in the same real room are flagged.
"""

import datetime
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from .conflicts import KIND_LABELS, active_career_events, active_fairs, active_talks, conflicting_keys, event_key
from .models import Venue

WEEKDAYS = "一二三四五六日"


@dataclass
class Booking:
    event: object
    kind: str  # "talk" | "fair" | "careerevent"
    conflict: bool
    url: str | None

    @property
    def label(self):
        return KIND_LABELS[self.kind]


def monday_of(day):
    return day - datetime.timedelta(days=day.weekday())


def parse_week(value, today=None):
    """The Monday of the week containing the ISO date `value` (default: this week)."""
    today = today or timezone.localdate()
    try:
        day = datetime.date.fromisoformat(value) if value else today
    except ValueError:
        day = today
    return monday_of(day)


def _bounds(first_day, days):
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(first_day, datetime.time.min, tzinfo=tz)
    return start, start + datetime.timedelta(days=days)


def event_url(event):
    name = {"talk": "events:talk_detail", "careerevent": "events:careerevent_detail"}.get(
        event._meta.model_name, "events:fair_detail")
    try:
        return reverse(name, args=[event.pk])
    except NoReverseMatch:
        return None


def bookings_between(start, end, venue=None):
    """Active talks, fairs and 就业活动 with a venue overlapping [start, end), earliest first."""
    overlap = {"starts_at__lt": end, "ends_at__gt": start, "venue__isnull": False}
    if venue is not None:
        overlap["venue"] = venue
    talks = list(active_talks().filter(**overlap).select_related("venue", "employer"))
    fairs = list(active_fairs().filter(**overlap).select_related("venue"))
    career_events = list(active_career_events().filter(**overlap).select_related("venue"))
    events = sorted([*talks, *fairs, *career_events], key=lambda e: (e.starts_at, e._meta.model_name, e.pk))
    conflicts = conflicting_keys(events)
    return [Booking(e, e._meta.model_name, event_key(e) in conflicts, event_url(e)) for e in events]


def _days_of(booking, first_day, days):
    """Indexes of the grid days the booking touches."""
    start = timezone.localtime(booking.event.starts_at).date()
    end = timezone.localtime(booking.event.ends_at - datetime.timedelta(microseconds=1)).date()
    return [i for i in range(days) if start <= first_day + datetime.timedelta(days=i) <= end]


def week_grid(monday, venue=None, days=7):
    start, end = _bounds(monday, days)
    bookings = bookings_between(start, end, venue)
    dates = [monday + datetime.timedelta(days=i) for i in range(days)]
    if venue is not None:
        venues = [venue]
    else:
        booked = {b.event.venue_id for b in bookings}
        venues = [v for v in Venue.objects.all() if v.is_active or v.pk in booked]
    cells = {v.pk: [[] for _ in dates] for v in venues}
    for booking in bookings:
        row = cells.get(booking.event.venue_id)
        if row is None:
            continue
        for index in _days_of(booking, monday, days):
            row[index].append(booking)
    rows = [(v, cells[v.pk]) for v in venues]
    return {
        "dates": [(d, WEEKDAYS[d.weekday()]) for d in dates],
        "rows": rows,
        "conflicts": sum(1 for b in bookings if b.conflict),
        "count": len(bookings),
    }


def day_bookings(day):
    start, end = _bounds(day, 1)
    return bookings_between(start, end)
