"""场地冲突: which talks, fairs and 就业活动 book the same room at overlapping times.

A booking counts while it may still take place: a talk that is 等待审核 or 已审核, a fair that is 未发布 or
已发布, a 就业活动 that is 草稿 or 已发布 (cancelled ones and rejected talks never block a room). Intervals are half-open
[starts_at, ends_at): a talk ending at 16:00 and the next one starting at 16:00 do not conflict. A
placeholder venue (待定（100人）) never conflicts: it is not a room.

    venue_conflicts(venue, starts_at, ends_at, exclude=talk)  -> [Talk | Fair, ...] by start time
    conflicting_keys(events)                                   -> {("talk", pk), ...} that overlap another

The talks review page and the fairs form call `venue_conflicts`; the venue calendar marks
`conflicting_keys`.
"""

from ..models import CareerEvent, CareerEventState, Fair, FairStatus, Talk, TalkStatus

ACTIVE_TALK = (TalkStatus.PENDING, TalkStatus.APPROVED)
ACTIVE_FAIR = (FairStatus.DRAFT, FairStatus.PUBLISHED)
ACTIVE_CAREER_EVENT = (CareerEventState.DRAFT, CareerEventState.PUBLISHED)
KIND_LABELS = {"talk": "宣讲会", "fair": "招聘会", "careerevent": "就业活动"}


def event_key(event):
    return (event._meta.model_name, event.pk)


def _excluded(exclude):
    if exclude is None:
        return set()
    items = exclude if isinstance(exclude, (list, tuple, set, frozenset)) else [exclude]
    return {event_key(e) for e in items if getattr(e, "pk", None)}


def active_talks():
    return Talk.objects.filter(status__in=ACTIVE_TALK)


def active_fairs():
    return Fair.objects.filter(status__in=ACTIVE_FAIR)


def active_career_events():
    return CareerEvent.objects.filter(state__in=ACTIVE_CAREER_EVENT)


def venue_conflicts(venue, starts_at, ends_at, exclude=None):
    """The active talks, fairs and 就业活动 at `venue` overlapping [starts_at, ends_at), earliest first.

    `exclude`: the event being edited or reviewed (or a list of them). Empty for a placeholder venue,
    no venue, or an empty/invalid interval."""
    if venue is None or getattr(venue, "is_placeholder", False) or not starts_at or not ends_at \
            or ends_at <= starts_at:
        return []
    skip = _excluded(exclude)
    overlap = {"venue": venue, "starts_at__lt": ends_at, "ends_at__gt": starts_at}
    talks = active_talks().filter(**overlap).select_related("employer", "venue")
    fairs = active_fairs().filter(**overlap).select_related("venue")
    career_events = active_career_events().filter(**overlap).select_related("venue", "category")
    found = [e for e in [*talks, *fairs, *career_events] if event_key(e) not in skip]
    return sorted(found, key=lambda e: (e.starts_at, e._meta.model_name, e.pk))


def conflicting_keys(events):
    """Keys of the events (talks/fairs, any mix) that overlap another active one at the same real venue."""
    by_venue = {}
    for event in events:
        venue = getattr(event, "venue", None)
        if venue is None or venue.is_placeholder or not is_active(event):
            continue
        by_venue.setdefault(venue.pk, []).append(event)
    keys = set()
    for items in by_venue.values():
        items.sort(key=lambda e: e.starts_at)
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                if b.starts_at >= a.ends_at:
                    break
                keys.update((event_key(a), event_key(b)))
    return keys


def is_active(event):
    if event._meta.model_name == "talk":
        return event.status in ACTIVE_TALK
    if event._meta.model_name == "careerevent":
        return event.state in ACTIVE_CAREER_EVENT
    return event.status in ACTIVE_FAIR


def describe(event):
    """One line for a warning: 宣讲会“X”（单位，11-30 14:00–16:00，等待审核）."""
    from django.utils import timezone

    kind = KIND_LABELS[event._meta.model_name]
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    host = f"{event.host_name}，" if kind == "宣讲会" else ""
    state = event.get_state_display() if kind == "就业活动" else event.get_status_display()
    return f"{kind}“{event.title}”（{host}{start:%m-%d %H:%M}–{end:%H:%M}，{state}）"
