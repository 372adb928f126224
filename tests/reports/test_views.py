"""就业率统计 page: filters, as-of, scope, export, the snapshot button, permissions, bounded queries."""

import datetime
import io
import re
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.core.models import OperationLog
from careers.reports.models import Snapshot
from careers.reports.snapshots import take_snapshot
from tests.factories import MajorFactory, StudentFactory

from .conftest import YEAR

pytestmark = pytest.mark.django_db


def page(client, **params):
    return client.get(reverse("reports:rates"), {"year": YEAR, **params})


def table_rows(body):
    """{label: [cells]} of the rates table."""
    tbody = body.split('id="rates-table"')[1].split("<tbody>")[1].split("</tbody>")[0]
    return {cells[0]: cells[1:] for cells in (re.findall(r"<td>([^<]*)</td>", tr) for tr in tbody.split("</tr>"))
            if cells}


def test_menu_page_chart_and_table(client, school_admin, outcomes):
    client.force_login(school_admin)
    home = client.get(reverse("core:home")).content.decode()
    assert 'data-menu="reports.rates.view"' in home and 'data-menu="reports.market.view"' in home
    response = page(client)
    assert response.status_code == 200
    body = response.content.decode()
    assert "vendor/echarts/echarts.min.js" in body
    # Scripts come from our static files; a CSRF token may contain "cdn" by chance, so look at src only.
    assert not re.findall(r'<script[^>]+src="(?:https?:)?//', body)
    assert table_rows(body) == {"甲学院": ["7", "4", "57.1%", "5", "71.4%", "80.0%"],
                                "乙学院": ["5", "3", "60.0%", "4", "80.0%", "75.0%"]}
    assert "实时数据" in body and "统计口径" in body and "知晓率" in body
    assert "生成今日快照" in body and "导出 Excel" in body


def test_dimension_filter(client, school_admin, outcomes):
    client.force_login(school_admin)
    rows = table_rows(page(client, dimension="origin").content.decode())
    assert rows["江苏省"] == ["3", "1", "33.3%", "2", "66.7%", "50.0%"]
    assert rows["（未填写）"] == ["1", "0", "0.0%", "0", "0.0%", "—"]


def test_defaults_to_the_operating_year_and_today(client, school_admin, outcomes):
    client.force_login(school_admin)
    session = client.session
    session["operating_year"] = YEAR
    session.save()
    response = client.get(reverse("reports:rates"))
    assert response.context["table"].year == YEAR and response.context["table"].as_of.live
    assert len(table_rows(response.content.decode())) == 2


def test_college_admin_sees_only_managed_majors(client, college_admin, outcomes):
    client.force_login(college_admin)
    body = page(client).content.decode()
    assert table_rows(body) == {"甲学院": ["6", "3", "50.0%", "4", "66.7%", "75.0%"]}
    assert "乙学院" not in body and "仅含您管辖的专业" in body
    assert "生成今日快照" not in body  # snapshots are school-wide: school admins only
    body = page(client, dimension="major").content.decode()
    assert "甲硕士专业" not in body and "乙专业" not in body


def test_past_date_shows_the_snapshot_and_says_which(client, school_admin, college_admin, outcomes):
    take_snapshot(YEAR, datetime.date(2026, 6, 1))
    client.force_login(school_admin)
    body = page(client, as_of="2026-06-15").content.decode()
    assert "2026-06-01 的快照" in body
    assert table_rows(body)["甲学院"] == ["7", "4", "57.1%", "5", "71.4%", "80.0%"]
    client.force_login(college_admin)
    assert set(table_rows(page(client, as_of="2026-06-15").content.decode())) == {"甲学院"}


def test_past_date_without_snapshot_says_so(client, school_admin, outcomes):
    client.force_login(school_admin)
    body = page(client, as_of="2026-03-01").content.decode()
    assert "data-no-snapshot" in body and "没有就业快照" in body
    assert 'id="rates-table"' not in body
    for day in (datetime.date(2026, 3, 5), *(datetime.date(2026, 4, d) for d in range(1, 15))):
        take_snapshot(YEAR, day)
    body = page(client, as_of="2026-03-01").content.decode()
    assert "最早的快照日期是 2026-03-05" in body


def test_bad_input_is_explained(client, school_admin, outcomes):
    client.force_login(school_admin)
    body = page(client, as_of="2026-13-45").content.decode()
    assert "截至日期格式不正确" in body
    body = client.get(reverse("reports:rates"), {"year": "1900", "dimension": "nope"}).content.decode()
    assert "请选择列表中的毕业年份" in body and "请选择列表中的统计维度" in body


def test_snapshot_button(client, school_admin, outcomes):
    client.force_login(school_admin)
    assert client.get(reverse("reports:snapshot_take")).status_code == 405
    response = client.post(reverse("reports:snapshot_take"), {"year": YEAR})
    assert response.status_code == 302 and "as_of=" in response["Location"]
    snapshot = Snapshot.objects.get(graduation_year=YEAR)
    assert snapshot.taken_on == timezone.localdate() and snapshot.source == Snapshot.Source.MANUAL
    assert snapshot.graduates == 12
    client.post(reverse("reports:snapshot_take"), {"year": YEAR})  # again the same day: replaced
    assert Snapshot.objects.filter(graduation_year=YEAR).count() == 1
    assert OperationLog.objects.filter(module="reports", object_type="reports.snapshot").count() == 2
    assert client.get(reverse("core:operationlog_list")).status_code == 200  # changes are [old, new] pairs


def test_snapshot_button_needs_csrf(school_admin, outcomes):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(school_admin)
    assert client.post(reverse("reports:snapshot_take"), {"year": YEAR}).status_code == 403
    assert not Snapshot.objects.exists()


def test_college_admin_cannot_take_snapshots(client, college_admin, outcomes):
    client.force_login(college_admin)
    assert client.post(reverse("reports:snapshot_take"), {"year": YEAR}).status_code == 403
    assert not Snapshot.objects.exists()


def test_permissions(client, college_admin, outcomes):
    college_admin.set_permissions(["reports.market.view"])
    college_admin.save()
    client.force_login(college_admin)
    assert page(client).status_code == 403
    assert client.get(reverse("reports:rates_export"), {"year": YEAR}).status_code == 403
    college_admin.set_permissions(["reports.rates.view"])
    college_admin.save()
    body = page(client).content.decode()
    assert "导出 Excel" not in body
    assert client.get(reverse("reports:rates_export"), {"year": YEAR}).status_code == 403


def export(client, fmt, **params):
    response = client.get(reverse("reports:rates_export"), {"year": YEAR, "format": fmt, **params})
    assert response.status_code == 200, response.status_code
    return b"".join(response.streaming_content)


def test_csv_export_has_counts_and_exact_fractions(client, school_admin, outcomes):
    client.force_login(school_admin)
    lines = export(client, "csv").decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[:6] == ["学院", "毕业生人数", "落实人数", "去向已知人数", "去向未知人数", "毕业去向落实率（%）"]
    jia = next(line.split(",") for line in lines if line.startswith("甲学院"))
    assert jia[:5] == ["甲学院", "7", "4", "5", "2"] and jia[6] == "4/7" and jia[8] == "5/7" and jia[10] == "4/5"
    assert float(jia[5]) == pytest.approx(400 / 7)
    total = lines[-1].split(",")
    assert total[:5] == ["合计", "12", "7", "9", "3"] and total[6] == "7/12"
    assert float(total[5]) == pytest.approx(700 / 12)
    log = OperationLog.objects.get(module="reports", action="export")
    assert "就业率统计" in log.message
    assert client.get(reverse("core:operationlog_list")).status_code == 200


def test_xlsx_export(client, school_admin, outcomes):
    client.force_login(school_admin)
    data = export(client, "xlsx", dimension="gender")
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "性别" in sheet and "男" in sheet and "4/7" in sheet and "合计" in sheet


def test_export_is_scoped(client, college_admin, outcomes):
    client.force_login(college_admin)
    text = export(client, "csv").decode("utf-8-sig")
    assert "甲学院" in text and "乙学院" not in text
    assert text.splitlines()[-1].startswith("合计,6,3,4,")


def test_export_of_a_missing_snapshot_is_refused_with_a_message(client, school_admin, outcomes):
    client.force_login(school_admin)
    response = client.get(reverse("reports:rates_export"), {"year": YEAR, "as_of": "2026-01-01", "format": "csv"},
                          follow=True)
    assert "没有可导出的数据" in response.content.decode()


def count_queries(client, **params):
    with CaptureQueriesContext(connection) as ctx:
        assert page(client, **params).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("dimension", ["college", "major", "origin"])
def test_page_queries_do_not_grow_with_rows(client, school_admin, outcomes, dimension):
    client.force_login(school_admin)
    count_queries(client, dimension=dimension)
    before = count_queries(client, dimension=dimension)
    for i in range(20):
        StudentFactory(major=MajorFactory(name=f"新增专业{i}"), graduation_year=YEAR)
    assert count_queries(client, dimension=dimension) == before <= 10
