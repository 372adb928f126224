"""导入学生基本信息 stays fast at 5,000 rows (bench student_import_5000 ≤ 3 s): the check and the commit
make a number of queries that does not grow with the rows, and what every commit batch needs (the
在籍 status, the 主管单位 for 回生源地) is loaded once per import, not once per batch."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.core.imports import get_spec, read_table, runner
from careers.core.imports.session import ImportSession
from careers.employment.dispatch.authorities import load_authorities
from careers.employment.models import DispatchRecord
from careers.students.records.importers import StudentImport
from careers.students.models import Student
from tests.students.test_student_import import SLUG, private_media, row, school, xlsx  # noqa: F401

pytestmark = pytest.mark.django_db


def import_rows(numbers, user):
    """Check then commit rows `numbers` through the runner; the queries of each step."""
    spec = get_spec(SLUG)
    data = xlsx([row(n) for n in numbers])
    sheet = read_table(data, "s.xlsx", max_rows=spec.max_rows)
    session = ImportSession.create(spec, user, "s.xlsx", data, sheet)
    mapping = {f.name: f.label for f in spec.fields}
    with CaptureQueriesContext(connection) as checked:
        report, _ = runner.check(spec, session, mapping, user)
    assert report["counts"]["create"] == len(numbers), report
    with CaptureQueriesContext(connection) as committed:
        runner.commit(spec, session, user)
    return [q["sql"] for q in checked], [q["sql"] for q in committed]


def test_import_queries_do_not_grow_with_the_rows(school, school_admin):
    load_authorities()
    check_few, commit_few = import_rows(range(1, 6), school_admin)
    check_many, commit_many = import_rows(range(11, 41), school_admin)
    assert len(check_many) == len(check_few)
    assert len(commit_many) == len(commit_few)
    assert Student.objects.filter(student_number__startswith="2023").count() == 35
    assert DispatchRecord.objects.filter(kind="origin", supervising_authority__isnull=False).count() == 35


def test_commit_batches_share_the_lookups(school, school_admin, monkeypatch):
    """The commit writes in batches (progress between them); the lookups are not repeated per batch."""
    load_authorities()
    monkeypatch.setattr(StudentImport, "commit_batch_size", 4)
    _, committed = import_rows(range(1, 13), school_admin)  # 3 batches
    assert sum('"employment_supervisingauthority"' in sql for sql in committed) == 1
    assert sum(sql.startswith("SELECT") and "'enrolment_status'" in sql for sql in committed) == 1
    assert Student.objects.filter(student_number__startswith="2023").count() == 12
