"""导出学生详细数据: the latest status per student, only within scope, field-selectable."""

import csv
import io

import pytest
from django.urls import reverse

from careers.core.exports import find_export_view

from .conftest import YEAR, entry

pytestmark = pytest.mark.django_db


def export(client, fields=None, **query):
    view = find_export_view("careers.followup.views.LedgerExportView")
    names = fields or [f.name for f in view.export_fields()]
    qs = "&".join(f"{k}={v}" for k, v in {"graduation_year": YEAR, **query}.items())
    response = client.post(reverse("followup:ledgerstudent_export") + "?" + qs,
                           {"fields_chosen": names, "format": "csv"})
    assert response.status_code == 200, response.content.decode()[:2000]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_export_has_the_latest_status_of_students_in_scope_only(client, college_admin, cohort):
    entry(cohort[2], "2026-10-20", "offered", ["poverty"], help_given="推荐到星辰科技", next_step="跟进签约",
          method="wechat", recorded_by=college_admin)
    client.force_login(college_admin)
    rows = {r["学号"]: r for r in export(client)}
    assert set(rows) == {cohort[n].student_number for n in (1, 2, 3, 4, 5, 6)}
    second = rows[cohort[2].student_number]
    assert second["求职状态"] == "已落实待签约" and second["联系方式"] == "微信"
    assert second["困难帮扶类别"] == "家庭经济困难" and second["帮扶措施"] == "推荐到星辰科技"
    assert second["下一步计划"] == "跟进签约" and second["记录人"] == college_admin.name
    assert second["跟踪次数"] == "2" and second["最近联系日期"] == "2026-10-20"
    assert second["就业状态"] == "待审核"
    assert rows[cohort[1].student_number]["就业状态"] == "签就业协议形式就业（已落实）"
    assert rows[cohort[4].student_number]["求职状态"] == "" and rows[cohort[4].student_number]["跟踪次数"] == "0"


def test_export_follows_the_list_filters_and_field_choice(client, school_admin, cohort):
    client.force_login(school_admin)
    rows = export(client, fields=["student_number", "latest_situation"], situation="seeking")
    expected = sorted(cohort[n].student_number for n in (2, 7))  # the list's order: 学号
    assert rows == [{"学号": number, "求职状态": "求职中"} for number in expected]


def test_export_needs_its_permission(client, org):
    from tests.factories import UserFactory

    reader = UserFactory(username="expreader", permissions=["followup.ledgerstudent.view"])
    reader.managed_majors.set([org["majors"]["a1"]])
    client.force_login(reader)
    assert client.get(reverse("followup:ledgerstudent_export")).status_code == 403
    response = client.get(reverse("followup:ledgerstudent_list"))
    assert "导出学生详细数据" not in response.content.decode()


def test_large_export_runs_as_a_background_job_in_scope(client, college_admin, cohort, monkeypatch):
    import openpyxl

    from careers.core.models import Job

    view = find_export_view("careers.followup.views.LedgerExportView")
    monkeypatch.setattr(view, "async_threshold", 2)
    client.force_login(college_admin)
    response = client.post(reverse("followup:ledgerstudent_export") + f"?graduation_year={YEAR}&situation=seeking"
                           "&difficulty=any", {"fields_chosen": ["student_number", "latest_situation", "employment"],
                                               "format": "xlsx"})
    assert response.status_code == 200  # one row: below the threshold, streamed
    response = client.post(reverse("followup:ledgerstudent_export") + f"?graduation_year={YEAR}",
                           {"fields_chosen": ["student_number", "latest_situation", "employment"], "format": "xlsx"})
    job = Job.objects.get(kind="export")
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    assert job.status == Job.Status.SUCCEEDED and job.total == 6
    download = client.get(reverse("core:job_download", args=[job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {cohort[n].student_number for n in (1, 2, 3, 4, 5, 6)}
    assert rows[cohort[3].student_number][1:] == ("升学备考", "待就业（未落实）")
