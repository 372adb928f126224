"""生成统计表: exact figures on the hand-computed cohort (see conftest), scope, export."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.core.models import OperationLog
from careers.followup.statistics import COUNT_KEYS, ledger_statistics

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def figures(row):
    return {key: n for key, n in row.counts.items() if n}


A1 = {"graduates": 4, "contacted": 3, "not_contacted": 1, "s:signed": 1, "s:seeking": 1, "s:study": 1,
      "difficulty": 2, "d:poverty": 1, "d:disability": 1, "d:psychological": 1, "placed": 1}
A2 = {"graduates": 2, "contacted": 1, "not_contacted": 1, "s:civil_service": 1, "difficulty": 1,
      "d:subsistence": 1, "placed": 1}
B1 = {"graduates": 1, "contacted": 1, "s:seeking": 1, "difficulty": 1, "d:poverty": 1, "placed": 1}
B2 = {"graduates": 1, "not_contacted": 1}


def added(*parts):
    total = {}
    for part in parts:
        for key, n in part.items():
            total[key] = total.get(key, 0) + n
    return total


def test_school_admin_table_per_major_with_college_subtotals(school_admin, cohort):
    with CaptureQueriesContext(connection) as ctx:
        stats = ledger_statistics(school_admin, YEAR)
    assert len(ctx) <= 3
    labels = [(r.kind, r.college, r.major) for r in stats.rows]
    # colleges by (sort, name): 乙 (U+4E59) before 甲 (U+7532); each followed by its subtotal
    assert labels == [("major", "乙学院", "乙专业一"), ("major", "乙学院", "乙专业二"), ("college", "乙学院", "小计"),
                      ("major", "甲学院", "甲专业一"), ("major", "甲学院", "甲专业二"), ("college", "甲学院", "小计")]
    b1, b2, sub_b, a1, a2, sub_a = stats.rows
    assert (figures(a1), figures(a2), figures(b1), figures(b2)) == (A1, A2, B1, B2)
    assert figures(sub_a) == added(A1, A2) and figures(sub_b) == added(B1, B2)
    assert figures(stats.total) == added(A1, A2, B1, B2)
    assert stats.total.counts["graduates"] == 8 and stats.total.counts["contacted"] == 5
    assert a1.placed_rate == "25.0%" and a2.placed_rate == "50.0%" and b2.placed_rate == "0.0%"
    assert stats.total.placed_rate == "37.5%"


def test_college_admin_sees_only_managed_majors(college_admin, cohort):
    stats = ledger_statistics(college_admin, YEAR)
    assert [r.major for r in stats.rows] == ["甲专业一", "甲专业二"]  # one college: no subtotal rows
    assert figures(stats.total) == added(A1, A2)


def test_filters_narrow_the_table(school_admin, cohort, org):
    stats = ledger_statistics(school_admin, YEAR, college=org["college_b"])
    assert figures(stats.total) == added(B1, B2)
    stats = ledger_statistics(school_admin, YEAR, major=org["majors"]["a2"])
    assert figures(stats.total) == A2
    assert ledger_statistics(school_admin, 2030).rows == []


def test_statistics_page_and_xlsx_export(client, college_admin, cohort):
    client.force_login(college_admin)
    response = client.get(reverse("followup:statistics"), {"graduation_year": YEAR})
    assert response.status_code == 200
    body = response.content.decode()
    assert "甲专业一" in body and "乙专业一" not in body and 'id="followup-stats"' in body
    assert client.get(reverse("followup:statistics_export")).status_code == 405  # a download is logged: POST
    response = client.post(reverse("followup:statistics_export") + f"?graduation_year={YEAR}")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = list(sheet.values)
    header = list(values[0])
    assert header[:4] == ["学院", "专业", "学历", "毕业生人数"]
    assert "求职状态：其他" in header and "困难帮扶：其他" in header
    assert [v[1] for v in values[1:]] == ["甲专业一", "甲专业二", None]
    total = dict(zip(header, values[-1]))
    assert total["学院"] == "合计" and total["毕业生人数"] == 6 and total["已跟踪"] == 4
    assert total["困难帮扶：家庭经济困难"] == 1 and total["已落实去向"] == 2 and total["去向落实率"] == "33.3%"
    assert OperationLog.objects.filter(action="export", user=college_admin).exists()


def test_operation_log_list_shows_export_entries(client, school_admin, cohort):
    client.force_login(school_admin)
    client.post(reverse("followup:statistics_export") + f"?graduation_year={YEAR}")
    response = client.get(reverse("core:operationlog_list"))
    assert response.status_code == 200 and "行数：7" in response.content.decode()


def test_statistics_needs_permissions(client, org):
    from tests.factories import UserFactory

    reader = UserFactory(username="statreader", permissions=["followup.ledgerstudent.view"])
    reader.managed_majors.set([org["majors"]["a1"]])
    client.force_login(reader)
    assert client.get(reverse("followup:statistics")).status_code == 200
    assert client.post(reverse("followup:statistics_export")).status_code == 403
    nobody = UserFactory(username="statnobody", permissions=[])
    client.force_login(nobody)
    assert client.get(reverse("followup:statistics")).status_code == 403


def test_out_of_scope_condition_is_ignored_not_leaked(client, college_admin, cohort, org):
    client.force_login(college_admin)
    response = client.get(reverse("followup:statistics"), {"graduation_year": YEAR,
                                                           "major__college": org["college_b"].pk})
    stats = response.context["stats"]
    assert "乙专业一" not in response.content.decode()
    assert all(r.college == "甲学院" for r in stats.rows)


def test_count_keys_cover_every_situation_and_difficulty():
    from careers.followup.models import FollowUpEntry

    assert {f"s:{c}" for c in FollowUpEntry.Situation.values} <= set(COUNT_KEYS)
    assert {f"d:{c}" for c in FollowUpEntry.Difficulty.values} <= set(COUNT_KEYS)
