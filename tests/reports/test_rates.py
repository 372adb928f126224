"""Rates match the hand-computed fixture (tests/reports/conftest.py) exactly, per dimension."""

from fractions import Fraction

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.reports.rates import DIMENSIONS, RateRow, compute, percent

from .conftest import YEAR

pytestmark = pytest.mark.django_db

# label -> (graduates, placed, known, placement %, knowledge %, career-outcomes %)
EXPECTED = {
    "college": {
        "甲学院": (7, 4, 5, "57.1%", "71.4%", "80.0%"),
        "乙学院": (5, 3, 4, "60.0%", "80.0%", "75.0%"),
    },
    "major": {
        "甲学院 · 本科生 · 甲专业一": (4, 2, 3, "50.0%", "75.0%", "66.7%"),
        "甲学院 · 本科生 · 甲专业二": (2, 1, 1, "50.0%", "50.0%", "100.0%"),
        "甲学院 · 硕士研究生 · 甲硕士专业": (1, 1, 1, "100.0%", "100.0%", "100.0%"),
        "乙学院 · 本科生 · 乙专业一": (4, 2, 3, "50.0%", "75.0%", "66.7%"),
        "乙学院 · 本科生 · 乙专业二": (1, 1, 1, "100.0%", "100.0%", "100.0%"),
    },
    "education_level": {
        "硕士研究生": (1, 1, 1, "100.0%", "100.0%", "100.0%"),
        "本科生": (11, 6, 8, "54.5%", "72.7%", "75.0%"),
    },
    "gender": {
        "男": (7, 4, 5, "57.1%", "71.4%", "80.0%"),
        "女": (5, 3, 4, "60.0%", "80.0%", "75.0%"),
    },
    "origin": {
        "北京市": (4, 3, 4, "75.0%", "100.0%", "75.0%"),
        "江苏省": (3, 1, 2, "33.3%", "66.7%", "50.0%"),
        "广东省": (4, 3, 3, "75.0%", "75.0%", "100.0%"),
        "（未填写）": (1, 0, 0, "0.0%", "0.0%", "—"),
    },
}
TOTAL = (12, 7, 9, "58.3%", "75.0%", "77.8%")


def as_tuple(row):
    return (row.graduates, row.placed, row.known, row.placement_percent, row.knowledge_percent, row.outcomes_percent)


def as_dict(table):
    return {row.label: as_tuple(row) for row in table.rows}


@pytest.mark.parametrize("dimension", list(DIMENSIONS))
def test_rates_match_the_hand_computed_fixture(school_admin, outcomes, dimension):
    table = compute(school_admin, YEAR, dimension)
    assert as_dict(table) == EXPECTED[dimension]
    assert as_tuple(table.total) == TOTAL


def test_rows_come_in_a_stable_order(school_admin, outcomes):
    for sort, college in enumerate((outcomes["college_a"], outcomes["college_b"])):
        college.sort = sort
        college.save()
    assert [r.label for r in compute(school_admin, YEAR, "college").rows] == ["甲学院", "乙学院"]
    assert [r.label for r in compute(school_admin, YEAR, "origin").rows] == ["北京市", "江苏省", "广东省", "（未填写）"]
    assert [r.label for r in compute(school_admin, YEAR, "gender").rows] == ["男", "女"]


def test_exact_fractions(school_admin, outcomes):
    total = compute(school_admin, YEAR, "college").total
    assert total.placement_rate == Fraction(7, 12)
    assert total.knowledge_rate == Fraction(3, 4)
    assert total.outcomes_rate == Fraction(7, 9)


def test_percent_rounds_half_up_from_the_exact_fraction():
    assert percent(Fraction(1, 8)) == "12.5%"
    assert percent(Fraction(1, 16)) == "6.3%"  # 6.25 -> 6.3 (a float would give 6.2)
    assert percent(Fraction(2, 3)) == "66.7%"
    assert percent(Fraction(1, 1)) == "100.0%"
    assert percent(None) == "—"
    assert RateRow("x").placement_rate is None


def test_college_admin_sees_only_managed_majors(college_admin, outcomes):
    table = compute(college_admin, YEAR, "college")
    assert as_dict(table) == {"甲学院": (6, 3, 4, "50.0%", "66.7%", "75.0%")}
    labels = [r.label for r in compute(college_admin, YEAR, "major").rows]
    assert labels == ["甲学院 · 本科生 · 甲专业一", "甲学院 · 本科生 · 甲专业二"]


def test_only_the_graduation_year_in_scope(school_admin, outcomes):
    table = compute(school_admin, 2027, "college")  # org's four students, all with empty records
    assert as_tuple(table.total) == (4, 0, 0, "0.0%", "0.0%", "—")


@pytest.mark.parametrize("dimension", list(DIMENSIONS))
def test_live_rates_are_one_grouped_query(school_admin, outcomes, dimension):
    with CaptureQueriesContext(connection) as ctx:
        compute(school_admin, YEAR, dimension)
    grouped = [q for q in ctx.captured_queries if "GROUP BY" in q["sql"]]
    assert len(grouped) == 1
    assert len(ctx) <= 2  # + the province names for 生源地


def test_approving_a_pending_report_changes_the_rates(school_admin, outcomes):
    from .conftest import approve_report

    approve_report(outcomes["students"][4].employment)
    assert as_tuple(compute(school_admin, YEAR, "college").total) == (12, 8, 10, "66.7%", "83.3%", "80.0%")
