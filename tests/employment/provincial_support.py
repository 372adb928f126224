"""Builders for the provincial comparison tests: students with approved employment records, files."""

import csv
import datetime
import io
import os
import tempfile

from careers.codes.models import Code
from careers.core.review import ReviewStatus
from careers.employment.models import EmploymentRecord
from careers.employment.provincial import format as provincial_format
from careers.employment.provincial.compare import read_provincial
from careers.employment.provincial.format import LABELS
from tests.factories import StudentFactory


def codes(kind, count=3):
    return list(Code.objects.of(kind).order_by("code")[:count])


def employ(student, i):
    """Fill `student`'s employment record with approved values (a few fields left blank on purpose)."""
    destination = codes("destination", 4)[i % 4]
    record = EmploymentRecord.objects.get(student=student)
    record.destination = destination
    record.employer_name = f"广州市第{i}科技有限公司"
    record.employer_credit_code = f"91440101MA5{i:07d}"[:18]
    record.employer_nature = codes("employer_nature")[i % 3]
    record.employer_industry = Code.objects.of("industry").get(code="01") if i % 2 else codes("industry")[0]
    record.employer_region = Code.objects.of("region").filter(level=3).order_by("code")[i % 5]
    record.employer_address = f"广州市天河区某路{i}号" if i % 3 else ""
    record.contact_person = f"联系人{i}"
    record.contact_phone = f"020-8{i:07d}" if i % 4 == 0 else f"139{i:08d}"
    record.position = "软件工程师" if i % 2 else "Java EE 开发"
    record.agreement_number = f"XY2027{i:04d}"
    record.placed_on = datetime.date(2027, 5, 1) + datetime.timedelta(days=i) if i % 5 else None
    record.study_major = "计算机科学与技术" if i % 7 == 0 else ""
    record.review_status = ReviewStatus.APPROVED
    record.save()
    return record


def make_students(count, major, start=0, year=2027):
    students = []
    for i in range(start, start + count):
        student = StudentFactory(major=major, graduation_year=year, name=f"省比对学生{i}",
                                 candidate_number=f"27440101{i:06d}")
        employ(student, i)
        students.append(student)
    return students


def export_all(queryset, fmt="xlsx"):
    """Bytes of `queryset` written in the provincial layout."""
    handle, path = tempfile.mkstemp(suffix=f".{provincial_format.EXTENSIONS[fmt]}")
    os.close(handle)
    try:
        provincial_format.write(path, fmt, queryset)
        with open(path, "rb") as stream:
            return stream.read()
    finally:
        os.unlink(path)


def rows_of(data, filename="省系统.xlsx"):
    """[{column: value}] of a provincial file (the same reader the comparison uses)."""
    sheet, index = read_provincial(data, filename)
    return [{label: cells[index[label]] for label in LABELS} for _, cells in sheet.rows]


def csv_bytes(rows, encoding="utf-8-sig", headers=LABELS):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(label, "") for label in headers])
    return buffer.getvalue().encode(encoding)
