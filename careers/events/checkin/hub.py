"""The events app's cards on the student hub (/me/): talks and fairs coming up (one-tap 报名) and the
student's own registrations with their check-in state. A few rows each, a fixed number of queries."""

from datetime import timedelta

from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..fairs.models import Fair
from ..talks.models import Talk
from .models import CheckIn, Registration, event_of, kind_of_row
from .registration import KIND_LABELS, closed_reason, place_of

AHEAD = timedelta(days=30)  # how far ahead "coming up" looks
SHOWN = 4


def _entry(event, kind, registered, now):
    return {"event": event, "kind": kind, "label": KIND_LABELS[kind],
            "registered": registered, "closed": "" if registered else closed_reason(event, now),
            "place": place_of(event)}


def _of_student(model, student, events):
    """{(kind, event id)} of `events` [(event, kind)] that the student has a `model` row (registration, check-in)
    for: one query, none when there are no events."""
    if not events:
        return set()
    rows = model.objects.filter(student=student).filter(
        Q(talk__in=[e.pk for e, k in events if k == "talk"]) | Q(fair__in=[e.pk for e, k in events if k == "fair"])
        | Q(career_event__in=[e.pk for e, k in events if k == "career_event"]))
    return {("talk", t) if t else ("fair", f) if f else ("career_event", c)
            for t, f, c in rows.values_list("talk_id", "fair_id", "career_event_id")}


def upcoming_card(request):
    """The next talks and fairs (started or not, until they end), soonest first. (就业活动 are reached through
    the 就业日历 link of the card: with them the few rows here filled up with the school's own events.)"""
    now = timezone.now()
    window = Q(ends_at__gt=now, starts_at__lt=now + AHEAD)
    talks = list(Talk.objects.published().filter(window).select_related("venue", "employer")
                 .order_by("starts_at", "pk")[:SHOWN])
    fairs = list(Fair.objects.public().filter(window).select_related("venue").order_by("starts_at", "pk")[:SHOWN])
    events = sorted([(t, "talk") for t in talks] + [(f, "fair") for f in fairs], key=lambda e: e[0].starts_at)[:SHOWN]
    registered = _of_student(Registration, request.student, events)
    return {"entries": [_entry(e, k, (k, e.pk) in registered, now) for e, k in events]}


def registrations_card(request):
    """My registrations for events that have not ended, with 已签到 when the student was checked in."""
    now = timezone.now()
    upcoming = (Registration.objects.filter(student=request.student)
                .filter(Q(talk__ends_at__gt=now) | Q(fair__ends_at__gt=now) | Q(career_event__ends_at__gt=now)))
    rows = list(upcoming.select_related("talk__venue", "fair__venue", "career_event__venue")
                .annotate(starts=Coalesce("talk__starts_at", "fair__starts_at", "career_event__starts_at"))
                .order_by("starts", "pk")[:SHOWN])
    total = len(rows) if len(rows) < SHOWN else upcoming.count()
    checked = _of_student(CheckIn, request.student, [(event_of(r), kind_of_row(r)) for r in rows])
    entries = []
    for r in rows:
        kind = kind_of_row(r)
        event = event_of(r)
        entries.append({**_entry(event, kind, True, now), "checked_in": (kind, event.pk) in checked,
                        "started": event.starts_at <= now})
    return {"entries": entries, "total": total}
