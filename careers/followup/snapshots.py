"""跟踪统计快照: the 动态统计表's per-major counts of a cohort, taken nightly (tasks.py) and read by the page
while current (taken today or yesterday, at most FOLLOWUP_SNAPSHOT_MAX_AGE_HOURS old, default 36), which then
says 数据截至 …（每日快照） and offers 实时重算 (?live=1). Scope is applied when reading: rows are per major."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from careers.core.bulk import fast_insert
from careers.core.middleware import default_operating_year
from careers.core.scoping import SYSTEM, scope_filter
from careers.core.transitions import locked

from .models import LedgerAggregate, LedgerSnapshot


@transaction.atomic
def take_snapshot(year, day=None):
    """Count `year`'s table for `day` (default today), replacing that day's rows. Returns the LedgerSnapshot."""
    from .queries import cohort
    from .statistics import live_per_major

    day = day or timezone.localdate()
    snapshot, _ = LedgerSnapshot.objects.get_or_create(graduation_year=year, taken_on=day,
                                                       defaults={"taken_at": timezone.now()})
    snapshot = locked(snapshot)
    snapshot.rows.all().delete()
    per_major = live_per_major(cohort(SYSTEM, year))
    fast_insert(LedgerAggregate, [LedgerAggregate(snapshot=snapshot, major_id=major, counts={k: n for k, n in c.items() if n})
                                  for major, c in per_major.items()])
    snapshot.taken_at = timezone.now()
    snapshot.save(update_fields=["taken_at"])
    return snapshot


def take_daily_snapshots(today=None):
    """The beat task's work: today's snapshot of the operating year and of the cohort graduating this year."""
    today = today or timezone.localdate()
    return [take_snapshot(year, today) for year in sorted({default_operating_year(today), today.year})]


def current_snapshot(year, today=None):
    today = today or timezone.localdate()
    hours = getattr(settings, "FOLLOWUP_SNAPSHOT_MAX_AGE_HOURS", 36)
    if not hours:
        return None
    return (LedgerSnapshot.objects.filter(graduation_year=year, taken_on__gte=today - timedelta(days=1),
                                          taken_on__lte=today, taken_at__gte=timezone.now() - timedelta(hours=hours))
            .order_by("-taken_on", "-taken_at").first())


def snapshot_per_major(snapshot, user, college=None, education_level=None, major=None):
    """{major id: counts} of the snapshot's rows within the user's scope and the page's conditions. The stored
    dicts as they are: the table reads the COUNT_KEYS it knows (0 when absent, e.g. a key added since)."""
    from .statistics import narrowed

    rows = narrowed(scope_filter(LedgerAggregate.objects.filter(snapshot=snapshot), user), college, education_level, major)
    return dict(rows.order_by().values_list("major_id", "counts"))
