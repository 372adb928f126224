"""生源信息导出: every field, codes as names, the list's filters and scope, logged."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from careers.codes.models import Code
from careers.core.models import OperationLog
from careers.students.records.exports import STUDENT_EXPORT_FIELDS
from careers.students.models import Student
from tests.factories import code

pytestmark = pytest.mark.django_db
URL = "students:student_export"
ALL = [f.name for f in STUDENT_EXPORT_FIELDS]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def export_csv(client, query="graduation_year=2027", fields=ALL):
    response = client.post(f"{reverse(URL)}?{query}", {"fields_chosen": fields, "format": "csv"})
    assert response.status_code == 200
    data = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(data)))


def test_offers_every_student_field(client, school_admin, org):
    assert len(STUDENT_EXPORT_FIELDS) >= 30
    client.force_login(school_admin)
    page = client.get(reverse(URL)).content.decode()
    for label in ("学号", "身份证号", "民族", "政治面貌", "生源地", "校区", "学院", "系别", "专业方向", "学制", "学历",
                  "培养方式", "学籍状态", "数据状态", "家庭地址"):
        assert f">{label}</label>" in page, label


def test_codes_export_as_names_and_region_as_code_and_name(client, school_admin, org):
    s = org["students"]["a1"]
    s.ethnicity, s.political_status = code("ethnicity", "01"), code("political_status", "01")
    s.origin_region = Code.objects.of("region").get(code="110105")
    s.training_mode = code("training_mode", "2")
    s.review_status = Student.ReviewStatus.PENDING
    s.save()
    client.force_login(school_admin)
    rows = {r["学号"]: r for r in export_csv(client)}
    row = rows[s.student_number]
    assert row["民族"] == code("ethnicity", "01").name
    assert row["政治面貌"] == code("political_status", "01").name
    assert row["生源地"] == f"110105 {s.origin_region.name}"
    assert row["培养方式"] == "定向"
    assert row["性别"] == "男" and row["数据状态"] == "待审核" and row["学籍状态"] == "在读"
    assert row["学院"] == "甲学院" and row["学历"] == "本科生" and row["学制"] == s.major.duration.name
    assert row["校区"] == "主校区"


def test_respects_scope_and_filters(client, college_admin, org):
    client.force_login(college_admin)
    numbers = {r["学号"] for r in export_csv(client)}
    assert numbers == {org["students"]["a1"].student_number, org["students"]["a2"].student_number}
    numbers = {r["学号"] for r in export_csv(client, f"graduation_year=2027&major={org['majors']['a2'].pk}")}
    assert numbers == {org["students"]["a2"].student_number}
    inactive = org["students"]["a1"]
    inactive.is_active = False
    inactive.save()
    assert {r["学号"] for r in export_csv(client)} == {org["students"]["a2"].student_number}


def test_xlsx_and_log(client, school_admin, org):
    client.force_login(school_admin)
    response = client.post(f"{reverse(URL)}?graduation_year=2027", {"fields_chosen": ALL, "format": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert len(rows) == 5 and len(rows[0]) == len(ALL)
    log = OperationLog.objects.filter(action="export").latest("pk")
    assert log.changes["rows"] == 4 and "生源地" in log.changes["fields"]
