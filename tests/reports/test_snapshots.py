"""Snapshots: equal to the live rates when taken, idempotent per day, and the as-of date picks the right one."""

import datetime

import pytest

from careers.core.models import OperationLog
from careers.reports import tasks
from careers.reports.models import OutcomeSnapshot, Snapshot
from careers.reports.rates import DIMENSIONS, compute, resolve_as_of
from careers.reports.snapshots import take_daily_snapshots, take_snapshot, tracked_years

from .conftest import YEAR, approve_report
from .test_rates import TOTAL, as_dict, as_tuple

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 9, 1)


def from_snapshot(user, dimension, day, today=datetime.date(2026, 12, 31)):
    return compute(user, YEAR, dimension, resolve_as_of(YEAR, day, today=today))


@pytest.mark.parametrize("dimension", list(DIMENSIONS))
def test_snapshot_rates_equal_the_live_rates_when_taken(school_admin, college_admin, outcomes, dimension):
    live = {user: compute(user, YEAR, dimension) for user in (school_admin, college_admin)}
    take_snapshot(YEAR, DAY)
    for user, table in live.items():
        snapped = from_snapshot(user, dimension, DAY)
        assert snapped.as_of.snapshot.taken_on == DAY
        assert as_dict(snapped) == as_dict(table)
        assert [r.label for r in snapped.rows] == [r.label for r in table.rows]
        assert as_tuple(snapped.total) == as_tuple(table.total)


def test_a_snapshot_keeps_its_figures_after_records_change(school_admin, outcomes):
    take_snapshot(YEAR, DAY)
    approve_report(outcomes["students"][4].employment)
    assert as_tuple(compute(school_admin, YEAR, "college").total) != TOTAL
    assert as_tuple(from_snapshot(school_admin, "college", DAY).total) == TOTAL


def test_snapshot_is_aggregated_and_counts_only_active_students(outcomes):
    snapshot = take_snapshot(YEAR, DAY)
    rows = OutcomeSnapshot.objects.filter(graduation_year=YEAR, taken_on=DAY)
    assert snapshot.graduates == 12 == sum(r.count for r in rows)
    assert snapshot.rows == rows.count()
    pending = rows.get(major=outcomes["majors"]["b2"])
    # 13's reviewed destination 12 counts while the newer report waits (careers/employment/outcomes/placed.py)
    assert (pending.approved, pending.destination.code, pending.placed, pending.origin_province) == (
        True, "12", True, "440000")


def test_retaking_a_day_replaces_its_rows(school_admin, outcomes):
    take_snapshot(YEAR, DAY)
    first = OutcomeSnapshot.objects.filter(taken_on=DAY).count()
    outcomes["students"][10].is_active = False
    outcomes["students"][10].save()
    snapshot = take_snapshot(YEAR, DAY, user=school_admin, source=Snapshot.Source.MANUAL)
    assert Snapshot.objects.filter(graduation_year=YEAR, taken_on=DAY).count() == 1
    assert OutcomeSnapshot.objects.filter(taken_on=DAY).count() == first - 1
    assert snapshot.graduates == 11 and snapshot.taken_by == school_admin
    log = OperationLog.objects.get(module="reports")
    assert "2026届" in log.message and "替换" in log.message


def test_as_of_picks_the_latest_snapshot_on_or_before_the_date(outcomes):
    march = take_snapshot(YEAR, datetime.date(2026, 3, 1))
    june = take_snapshot(YEAR, datetime.date(2026, 6, 1))
    take_snapshot(YEAR + 1, datetime.date(2026, 5, 1))  # another cohort's snapshot is never used
    today = datetime.date(2026, 11, 28)
    assert resolve_as_of(YEAR, datetime.date(2026, 5, 31), today=today).snapshot == march
    assert resolve_as_of(YEAR, datetime.date(2026, 6, 1), today=today).snapshot == june
    assert resolve_as_of(YEAR, datetime.date(2026, 11, 27), today=today).snapshot == june
    missing = resolve_as_of(YEAR, datetime.date(2026, 2, 28), today=today)
    assert missing.missing and "没有快照" in missing.description
    assert resolve_as_of(YEAR, today, today=today).live
    assert resolve_as_of(YEAR, today + datetime.timedelta(days=3), today=today).live


def test_no_snapshot_gives_an_empty_table(school_admin, outcomes):
    table = from_snapshot(school_admin, "college", datetime.date(2026, 1, 1))
    assert table.as_of.missing and table.rows == [] and table.total.graduates == 0


def test_daily_task_snapshots_the_tracked_cohorts(outcomes):
    assert tracked_years(datetime.date(2026, 11, 28)) == [2026, 2027]
    assert tracked_years(datetime.date(2026, 3, 1)) == [2026]
    taken = take_daily_snapshots(datetime.date(2026, 11, 28))
    assert {(s.graduation_year, s.graduates) for s in taken} == {(2026, 12), (2027, 4)}
    result = tasks.take_daily_snapshots.delay().get()  # eager in tests; takes today's
    assert len(result) >= 1
    assert Snapshot.objects.filter(source=Snapshot.Source.SCHEDULE).exists()


def test_beat_schedule_has_the_daily_snapshot():
    from config.celery import app

    entry = app.conf.beat_schedule["take-outcome-snapshots"]
    assert entry["task"] == tasks.take_daily_snapshots.name
