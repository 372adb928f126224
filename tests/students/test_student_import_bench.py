"""seed_students (benchmark data): valid, unique, realistic rows with accounts and records."""

import pytest
from django.core.management import call_command

from careers.employment.models import DispatchRecord, EmploymentRecord
from careers.students.records.importers import check_id_number
from careers.students.models import Student

pytestmark = pytest.mark.django_db


def test_seed_students_makes_valid_students_with_accounts_and_runs_again():
    call_command("seed_students", "300", "--batch", "120", verbosity=0)
    call_command("seed_students", "50", verbosity=0)
    seeded = Student.objects.filter(student_number__startswith="S")
    assert seeded.count() == 350
    assert seeded.filter(user__isnull=False).count() == 350
    assert DispatchRecord.objects.filter(student__in=seeded).count() == 350
    assert EmploymentRecord.objects.filter(student__in=seeded).count() == 350
    sample = list(seeded[:100])
    assert all(check_id_number(s.id_number)[2] == s.gender for s in sample)  # checksum, birth date, sex
    assert all(s.graduation_year - s.enrolment_year in (3, 4) for s in sample)
    assert len({s.major_id for s in seeded}) >= 20
    assert seeded.filter(is_active=False).exists() and seeded.filter(gender="2").exists()


def test_export_writer_fast_path_matches_the_object_path(tmp_path):
    """exports.write_xlsx reads a QuerySet with values_list; the result equals the per-object path."""
    import io

    from python_calamine import CalamineWorkbook

    from bench.bench_students import export_fields
    from careers.core.exports import write_xlsx

    call_command("seed_students", "40", verbosity=0)
    Student.objects.filter(pk=Student.objects.order_by("pk").first().pk).update(
        name="=cmd|' /C calc'!A0", home_address=" <b>&\x07 ")
    fields = export_fields()
    queryset = Student.objects.select_related("major__college", "user").order_by("pk")
    fast, slow = tmp_path / "fast.xlsx", tmp_path / "slow.xlsx"
    assert write_xlsx(fast, fields, queryset, "学生:名单") == 40
    assert write_xlsx(slow, fields, iter(list(queryset)), "学生:名单") == 40

    def cells(path):
        book = CalamineWorkbook.from_filelike(io.BytesIO(path.read_bytes()))
        assert book.sheet_names == ["学生名单"]
        return book.get_sheet_by_name(book.sheet_names[0]).to_python()

    rows = cells(fast)
    assert rows == cells(slow)
    assert rows[0][:3] == ["学号", "姓名", "性别"] and len(rows[0]) == 30
    first = rows[1]
    assert first[1] == "'=cmd|' /C calc'!A0"  # formula injection neutralised
    assert first[2] in ("男", "女") and first[24] == " <b>& "  # choices shown by label; XML escaped
    assert isinstance(first[11], float) and first[11] >= 2024  # numbers stay numbers
