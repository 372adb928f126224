"""Today's 就业率统计 from the current snapshot (pre-summed RateAggregate rows): what the page shows, how
fresh it says the figures are, 实时重算, and that the pre-summed rows equal the live figures in every scope."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from careers.reports.models import RateAggregate, Snapshot
from careers.reports.rates import DIMENSIONS, compute, current_snapshot, resolve_as_of
from careers.reports.snapshots import take_snapshot

from .conftest import YEAR, approve_report
from .test_rates import TOTAL, as_dict, as_tuple
from .test_views import page, table_rows

pytestmark = pytest.mark.django_db


def test_the_page_reads_todays_snapshot_and_says_how_fresh(client, school_admin, outcomes):
    take_snapshot(YEAR)  # the nightly task
    approve_report(outcomes["students"][4].employment)  # a change after the snapshot: only live shows it
    client.force_login(school_admin)
    response = page(client)
    body = response.content.decode()
    taken = timezone.localtime(Snapshot.objects.get().taken_at)
    assert f"数据截至 {taken:%Y-%m-%d %H:%M}（每日快照）" in body and "data-freshness" in body
    assert response.context["table"].as_of.current and not response.context["table"].as_of.live
    assert table_rows(body)["甲学院"] == ["7", "4", "57.1%", "5", "71.4%", "80.0%"]  # as it was
    assert "data-live-recompute" in body and "live=1" in body
    live = page(client, live=1)
    body = live.content.decode()
    assert live.context["table"].as_of.live and "实时数据" in body and "查看快照数据" in body
    assert table_rows(body)["甲学院"] == ["7", "5", "71.4%", "6", "85.7%", "83.3%"]  # 实时重算 sees it
    assert "data-live-recompute" not in body


def test_a_manual_snapshot_says_so(client, school_admin, outcomes):
    client.force_login(school_admin)
    response = client.post(reverse("reports:snapshot_take"), {"year": YEAR}, follow=True)
    assert "手动生成的快照" in response.content.decode()


def test_the_page_is_live_without_a_fresh_snapshot(client, school_admin, outcomes):
    client.force_login(school_admin)
    today = timezone.localdate()
    old = take_snapshot(YEAR, today - datetime.timedelta(days=2))  # not today's or yesterday's
    assert current_snapshot(YEAR) is None and "实时数据" in page(client).content.decode()
    Snapshot.objects.filter(pk=old.pk).update(source=Snapshot.Source.DEMO, taken_on=today)  # demo rebuilds
    assert current_snapshot(YEAR) is None
    stale = take_snapshot(YEAR, today - datetime.timedelta(days=1))
    Snapshot.objects.filter(pk=stale.pk).update(taken_at=timezone.now() - datetime.timedelta(hours=40))
    assert current_snapshot(YEAR) is None and page(client).context["table"].as_of.live
    Snapshot.objects.filter(pk=stale.pk).update(taken_at=timezone.now() - datetime.timedelta(hours=20))
    assert current_snapshot(YEAR).pk == stale.pk  # last night's
    Snapshot.objects.filter(pk=stale.pk).update(aggregated=False)  # taken before the pre-summed rows
    assert current_snapshot(YEAR) is None
    with override_settings(RATES_SNAPSHOT_MAX_AGE_HOURS=0):  # switched off: always live
        take_snapshot(YEAR)
        assert current_snapshot(YEAR) is None


def test_college_admin_gets_the_snapshot_within_scope(client, college_admin, outcomes):
    take_snapshot(YEAR)
    client.force_login(college_admin)
    body = page(client).content.decode()
    assert "每日快照" in body and "仅含您管辖的专业" in body
    assert table_rows(body) == {"甲学院": ["6", "3", "50.0%", "4", "66.7%", "75.0%"]}
    assert "乙" not in "".join(table_rows(page(client, dimension="major").content.decode()))
    assert "生成今日快照" not in body


@pytest.mark.parametrize("dimension", list(DIMENSIONS))
def test_pre_summed_rows_equal_live_in_every_scope(school_admin, college_admin, outcomes, dimension):
    live = {user: compute(user, YEAR, dimension) for user in (school_admin, college_admin)}
    snapshot = take_snapshot(YEAR)
    assert snapshot.aggregated and RateAggregate.objects.filter(snapshot=snapshot).exists()
    for user, table in live.items():
        current = compute(user, YEAR, dimension, resolve_as_of(YEAR, prefer_snapshot=True))
        assert current.as_of.current and current.as_of.snapshot == snapshot
        assert as_dict(current) == as_dict(table)
        assert [r.label for r in current.rows] == [r.label for r in table.rows]
        assert as_tuple(current.total) == as_tuple(table.total)
    # the college admin's figures are summed over their managed majors only
    managed = set(college_admin.managed_majors.values_list("pk", flat=True))
    rows = RateAggregate.objects.filter(snapshot=snapshot, grain="major")
    assert sum(r.graduates for r in rows if r.major_id in managed) == live[college_admin].total.graduates == 6
    assert sum(r.graduates for r in rows) == TOTAL[0]


@pytest.mark.parametrize("dimension", ["college", "origin"])
def test_snapshots_without_pre_summed_rows_still_read(school_admin, outcomes, dimension):
    day = datetime.date(2026, 9, 1)
    snapshot = take_snapshot(YEAR, day)
    expected = as_dict(compute(school_admin, YEAR, dimension, resolve_as_of(YEAR, day)))
    RateAggregate.objects.filter(snapshot=snapshot).delete()
    Snapshot.objects.filter(pk=snapshot.pk).update(aggregated=False)
    assert as_dict(compute(school_admin, YEAR, dimension, resolve_as_of(YEAR, day))) == expected


def test_retaking_replaces_the_pre_summed_rows(outcomes):
    snapshot = take_snapshot(YEAR)
    first = RateAggregate.objects.filter(snapshot=snapshot).count()
    take_snapshot(YEAR)
    assert RateAggregate.objects.filter(snapshot=snapshot).count() == first


def test_export_follows_the_page(client, school_admin, outcomes):
    take_snapshot(YEAR)
    approve_report(outcomes["students"][4].employment)
    client.force_login(school_admin)

    def total(**params):
        response = client.get(reverse("reports:rates_export"), {"year": YEAR, "format": "csv", **params})
        return b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[-1].split(",")[:3]

    assert total() == ["合计", "12", "7"] and total(live=1) == ["合计", "12", "8"]


@pytest.mark.parametrize("dimension", ["major", "origin"])
def test_snapshot_page_queries_do_not_grow_with_majors(client, school_admin, outcomes, dimension):
    from tests.factories import MajorFactory, StudentFactory

    take_snapshot(YEAR)
    client.force_login(school_admin)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert page(client, dimension=dimension).status_code == 200
        return len(ctx)

    queries()
    before = queries()
    for i in range(15):
        StudentFactory(major=MajorFactory(college=outcomes["college_a"], name=f"新专业{i}"), graduation_year=YEAR)
    take_snapshot(YEAR)
    assert "每日快照" in page(client, dimension=dimension).content.decode()
    assert queries() == before


def test_rate_items_of_statistics_read_the_current_snapshot_and_say_so(client, school_admin, outcomes):
    client.force_login(school_admin)
    session = client.session
    session["operating_year"] = YEAR
    session.save()
    url = reverse("students:statistics_run", args=["rates_by_college"])
    assert "实时（" in client.get(url).content.decode()
    take_snapshot(YEAR)
    approve_report(outcomes["students"][4].employment)
    body = client.get(url, {"refresh": "1"}).content.decode()
    assert "每日快照" in body and "data-freshness" in body
    assert "<td>甲学院</td><td>7</td><td>4</td>" in body  # the snapshot's figure, not the newer approval


def test_thousands_of_rows_skip_the_chart_but_keep_the_table(client, school_admin, outcomes, monkeypatch):
    from careers.reports import rates

    client.force_login(school_admin)
    assert 'id="rates-chart"' in page(client).content.decode()
    monkeypatch.setattr(rates, "CHART_MAX_ROWS", 1)
    body = page(client).content.decode()
    assert 'id="rates-chart"' not in body and "data-no-chart" in body and "echarts.min.js" not in body
    assert len(table_rows(body)) == 2 and 'id="copy-rates"' in body


def test_cached_snapshot_tables_follow_the_exact_scope(client, college_admin, outcomes):
    take_snapshot(YEAR)
    client.force_login(college_admin)
    assert set(table_rows(page(client).content.decode())) == {"甲学院"}
    assert set(table_rows(page(client).content.decode())) == {"甲学院"}  # from the cache
    college_admin.managed_majors.add(outcomes["majors"]["b1"])  # scope grows: a new key, never the old table
    assert set(table_rows(page(client).content.decode())) == {"甲学院", "乙学院"}
    college_admin.managed_majors.set([outcomes["majors"]["a1"]])
    assert table_rows(page(client).content.decode())["甲学院"][0] == "4"
