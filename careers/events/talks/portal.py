"""我的报名 (/me/events/): the student's talk and fair registrations with their check-in state (已签到 hh:mm).
Registering and cancelling are checkin/portal_registration.py. There is no check-in link here on purpose: the QR
shown in the room is the proof of presence."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from careers.accounts.portal_access import student_required

from ..checkin.models import event_of, kind_of_row
from ..checkin.registration import KIND_LABELS, place_of
from ..models import CheckIn, Registration


def _url(name, pk):
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return None


@student_required
def my_events(request, student):
    """我的报名: talks and fairs, latest first, with 已签到 hh:mm or the 签到 link."""
    rows = (Registration.objects.filter(student=student)
            .select_related("talk__venue", "talk__employer", "fair__venue", "career_event__venue")
            .annotate(starts=Coalesce("talk__starts_at", "fair__starts_at", "career_event__starts_at"))
            .order_by("-starts", "-pk"))
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    items = list(page.object_list)
    talk_ids = [r.talk_id for r in items if r.talk_id]
    fair_ids = [r.fair_id for r in items if r.fair_id]
    career_event_ids = [r.career_event_id for r in items if r.career_event_id]
    checkins = {(kind_of_row(c), c.talk_id or c.fair_id or c.career_event_id): c for c in CheckIn.objects.filter(
        Q(talk_id__in=talk_ids) | Q(fair_id__in=fair_ids) | Q(career_event_id__in=career_event_ids),
        student=student)}
    now = timezone.now()
    entries = []
    for r in items:
        event = event_of(r)
        kind = kind_of_row(r)
        done = checkins.get((kind, event.pk))
        entries.append({
            "registration": r, "event": event, "kind": kind, "label": KIND_LABELS[kind],
            "url": _url(f"site_events:{kind}_detail", event.pk), "checkin": done,
            "over": event.ends_at <= now, "cancelled": event.status == "cancelled",
            "can_cancel": event.starts_at > now and event.status != "cancelled",
            "place": place_of(event),
        })
    return render(request, "events/talks/portal/my_events.html", {"page": page, "entries": entries})
