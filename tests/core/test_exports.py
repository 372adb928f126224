"""Field-selectable export: scope, list filters, remembered choices, formats, injection, jobs."""

import csv
import io
import re

import openpyxl
import pytest
from django.urls import reverse

from careers.core.exports import EXPORT_VIEWS, safe_cell
from careers.core.models import Job, OperationLog, UserPreference
from careers.students.models import Student
from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def export(client, url, fields, fmt="csv", query=""):
    response = client.post(f"{url}?{query}", {"fields_chosen": fields, "format": fmt})
    assert response.status_code == 200, response.content.decode()[:2000]
    return b"".join(response.streaming_content)


def checked_fields(page):
    boxes = re.findall(r'<input[^>]*name="fields_chosen"[^>]*>', page)
    return {re.search(r'value="([^"]+)"', box).group(1) for box in boxes if " checked" in box}


def csv_rows(data):
    assert data.startswith("\ufeff".encode())  # BOM: Excel opens the Chinese text correctly
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_export_buttons_and_urls_exist_for_the_four_lists(client, school_admin):
    client.force_login(school_admin)
    for list_name, export_name in (("org:major_list", "org:major_export"), ("codes:code_list", "codes:code_export"),
                                   ("students:student_list", "students:student_export"),
                                   ("core:operationlog_list", "core:operationlog_export")):
        assert reverse(export_name) in client.get(reverse(list_name)).content.decode()
        assert client.get(reverse(export_name)).status_code == 200


def test_chooser_defaults_to_table_columns_and_remembers_choice(client, school_admin, org):
    client.force_login(school_admin)
    url = reverse("students:student_export")
    page = client.get(url, {"graduation_year": 2027}).content.decode()
    for label in ("学号", "姓名", "性别", "学历", "学院", "专业"):
        assert f">{label}</label>" in page
    assert 'data-export-count>4<' in page
    export(client, url, ["student_number", "name"], "csv", "graduation_year=2027")
    saved = UserPreference.objects.get(user=school_admin).get("exports.students.student")
    assert saved == {"fields": ["student_number", "name"], "format": "csv"}
    page = client.get(url).content.decode()
    assert checked_fields(page) == {"student_number", "name"}
    assert 'value="gender"' in page


def test_csv_export_is_restricted_to_the_users_scope(client, college_admin, org):
    client.force_login(college_admin)
    rows = csv_rows(export(client, reverse("students:student_export"), ["student_number", "name", "gender", "college"],
                           query="graduation_year=2027"))
    assert rows[0] == ["学号", "姓名", "性别", "学院"]
    names = sorted(r[1] for r in rows[1:])
    assert names == ["甲专业一学生", "甲专业二学生"]  # college B's students are out of scope
    assert {r[2] for r in rows[1:]} == {"男"}  # choice labels, not stored codes
    log = OperationLog.objects.get(action="export")
    assert log.user == college_admin and log.changes["rows"] == 2 and log.changes["format"] == "csv"


def test_export_applies_the_list_filters(client, school_admin, org):
    client.force_login(school_admin)
    query = f"graduation_year=2027&major__college={org['college_b'].pk}"
    rows = csv_rows(export(client, reverse("students:student_export"), ["name"], query=query))
    assert sorted(r[0] for r in rows[1:]) == ["乙专业一学生", "乙专业二学生"]


def test_export_defaults_to_operating_year_like_the_list(client, school_admin, org):
    StudentFactory(major=org["majors"]["a1"], graduation_year=2020, name="往届生")
    client.force_login(school_admin)
    session = client.session
    session["operating_year"] = 2020
    session.save()
    rows = csv_rows(export(client, reverse("students:student_export"), ["name"]))
    assert [r[0] for r in rows[1:]] == ["往届生"]


def test_xlsx_export_and_formula_injection(client, school_admin, org):
    StudentFactory(major=org["majors"]["a1"], name="=HYPERLINK(\"http://evil\")", phone="+8613800000000")
    client.force_login(school_admin)
    data = export(client, reverse("students:student_export"), ["name", "graduation_year", "phone"], "xlsx",
                  "graduation_year=2027")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("姓名", "毕业年份", "手机号码")  # in the list table's column order
    evil = next(r for r in rows if "HYPERLINK" in str(r[0]))
    assert evil[0] == "'=HYPERLINK(\"http://evil\")" and evil[2] == "'+8613800000000"
    assert evil[1] == 2027  # numbers stay numbers
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


@pytest.mark.parametrize("value, expected", [("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
                                             ("\tx", "'\tx"), ("普通文本", "普通文本"), (5, 5)])
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_export_requires_permission(client, school_admin, org):
    school_admin.set_permissions([p for p in school_admin.permissions if p != "students.student.export"])
    school_admin.save()
    client.force_login(school_admin)
    assert client.get(reverse("students:student_export")).status_code == 403
    response = client.post(reverse("students:student_export"), {"fields_chosen": ["name"], "format": "csv"})
    assert response.status_code == 403


def test_large_export_runs_as_a_job_with_download(client, college_admin, org, monkeypatch):
    view = EXPORT_VIEWS["careers.students.records.views.StudentExportView"]
    monkeypatch.setattr(view, "async_threshold", 1)
    client.force_login(college_admin)
    response = client.post(reverse("students:student_export") + "?graduation_year=2027",
                           {"fields_chosen": ["student_number", "name"], "format": "xlsx"})
    job = Job.objects.get(kind="export")
    assert response["Location"] == reverse("core:job_detail", args=[job.pk])
    assert job.status == Job.Status.SUCCEEDED and job.progress == job.total == 2
    download = client.get(reverse("core:job_download", args=[job.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content))).active
    assert sorted(r[1] for r in sheet.iter_rows(min_row=2, values_only=True)) == ["甲专业一学生", "甲专业二学生"]
    assert OperationLog.objects.filter(action="export", user=college_admin).count() == 1


def test_operation_log_export(client, school_admin, org):
    client.force_login(school_admin)
    rows = csv_rows(export(client, reverse("core:operationlog_export"), ["action", "module", "changes"]))
    assert rows[0] == ["模块", "操作", "变更内容"]


def test_export_query_count_is_bounded(client, school_admin, org, django_assert_max_num_queries):
    for i in range(40):
        StudentFactory(major=org["majors"]["b1"], name=f"批量{i}")
    client.force_login(school_admin)
    with django_assert_max_num_queries(15):
        data = export(client, reverse("students:student_export"), ["name", "college", "education_level", "major"],
                      query="graduation_year=2027")
    assert len(csv_rows(data)) == 1 + 44
    assert Student.objects.count() == 44


def test_export_follows_the_list_sort(client, school_admin, org):
    client.force_login(school_admin)
    rows = csv_rows(export(client, reverse("students:student_export"), ["name"], query="graduation_year=2027&sort=-name"))
    names = [r[0] for r in rows[1:]]
    assert names == sorted(names, reverse=True)
