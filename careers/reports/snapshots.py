"""就业快照: freeze a graduation year's outcomes for a day, so rates "as of" that day can be reproduced.

A snapshot is school-wide (scope is applied when it is read) and aggregated: one OutcomeSnapshot row
per (major, education level, sex, province of origin, destination, approved?) with its count. Taking
a day again replaces that day's rows in one transaction; the Snapshot row is locked meanwhile.
"""

from django.db import connection, transaction
from django.db.models import BooleanField, Case, Count, Q, Value, When
from django.db.models.functions import Substr
from django.utils import timezone

from careers.core.bulk import fast_insert
from careers.core.history import log_event
from careers.core.middleware import default_operating_year
from careers.core.transitions import locked
from careers.students.models import Student

from .breakdowns import breakdown_rows
from .models import BreakdownAggregate, OutcomeSnapshot, RateAggregate, Snapshot
from .rates import approved_q, placed_destinations, province_code


def tracked_years(today=None):
    """Cohorts whose outcomes still change: the operating year and the one graduating this calendar year."""
    today = today or timezone.localdate()
    return sorted({default_operating_year(today), today.year})


def outcome_groups(year, treat_as_unreported=()):
    """The year's active students grouped as a snapshot stores them (one GROUP BY query).

    `treat_as_unreported`: student ids whose records count as not yet approved (the demo uses it to
    rebuild how earlier days looked)."""
    approved = approved_q()
    if treat_as_unreported:
        approved &= ~Q(pk__in=list(treat_as_unreported))
    return (Student.objects.filter(graduation_year=year, is_active=True)
            .annotate(origin_province=Substr("origin_region__code", 1, 2),
                      is_approved=Case(When(approved, then=Value(True)), default=Value(False),
                                       output_field=BooleanField()))
            .order_by()
            .values("major", "major__education_level", "gender", "origin_province", "employment__destination",
                    "is_approved")
            .annotate(count=Count("pk")))


@transaction.atomic
def take_snapshot(year, day=None, *, user=None, source=Snapshot.Source.SCHEDULE, treat_as_unreported=()):
    """Snapshot `year` for `day` (default today), replacing that day's rows. Returns the Snapshot."""
    day = day or timezone.localdate()
    now = timezone.now()
    snapshot, _ = Snapshot.objects.get_or_create(graduation_year=year, taken_on=day,
                                                 defaults={"taken_at": now, "source": source})
    snapshot = locked(snapshot)
    before = (snapshot.graduates, snapshot.rows) if snapshot.rows else ("", "")
    replaced = OutcomeSnapshot.objects.filter(graduation_year=year, taken_on=day).delete()[0]
    placed = set(placed_destinations().values_list("pk", flat=True))
    rows = [OutcomeSnapshot(taken_on=day, graduation_year=year, major_id=g["major"],
                            education_level_id=g["major__education_level"], gender=g["gender"],
                            origin_province=province_code(g["origin_province"]),
                            destination_id=g["employment__destination"], approved=g["is_approved"],
                            placed=g["employment__destination"] in placed, count=g["count"])
            for g in outcome_groups(year, treat_as_unreported)]
    fast_insert(OutcomeSnapshot, rows)  # COPY on PostgreSQL: one cohort of 192,000 gives ~70,000 rows
    snapshot.aggregates.all().delete()
    fast_insert(RateAggregate, rate_aggregates(snapshot, rows))
    snapshot.breakdown_rows.all().delete()
    fast_insert(BreakdownAggregate, breakdown_rows(snapshot, rows))
    analyze(OutcomeSnapshot, RateAggregate, BreakdownAggregate)
    snapshot.aggregated = snapshot.breakdowns = True
    snapshot.taken_at, snapshot.taken_by, snapshot.source = now, user, source
    snapshot.graduates = sum(r.count for r in rows)
    snapshot.rows = len(rows)
    snapshot.save()
    if user is not None:
        log_event("other", module="reports", obj=snapshot, user=user,
                  message=f"生成{year}届就业快照（{day:%Y-%m-%d}）：{snapshot.graduates} 名毕业生"
                          + ("，已替换当天原有快照" if replaced else ""),
                  # {field: [old, new]} like every operation-log entry
                  changes={"毕业年份": ["", str(year)], "快照日期": ["", day.isoformat()],
                           "毕业生人数": [str(before[0]), str(snapshot.graduates)],
                           "汇总行数": [str(before[1]), str(len(rows))]})
    return snapshot


def analyze(*models):
    """Fresh planner statistics after a bulk write (PostgreSQL): with none, a new table's rows were
    estimated at 1 and the page's labels were joined row by row."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def rate_aggregates(snapshot, rows):
    """The snapshot's OutcomeSnapshot rows summed per major, per major and sex, per major and province
    (RateAggregate): the same counts as rates.snapshot_aggregates, computed once when the snapshot is taken."""
    sums = {}
    for row in rows:
        known = row.approved and row.destination_id is not None
        placed = row.approved and row.placed
        for grain, key in ((RateAggregate.Grain.MAJOR, ""), (RateAggregate.Grain.GENDER, row.gender),
                           (RateAggregate.Grain.ORIGIN, row.origin_province)):
            entry = sums.get((grain, row.major_id, key))
            if entry is None:
                entry = sums[(grain, row.major_id, key)] = [row.education_level_id, 0, 0, 0]
            entry[1] += row.count
            entry[2] += row.count if known else 0
            entry[3] += row.count if placed else 0
    return [RateAggregate(snapshot=snapshot, grain=grain, major_id=major_id, key=key, education_level_id=level,
                          graduates=graduates, known=known, placed=placed)
            for (grain, major_id, key), (level, graduates, known, placed) in sums.items()]


def take_daily_snapshots(today=None):
    """The beat task's work: today's snapshot of every tracked cohort."""
    today = today or timezone.localdate()
    return [take_snapshot(year, today) for year in tracked_years(today)]
