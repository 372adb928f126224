"""生成统计表 from the nightly 跟踪统计快照: the same figures as live, scoped, saying how fresh they are, with
实时重算; stale snapshots are not read (issue 13)."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from careers.followup.models import LedgerSnapshot
from careers.followup.snapshots import current_snapshot, take_daily_snapshots, take_snapshot
from careers.followup.statistics import ledger_statistics

from .conftest import YEAR, entry

pytestmark = pytest.mark.django_db


def table(stats):
    return [(r.kind, r.college, r.major, r.counts) for r in stats.rows], stats.total.counts


def test_snapshot_figures_equal_live_for_both_roles_and_conditions(school_admin, college_admin, cohort, org):
    snapshot = take_snapshot(YEAR)
    for user in (school_admin, college_admin):
        assert table(ledger_statistics(user, YEAR, snapshot=snapshot)) == table(ledger_statistics(user, YEAR))
    for conditions in ({"college": org["college_b"]}, {"major": org["majors"]["a2"]},
                       {"education_level": org["majors"]["a1"].education_level}):
        assert (table(ledger_statistics(school_admin, YEAR, snapshot=snapshot, **conditions))
                == table(ledger_statistics(school_admin, YEAR, **conditions)))
    college = ledger_statistics(college_admin, YEAR, snapshot=snapshot, college=org["college_b"])
    assert college.rows == []  # out of scope stays out


def test_page_reads_the_current_snapshot_and_offers_live(client, school_admin, cohort):
    client.force_login(school_admin)
    url = reverse("followup:statistics")
    take_snapshot(YEAR)
    entry(cohort[8], "2026-10-20", "signed")  # after the snapshot: only the live figures have it
    body = client.get(url, {"graduation_year": YEAR}).content.decode()
    assert "（每日快照）" in body and "data-live-recompute" in body and "live=1" in body
    snap = client.get(url, {"graduation_year": YEAR}).context["stats"].total.counts["contacted"]
    response = client.get(url, {"graduation_year": YEAR, "live": "1"})
    assert "实时（" in response.content.decode()
    assert response.context["stats"].total.counts["contacted"] == snap + 1


def test_stale_or_switched_off_snapshots_are_not_read(cohort):
    snapshot = take_snapshot(YEAR)
    assert current_snapshot(YEAR) == snapshot
    with override_settings(FOLLOWUP_SNAPSHOT_MAX_AGE_HOURS=0):
        assert current_snapshot(YEAR) is None
    LedgerSnapshot.objects.filter(pk=snapshot.pk).update(
        taken_on=timezone.localdate() - datetime.timedelta(days=3), taken_at=timezone.now() - datetime.timedelta(days=3))
    assert current_snapshot(YEAR) is None


def test_daily_task_retakes_the_day(cohort):
    first = take_daily_snapshots()
    again = take_daily_snapshots()
    assert [s.pk for s in first] == [s.pk for s in again]
    assert LedgerSnapshot.objects.count() == len(first)
