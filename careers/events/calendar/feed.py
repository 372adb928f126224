"""就业日历 data: the published talks, fairs and 就业活动 of a day / week / month, cached.

The manual's “生成缓存文件” button is gone: the rendered body of each (view, date) is cached under a version
key, and any save or delete of a talk, fair, 就业活动, venue or category bumps the version (signals.py), so a
published event shows at once. A fair whose 对外发布时间 is still ahead would appear without a save; the cache
entry therefore expires no later than that moment (and at most after MAX_AGE).

    entries_between(start, end) -> [Entry]   three queries (plus one per extra source), earliest first
    version() / bump()                       the cache generation
    register_source(entries, kind=…, label=…, badge=…, next_change=…)
                                             an extra source from another app (the website's 事件提醒):
                                             `entries(start, end, now) -> [Entry]` and, for entries that appear
                                             or vanish with time alone, `next_change(start, end, now)` -> the
                                             next such moment or None (the cache entry expires by then). The
                                             owner bumps the version on its own saves (a signal in its registry).
"""

import datetime
from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone

from careers.core import cache_versions

from ..models import CareerEvent, Fair, FairStatus, Talk

VERSION_KEY = "events:calendar:version"
MAX_AGE = 600  # seconds; changes invalidate at once, this only bounds the 对外发布时间 case
KIND_LABELS = {"talk": "宣讲会", "fair": "招聘会", "career_event": "就业活动"}
KIND_BADGES = {"talk": "primary", "fair": "warning", "career_event": "success"}
SOURCES = []  # [(entries, next_change)] registered by other apps; events imports none of them


def register_source(entries, *, kind, label, badge, next_change=None):
    """Add entries of `kind` (shown as `label` in a `text-bg-<badge>` badge) to every calendar view."""
    if any(existing is entries for existing, _ in SOURCES):
        return
    KIND_LABELS[kind] = label
    KIND_BADGES[kind] = badge
    SOURCES.append((entries, next_change))


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    pk: int
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    url: str
    time_text: str = ""  # shown instead of "HH:MM–HH:MM" (e.g. a 事件提醒 without an end: its time only)

    @property
    def label(self):
        return KIND_LABELS[self.kind]


def version():
    return cache_versions.current(VERSION_KEY)


def bump():
    cache_versions.bump(VERSION_KEY)


def entries_between(start, end, now=None):
    """Published events overlapping [start, end): approved talks, fairs on the site, published 就业活动."""
    now = now or timezone.now()
    overlap = {"starts_at__lt": end, "ends_at__gt": start}
    rows = []
    talk_url = reverse("site_events:talk_detail", args=[0])[:-2]  # "/talks/" + pk + "/": no reverse per row
    for pk, title, starts, ends, venue in (Talk.objects.published().filter(**overlap).order_by()
                                           .values_list("pk", "title", "starts_at", "ends_at", "venue__name")):
        rows.append(Entry("talk", pk, title, starts, ends, venue or "", f"{talk_url}{pk}/"))
    fair_url = reverse("site_events:fair_detail", args=[0])[:-2]
    for pk, title, starts, ends, venue, place in (Fair.objects.public().filter(**overlap).order_by()
                                                  .values_list("pk", "title", "starts_at", "ends_at", "venue__name",
                                                               "place")):
        rows.append(Entry("fair", pk, title, starts, ends, venue or place or "", f"{fair_url}{pk}/"))
    event_url = reverse("site_events:career_event_detail", args=[0])[:-2]
    for pk, title, starts, ends, venue in (CareerEvent.objects.published().filter(**overlap).order_by()
                                           .values_list("pk", "title", "starts_at", "ends_at", "venue__name")):
        rows.append(Entry("career_event", pk, title, starts, ends, venue or "地点待定", f"{event_url}{pk}/"))
    for source, _ in SOURCES:
        rows.extend(source(start, end, now))
    rows.sort(key=lambda e: (e.starts_at, e.kind, e.pk))
    return rows


def seconds_fresh(start, end, now=None):
    """How long a cached page of [start, end) stays right without a save: until the next fair in it goes public
    or an extra source's next change (a 事件提醒's window opening or closing)."""
    now = now or timezone.now()
    upcoming = (Fair.objects.filter(status=FairStatus.PUBLISHED, publish_at__gt=now, starts_at__lt=end,
                                    ends_at__gt=start).order_by("publish_at").values_list("publish_at", flat=True)
                .first())
    moments = [upcoming] + [next_change(start, end, now) for _, next_change in SOURCES if next_change]
    moments = [moment for moment in moments if moment is not None and moment > now]
    if not moments:
        return MAX_AGE
    return max(1, min(MAX_AGE, int((min(moments) - now).total_seconds()) + 1))
