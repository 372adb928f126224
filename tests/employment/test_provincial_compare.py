"""导出与省系统不一致就业信息: the layout, the comparison and the mismatch export round trip."""

import datetime
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.codes.models import Code
from careers.core.imports.readers import ImportFileError
from careers.employment.models import EmploymentRecord
from careers.employment.provincial import compare as provincial
from careers.employment.provincial import jobs
from careers.employment.provincial.compare import (
    DIFFERENT,
    ERROR,
    NOT_IN_PROVINCE,
    NOT_OURS,
    OUT_OF_REACH,
    SAME,
    LayoutError,
    code_key,
    column_index,
    parse_date,
    read_provincial,
)
from careers.employment.provincial.format import COLUMNS, LABELS
from tests.employment.provincial_support import csv_bytes, export_all, make_students, rows_of
from tests.factories import MajorFactory, StudentFactory

pytestmark = pytest.mark.django_db
YEAR = 2027


def run(data, user, filename="省系统.xlsx", year=YEAR):
    sheet, index = read_provincial(data, filename)
    return provincial.compare(sheet, index, user, year)


def by_status(result, status):
    return [row for row in result["rows"] if row["s"] == status]


def records_of_year():
    return EmploymentRecord.objects.filter(student__graduation_year=YEAR)


@pytest.fixture
def students(org):
    return make_students(24, org["majors"]["a1"]) + make_students(6, org["majors"]["b1"], start=100)


# -- layout ----------------------------------------------------------------------------------
def test_layout_is_declared_once_and_documented():
    doc = (Path(__file__).resolve().parents[2] / "docs/formats/provincial-employment.md").read_text("utf-8")
    for column in COLUMNS:
        assert f"| {column.label} |" in doc, column.label
    assert LABELS[:3] == ("考生号", "身份证号", "姓名")


def test_header_in_another_layout_names_missing_and_unknown_columns():
    headers = [label for label in LABELS if label not in ("毕业去向代码", "落实日期")] + ["就业单位", "备注"]
    with pytest.raises(LayoutError) as error:
        column_index(headers)
    message = str(error.value)
    assert "缺少列：“毕业去向代码”、“落实日期”" in message
    assert "无法识别的列：“就业单位”、“备注”" in message
    assert "本次未做任何比对" in message


def test_header_order_aliases_and_serial_column_are_accepted():
    headers = ["序号", *reversed(LABELS)]
    headers[headers.index("身份证号")] = "身份证号码 "
    index = column_index(headers)
    assert index["身份证号"] == headers.index("身份证号码 ")
    assert index["考生号"] == len(headers) - 1


def test_duplicate_column_is_refused():
    with pytest.raises(LayoutError, match="都是“身份证号”"):
        column_index([*LABELS, "证件号码"])


def test_file_that_is_not_a_spreadsheet_is_refused():
    with pytest.raises(ImportFileError, match="内容实际上是PDF"):
        read_provincial(b"%PDF-1.4 hello", "省系统.xlsx")


def test_code_and_date_normalisation():
    assert code_key("01") == code_key("1") == "1"
    assert code_key(" 91440101ma5x ") == "91440101MA5X"
    assert code_key(None) == code_key("") == ""
    assert parse_date("2026/6/30") == parse_date("2026年6月30日") == parse_date("20260630") == datetime.date(2026, 6, 30)
    assert parse_date("2026-06-30 00:00:00") == datetime.date(2026, 6, 30)
    assert parse_date(" ") is None
    with pytest.raises(ValueError, match="不是存在的日期"):
        parse_date("2026-02-30")
    with pytest.raises(ValueError, match="Excel 把日期显示成了数字"):
        parse_date("46203")


# -- round trip ------------------------------------------------------------------------------
def test_round_trip_export_import_change_export_reimport(school_admin, students, org):
    original = export_all(records_of_year())
    result = run(original, school_admin)
    assert result["counts"][SAME] == 34 and result["counts"][DIFFERENT] == 0  # 30 + the 4 org students
    assert result["counts"][NOT_IN_PROVINCE] == result["counts"][NOT_OURS] == result["counts"][ERROR] == 0

    rows = rows_of(original)
    by_id = {row["身份证号"]: row for row in rows}
    changed = {
        students[1].id_number: {"单位名称": "另一家公司", "落实日期": "2026-01-02"},
        students[5].id_number: {"毕业去向代码": "70"},
        students[7].id_number: {"单位所在地代码": "110101", "联系电话": "13000000000", "姓名": "改名"},
        students[26].id_number: {"统一社会信用代码": ""},
    }
    for id_number, values in changed.items():
        by_id[id_number].update(values)
    # Differences a provincial export introduces without meaning anything: spaces, case, leading zeros.
    by_id[students[2].id_number]["单位名称"] = "  广州市第2科技\u3000有限公司 "
    by_id[students[3].id_number]["统一社会信用代码"] = by_id[students[3].id_number]["统一社会信用代码"].lower()
    by_id[students[3].id_number]["单位行业代码"] = "1"  # ours is "01"
    by_id[students[4].id_number]["落实日期"] = "2027/5/5"
    modified = csv_bytes(rows, encoding="gbk")

    result = run(modified, school_admin, "省系统导出.csv")
    different = by_status(result, DIFFERENT)
    assert {row["id"] for row in different} == set(changed)
    reported = {row["id"]: {diff[0]: diff[1:] for diff in row["d"]} for row in different}
    for id_number, values in changed.items():
        assert set(reported[id_number]) == set(values), id_number
    diff = reported[students[1].id_number]
    assert diff["单位名称"] == ["另一家公司", "广州市第1科技有限公司"]
    assert diff["落实日期"] == ["2026-01-02", "2027-05-02"]
    assert reported[students[5].id_number]["毕业去向代码"][0] == "70 待就业"  # codes shown with their names
    assert result["counts"][SAME] == 30

    # 导出不一致记录: our values, provincial layout; put them into the provincial file → no differences.
    path, count = jobs.write_mismatches(school_admin, result, False, "xlsx")
    with open(path, "rb") as handle:
        exported = rows_of(handle.read())
    Path(path).unlink()
    assert count == 4 and {row["身份证号"] for row in exported} == set(changed)
    for row in exported:
        by_id[row["身份证号"]].update(row)
    result = run(csv_bytes(rows), school_admin, "修正后.csv")
    assert result["counts"][DIFFERENT] == 0 and result["counts"][SAME] == 34


def test_csv_export_formats_round_trip(school_admin, students):
    for fmt, filename in (("csv", "a.csv"), ("csv-gbk", "b.csv")):
        data = export_all(records_of_year(), fmt)
        assert data.startswith(b"\xef\xbb\xbf") == (fmt == "csv")
        result = run(data, school_admin, filename)
        assert result["counts"][SAME] == 34 and result["counts"][DIFFERENT] == 0


def test_text_that_looks_like_a_formula_round_trips(school_admin, students):
    record = EmploymentRecord.objects.get(student=students[0])
    record.employer_address = "-1号楼"
    record.save()
    data = export_all(records_of_year(), "csv")
    assert "'-1号楼".encode() in data
    assert run(data, school_admin, "a.csv")["counts"][DIFFERENT] == 0


def test_missing_students_are_listed_only_when_active(school_admin, students):
    data = export_all(records_of_year().exclude(student__in=students[:3]))
    students[2].is_active = False
    students[2].save()
    result = run(data, school_admin)
    missing = by_status(result, NOT_IN_PROVINCE)
    assert {row["sid"] for row in missing} == {students[0].pk, students[1].pk}
    assert all(row["n"] is None and row["no"] for row in missing)
    path, count = jobs.write_mismatches(school_admin, result, True, "xlsx")
    Path(path).unlink()
    assert count == 2
    assert jobs.mismatch_ids(result, False) == []


def test_rows_are_matched_by_candidate_number_when_id_is_blank(school_admin, students):
    rows = rows_of(export_all(records_of_year().filter(student=students[0])))
    rows[0]["身份证号"] = ""
    result = run(csv_bytes(rows), school_admin, "a.csv")
    row = result["rows"][0]
    assert row["s"] == DIFFERENT and row["by"] == "candidate" and row["sid"] == students[0].pk
    assert row["d"] == [["身份证号", "", students[0].id_number]]  # the province lacks the ID number


def test_other_years_students_are_not_ours(school_admin, students):
    data = export_all(records_of_year())
    result = run(data, school_admin, year=2026)
    assert result["counts"][NOT_OURS] == 34 and result["counts"][SAME] == 0


def test_bad_rows_are_reported_with_row_number_and_reason(school_admin, students):
    rows = rows_of(export_all(records_of_year().filter(student__in=students[:5])))
    rows[0]["身份证号"] = rows[0]["身份证号"][:-1] + ("0" if rows[0]["身份证号"][-1] != "0" else "1")
    rows[1]["落实日期"] = "2027-13-01"
    rows[2]["身份证号"] = rows[2]["考生号"] = ""
    rows[3]["身份证号"] = "1.10105E+17"
    rows.append(dict(rows[4]))  # the same student twice
    result = run(csv_bytes(rows), school_admin, "a.csv")
    errors = {row["n"]: row["r"] for row in by_status(result, ERROR)}
    assert set(errors) == {2, 3, 4, 5, 7}
    assert "校验位不正确" in errors[2] and errors[2].startswith("「身份证号」")
    assert errors[3].startswith("「落实日期」") and "2027-13-01" in errors[3]
    assert "身份证号和考生号都为空" in errors[4]
    assert "科学计数法" in errors[5]
    assert "与第 6 行是同一名学生" in errors[7]
    assert by_status(result, SAME)[0]["n"] == 6


def test_pending_changes_are_not_compared(school_admin, students):
    data = export_all(records_of_year())
    record = EmploymentRecord.objects.get(student=students[0])
    record.pending_changes = {"employer_name": "学生新填的单位"}
    record.review_status = "pending"
    record.save()
    row = next(r for r in run(data, school_admin)["rows"] if r.get("sid") == students[0].pk)
    assert row["s"] == SAME and row["p"] is True


# -- scope -----------------------------------------------------------------------------------
def test_college_admin_never_sees_other_colleges_students(college_admin, students, org):
    outsiders = [s for s in students if s.major_id == org["majors"]["b1"].pk] + [org["students"]["b1"]]
    rows = rows_of(export_all(records_of_year()))
    for row in rows:
        if row["身份证号"] in {s.id_number for s in outsiders}:
            row["单位名称"] = "省系统里的单位"
    result = run(csv_bytes(rows), college_admin, "a.csv")
    outside_ids = {s.id_number for s in outsiders}
    not_ours = by_status(result, NOT_OURS)
    assert {row["id"] for row in not_ours} == outside_ids | {org["students"]["b2"].id_number}
    for row in not_ours:
        assert row["r"] == f"{OUT_OF_REACH}（2027届）"
        assert "sid" not in row and "no" not in row and "d" not in row
    text = str(result)
    for student in outsiders:
        assert student.student_number not in text
        ours = EmploymentRecord.objects.get(student=student).employer_name
        assert not ours or ours not in text
    assert result["counts"][SAME] == 26  # college A: 24 + org a1, a2
    assert result["counts"][NOT_IN_PROVINCE] == 0
    assert jobs.mismatch_queryset(college_admin, {"rows": [{"s": DIFFERENT, "sid": outsiders[0].pk}]}, False).count() == 0


def test_without_the_permission_nothing_is_compared(college_admin, students):
    college_admin.set_permissions(["students.student.view"])
    college_admin.save()
    result = run(export_all(records_of_year()), college_admin)
    assert result["counts"][NOT_OURS] == 34 and not any(row.get("sid") for row in result["rows"])


# -- bounded queries -------------------------------------------------------------------------
def test_comparison_queries_do_not_grow_with_rows(school_admin, org):
    major = MajorFactory(name="计数专业")

    def queries(count, start):
        make_students(count, major, start=start)
        data = export_all(records_of_year())
        rows = rows_of(data)
        rows[0]["毕业去向代码"] = "70"  # one difference, so code names are looked up too
        rows[1]["单位所在地代码"] = "110101"
        sheet, index = read_provincial(csv_bytes(rows), "a.csv")
        with CaptureQueriesContext(connection) as ctx:
            provincial.compare(sheet, index, school_admin, YEAR)
        return len(ctx)

    few = queries(3, 0)
    many = queries(40, 10)
    assert few == many and many <= 6, (few, many)


def test_extra_students_without_codes_compare_as_blank(school_admin, org):
    student = StudentFactory(major=org["majors"]["a1"], graduation_year=YEAR)
    rows = [{"身份证号": student.id_number, "姓名": student.name}]
    result = run(csv_bytes(rows), school_admin, "a.csv")
    row = next(r for r in result["rows"] if r.get("sid") == student.pk)
    assert row["s"] == SAME, row


def test_region_codes_exist_for_the_fixture():
    assert Code.objects.of("region").filter(code="110101").exists()
