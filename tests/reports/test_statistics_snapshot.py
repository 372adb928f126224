"""The 数据统计 就业 items read today's snapshot (BreakdownAggregate) while it is current, with exactly the
live figures, within the viewer's scope; they say how fresh they are and offer 实时重算 (issue 13)."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from careers.reports.models import BreakdownAggregate
from careers.reports.snapshots import take_snapshot
from careers.students import statistics as stats

from .conftest import YEAR
from .test_statistics import admin_client, rows, run  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db

SNAPSHOT_ITEMS = ["by_destination_category", "by_destination", "regional_flow", "by_employer_nature",
                  "by_employer_industry"]


def figures(result):
    return sorted(result.rows), result.total, sorted(result.columns)


@pytest.mark.parametrize("key", SNAPSHOT_ITEMS)
def test_snapshot_figures_equal_the_live_ones_for_both_roles(school_admin, college_admin, outcomes, key):
    item = stats.REGISTRY[key]
    live = {who: figures(item.run(user, YEAR)) for who, user in (("school", school_admin), ("college", college_admin))}
    take_snapshot(YEAR)
    for who, user in (("school", school_admin), ("college", college_admin)):
        result = item.run(user, YEAR)
        assert result.live_url and "每日快照" in result.freshness
        assert figures(result) == live[who], (key, who)
        assert figures(item.run(user, YEAR, live=True)) == live[who]
    assert live["school"] != live["college"] or key == "regional_flow"  # the fixture spans both colleges


def test_college_admin_reads_only_managed_majors_rows(college_admin, outcomes):
    snapshot = take_snapshot(YEAR)
    managed = set(college_admin.managed_majors.values_list("pk", flat=True))
    assert BreakdownAggregate.objects.filter(snapshot=snapshot, major__isnull=False).exclude(major__in=managed).exists()
    from careers.reports.breakdowns import counts

    own = sum(n for _, _, n in counts(college_admin, snapshot, BreakdownAggregate.Grain.DESTINATION))
    assert own == sum(BreakdownAggregate.objects.filter(snapshot=snapshot, grain="destination", major__in=managed)
                      .values_list("count", flat=True))
    assert counts(None, snapshot, BreakdownAggregate.Grain.DESTINATION) == []


def test_page_says_how_fresh_and_offers_live(admin_client, outcomes):  # noqa: F811
    take_snapshot(YEAR)
    body = run(admin_client, "by_destination")
    assert "数据截至" in body and "（每日快照）" in body and "data-live-recompute" in body and "?live=1" in body
    live = run(admin_client, "by_destination", live="1")
    assert "实时（" in live and "data-live-recompute" not in live
    assert rows(live) == rows(body)


def test_a_split_an_old_snapshot_or_one_without_breakdowns_is_live(school_admin, outcomes):
    item = stats.REGISTRY["by_destination"]
    snapshot = take_snapshot(YEAR)
    assert not item.run(school_admin, YEAR, split="college").live_url  # splits are not pre-counted
    type(snapshot).objects.filter(pk=snapshot.pk).update(breakdowns=False)
    assert not item.run(school_admin, YEAR).live_url
    type(snapshot).objects.filter(pk=snapshot.pk).update(
        breakdowns=True, taken_on=timezone.localdate() - datetime.timedelta(days=3),
        taken_at=timezone.now() - datetime.timedelta(days=3))
    assert not item.run(school_admin, YEAR).live_url
    with override_settings(RATES_SNAPSHOT_MAX_AGE_HOURS=0):
        assert not stats.REGISTRY["regional_flow"].run(school_admin, YEAR).live_url
