"""Demo seed: backdated monthly snapshots, with or without employment data; idempotent."""

import datetime
import random

import pytest
from django.utils import timezone

from careers.reports import demo
from careers.reports.models import OutcomeSnapshot, Snapshot
from careers.reports.rates import compute, resolve_as_of

from .conftest import YEAR

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 28)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY


def test_snapshot_days():
    days = demo.snapshot_days(2026, TODAY)
    assert days[0] == datetime.date(2026, 3, 1) and days[-1] == datetime.date(2026, 11, 1)
    assert datetime.date(2026, 8, 31) in days and len(days) == 10
    assert demo.snapshot_days(2027, datetime.date(2027, 1, 15))[0] == datetime.date(2026, 3, 1)
    assert demo.snapshot_days(2027, TODAY)[-1] == datetime.date(2026, 11, 1)  # no 2027-08-31 yet


def test_seed_builds_a_rising_history_and_is_idempotent(school_admin, outcomes, today):
    record = outcomes["students"][1].employment
    record.placed_on = datetime.date(2026, 7, 10)
    record.save()
    demo.seed(random.Random(1), [YEAR, YEAR + 1])
    assert Snapshot.objects.filter(graduation_year=YEAR).count() == 10
    assert Snapshot.objects.filter(graduation_year=YEAR + 1).count() == 9
    placed = [compute(school_admin, YEAR, "college", resolve_as_of(YEAR, day, today=TODAY)).total.placed
              for day in demo.snapshot_days(YEAR, TODAY)]
    # The demo spreads students without a 落实日期 over the months by their id (demo.counted_from), so how
    # many already count on 1 November depends on the ids the database handed out: compare with the live
    # figure rather than a fixed number.
    live = compute(school_admin, YEAR, "college", resolve_as_of(YEAR, TODAY, today=TODAY)).total.placed
    assert placed == sorted(placed) and placed[-1] <= live
    # student 1 (a1, 男, 北京, 签就业协议) counts from its 落实日期, 10 July
    student_1 = OutcomeSnapshot.objects.filter(graduation_year=YEAR, major=outcomes["majors"]["a1"], gender="1",
                                               origin_province="110000", approved=True)
    assert not student_1.filter(taken_on=datetime.date(2026, 7, 1)).exists()
    assert student_1.get(taken_on=datetime.date(2026, 8, 1)).destination.code == "10"
    before = list(Snapshot.objects.values_list("pk", "taken_at"))
    demo.seed(random.Random(1), [YEAR, YEAR + 1])
    assert list(Snapshot.objects.values_list("pk", "taken_at")) == before


def test_seed_works_without_employment_data(school_admin, org, today):
    demo.seed(random.Random(1), [2027])
    snapshot = Snapshot.objects.filter(graduation_year=2027).latest("taken_on")
    assert snapshot.graduates == 4 and snapshot.source == Snapshot.Source.DEMO
    table = compute(school_admin, 2027, "college", resolve_as_of(2027, snapshot.taken_on, today=TODAY))
    assert table.total.placed == 0 and table.total.graduates == 4
