"""数据统计: the registry, scope, operating year and one GROUP BY query per item."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.codes.models import Code
from careers.students import statistics as stats
from careers.students.models import Student
from tests.factories import StudentFactory, code

pytestmark = pytest.mark.django_db


def table_rows(body):
    """{label: count} of the result table, and its total row."""
    rows = dict(re.findall(r"<tr><td>([^<]*)</td><td>(\d+)</td>", body))
    total = re.search(r"<tfoot><tr><th>合计</th><th>(\d+)</th>", body).group(1)
    return {k: int(v) for k, v in rows.items()}, int(total)


def run(client, key, **params):
    params.setdefault("refresh", "1")  # the figures computed now, not the 5-minute cache (tests/students/test_statistics_cache.py)
    return client.get(reverse("students:statistics_run", args=[key]), params)


def test_menu_and_page(client, school_admin, org):
    client.force_login(school_admin)
    home = client.get(reverse("core:home")).content.decode()
    assert 'data-menu="students.statistics.view"' in home
    body = client.get(reverse("students:statistics")).content.decode()
    for item in stats.REGISTRY.values():
        assert item.title in body
    assert "vendor/echarts/echarts.min.js" in body


def test_every_item_runs_in_one_query(client, school_admin, org):
    client.force_login(school_admin)
    run(client, "by_college")  # warm the session
    for key in stats.REGISTRY:
        for split in ("", "college", "major"):
            with CaptureQueriesContext(connection) as ctx:
                response = run(client, key, split=split)
            assert response.status_code == 200
            grouped = [q for q in ctx.captured_queries if "GROUP BY" in q["sql"]]
            # items grouped by fields of the major count per major_id, then read those majors' labels (one query)
            labels = [q for q in ctx.captured_queries if q["sql"].startswith('SELECT "org_major"."id"')]
            # the 就业率 items, and the 就业 items that read a current snapshot's breakdowns, also look up the
            # current snapshot (careers/reports/rates.py, breakdowns.py): one indexed query
            reads_snapshot = key.startswith("rates_") or getattr(stats.REGISTRY[key], "from_snapshot", None)
            bound = 3 + len(labels) + (1 if reads_snapshot else 0)
            assert len(grouped) == 1 and len(labels) <= 1 and len(ctx) <= bound, (
                key, split, [q["sql"][:80] for q in ctx.captured_queries])


def test_college_admin_counts_only_managed_majors(client, college_admin, school_admin, org):
    client.force_login(college_admin)
    rows, total = table_rows(run(client, "by_college").content.decode())
    assert rows == {"甲学院": 2} and total == 2
    rows, total = table_rows(run(client, "by_gender").content.decode())
    assert rows == {"男": 2} and total == 2
    client.force_login(school_admin)
    rows, total = table_rows(run(client, "by_college").content.decode())
    assert rows == {"甲学院": 2, "乙学院": 2} and total == 4


def test_operating_year_and_active_only(client, school_admin, org):
    StudentFactory(major=org["majors"]["a1"], graduation_year=2026)
    inactive = org["students"]["b1"]
    inactive.is_active = False
    inactive.save()
    client.force_login(school_admin)
    session = client.session
    session["operating_year"] = 2027
    session.save()
    assert table_rows(run(client, "by_college").content.decode())[1] == 3
    session["operating_year"] = 2026
    session.save()
    assert table_rows(run(client, "by_college").content.decode()) == ({"甲学院": 1}, 1)


def test_province_groups_any_region_level(client, school_admin, org):
    regions = Code.objects.of("region")
    org["students"]["a1"].origin_region = regions.get(code="110105")  # a district of 北京
    org["students"]["a2"].origin_region = regions.get(code="110000")  # 北京 itself
    org["students"]["b1"].origin_region = regions.get(code="320100")  # 南京市, a prefecture of 江苏
    for s in org["students"].values():
        s.save()
    client.force_login(school_admin)
    rows, total = table_rows(run(client, "by_province").content.decode())
    assert rows == {"北京市": 2, "江苏省": 1, "（未填写）": 1} and total == 4


def test_split_by_college_is_a_cross_table(client, school_admin, org):
    s = org["students"]["b2"]
    s.gender = Student.Gender.FEMALE
    s.save()
    client.force_login(school_admin)
    body = run(client, "by_gender", split="college").content.decode()
    assert "<th>学院</th><th>男</th><th>女</th><th>合计</th>" in body
    assert "<tr><td>乙学院</td><td>1</td><td>1</td><td>2</td></tr>" in body
    assert "<tfoot><tr><th>合计</th><th>3</th><th>1</th><th>4</th></tr></tfoot>" in body


def test_codes_are_named(client, school_admin, org):
    for s in org["students"].values():
        s.ethnicity = code("ethnicity", "01")
        s.save()
    client.force_login(school_admin)
    rows, _ = table_rows(run(client, "by_ethnicity").content.decode())
    assert rows == {code("ethnicity", "01").name: 4}


def test_permission_and_unknown_item(client, college_admin, org):
    client.force_login(college_admin)
    assert run(client, "no_such_item").status_code == 404
    college_admin.set_permissions(["students.student.view"])
    college_admin.save()
    assert client.get(reverse("students:statistics")).status_code == 403
    assert run(client, "by_college").status_code == 404


def test_registry_accepts_new_items(school_admin, org):
    item = stats.StatItem("test_by_year", "测试", "入学年份", ("enrolment_year",))
    result = item.run(school_admin, 2027)
    assert result.rows == [("2023", [4], 4)] and result.total == 4
