"""The commit reuses the check's results when nothing they depend on changed (core/imports/reuse.py), and
re-validates — refusing the import — when anything did: a student with the same 学号, a major renamed or
deleted, a code renamed, the importer's managed majors. What it writes is what a full re-validation writes."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.codes.models import Code
from careers.core.imports import get_spec, read_table, reuse, runner
from careers.core.imports.runner import validate
from careers.core.imports.session import ImportSession
from careers.core.imports.spec import ImportContext
from careers.org.models import Major
from careers.students.records.importers import StudentImport
from careers.students.models import Student
from tests.factories import MajorFactory, StudentFactory
from tests.students.test_student_import import SLUG, id_number, private_media, row, school, xlsx  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows_validated(monkeypatch):
    """How many rows StudentImport.clean_row checked since the fixture started (reset with .clear())."""
    seen = []
    original = StudentImport.clean_row

    def counting(self, values, context):
        seen.append(values["student_number"])
        return original(self, values, context)

    monkeypatch.setattr(StudentImport, "clean_row", counting)
    return seen


def checked_session(user, rows):
    spec = get_spec(SLUG)
    data = xlsx(rows)
    session = ImportSession.create(spec, user, "s.xlsx", data, read_table(data, "s.xlsx", max_rows=spec.max_rows))
    report, _ = runner.check(spec, session, {f.name: f.label for f in spec.fields}, user)
    return spec, session, report


def commit(spec, session, user):
    return runner.commit(spec, session, user)


def full_revalidation(spec, session, user):
    """The rows a re-validation from scratch would write: (row, action, payload)."""
    results = validate(spec, session.sheet(), session.load_report()["mapping"], ImportContext(spec, user))
    return [(r.row, r.action, r.payload) for r in results if r.ok and r.action in reuse.WRITTEN]


def test_commit_reuses_the_check_when_nothing_changed(school, school_admin, rows_validated):
    spec, session, report = checked_session(school_admin, [row(1), row(2), row(3, 学号="bad number")])
    assert report["counts"] == {**report["counts"], "create": 2, "error": 1}
    assert report["fingerprint"]
    rows_validated.clear()
    with CaptureQueriesContext(connection) as queries:
        counts = commit(spec, session, school_admin)
    assert rows_validated == []  # no row checked again
    assert counts == {"create": 2, "update": 0, "skip": 0, "error": 1}
    assert sorted(Student.objects.filter(student_number__startswith="2023").values_list("name", flat=True)) == \
        ["学生1", "学生2"]
    # the lookups were read once, for the fingerprint: one query each, not the per-field checks
    assert sum('FROM "org_major"' in q["sql"] for q in queries) <= 2


def test_reused_results_are_what_a_full_revalidation_writes(school, school_admin):
    spec, session, report = checked_session(
        school_admin, [row(1), row(2, 性别="", 手机号码="138 0000 0002", 毕业年份="2027.0"), row(3, 生源地="440305")])
    key = runner.fingerprint(spec, session, session.sheet(), report["mapping"],
                             ImportContext(spec, school_admin, session.meta.get("extra")))
    reused = reuse.load(session, key, report)
    assert [(r.row, r.action, r.payload) for r in reused] == full_revalidation(spec, session, school_admin)


def test_a_commit_in_another_process_uses_the_stored_results(school, school_admin, rows_validated):
    spec, session, _ = checked_session(school_admin, [row(1), row(2)])
    reuse._MEMO.clear()  # what a Celery worker that did not run the check has
    rows_validated.clear()
    commit(spec, session, school_admin)
    assert rows_validated == []
    assert Student.objects.filter(student_number__startswith="2023").count() == 2


def test_stored_results_that_differ_from_the_report_are_not_trusted(school, school_admin, rows_validated):
    spec, session, _ = checked_session(school_admin, [row(1), row(2)])
    reuse._MEMO.clear()
    stored = json.loads(session.read_file(reuse.FILENAME))
    stored["rows"][0][2]["name"] = "别人"  # tampered with, or from another check
    session.put_file(reuse.FILENAME, json.dumps(stored).encode())
    rows_validated.clear()
    commit(spec, session, school_admin)
    assert len(rows_validated) == 2  # re-validated: the report's digest did not match
    assert not Student.objects.filter(name="别人").exists()
    assert Student.objects.filter(name="学生1").exists()


def test_an_unrelated_change_re_validates_and_commits(school, school_admin, rows_validated):
    spec, session, _ = checked_session(school_admin, [row(1), row(2)])
    MajorFactory(college=school["college_b"], name="新专业")  # changes the majors' fingerprint, not the rows
    rows_validated.clear()
    counts = commit(spec, session, school_admin)
    assert len(rows_validated) == 2
    assert counts["create"] == 2


def refused(spec, session, user, rows_validated):
    rows_validated.clear()
    with pytest.raises(runner.JobError) as error:
        commit(spec, session, user)
    assert rows_validated, "the commit must re-validate"
    assert not Student.objects.filter(student_number="2023000001").exists()  # nothing written
    return str(error.value)


def test_a_student_with_the_same_number_created_since_the_check(school, school_admin, rows_validated):
    spec, session, _ = checked_session(school_admin, [row(1), row(2)])
    StudentFactory(student_number="2023000002", id_number=id_number(2), major=school["iot_plain"])
    message = refused(spec, session, school_admin, rows_validated)
    assert "数据在检查之后发生了变化：第 3 行" in message
    assert Student.objects.filter(student_number="2023000002").count() == 1


def test_a_student_with_the_same_number_changed_since_the_check(school, school_admin, rows_validated):
    """The same student already there (无变化), then moved to another year before the commit."""
    existing = StudentFactory(student_number="2023000002", id_number=id_number(2), major=school["iot"],
                              graduation_year=2027)
    spec, session, report = checked_session(school_admin, [row(1), row(2)])
    assert report["counts"]["skip"] == 1
    Student.objects.filter(pk=existing.pk).update(graduation_year=2028)
    assert "第 3 行" in refused(spec, session, school_admin, rows_validated)


def test_a_major_renamed_since_the_check(school, school_admin, rows_validated):
    spec, session, _ = checked_session(school_admin, [row(1), row(2)])
    Major.objects.filter(pk=school["iot"].pk).update(name="物联网工程（新）")
    assert "数据在检查之后发生了变化：第 2 行" in refused(spec, session, school_admin, rows_validated)


def test_a_major_deleted_since_the_check(school, school_admin, rows_validated):
    spec, session, _ = checked_session(school_admin, [row(1)])
    school["iot"].delete()
    assert "第 2 行" in refused(spec, session, school_admin, rows_validated)


def test_a_major_deactivated_since_the_check(school, school_admin, rows_validated):
    spec, session, _ = checked_session(school_admin, [row(1)])
    Major.objects.filter(pk=school["iot"].pk).update(is_active=False)
    assert "第 2 行" in refused(spec, session, school_admin, rows_validated)


def test_a_code_renamed_since_the_check(school, school_admin, rows_validated):
    spec, session, _ = checked_session(school_admin, [row(1)])
    Code.objects.of("ethnicity").filter(name="汉族").update(name="汉族（改）")
    assert "第 2 行" in refused(spec, session, school_admin, rows_validated)


def test_the_importers_managed_majors_changed_since_the_check(school, college_admin, rows_validated):
    spec, session, report = checked_session(college_admin, [row(1, 专业名称="甲专业一", 专业方向="")])
    assert report["counts"]["create"] == 1
    college_admin.managed_majors.set([school["majors"]["a2"]])
    assert "第 2 行" in refused(spec, session, college_admin, rows_validated)


def test_a_new_check_replaces_the_stored_results(school, school_admin, rows_validated):
    spec, session, _ = checked_session(school_admin, [row(1)])
    runner.start_check(spec, session, {f.name: f.label for f in spec.fields}, school_admin)
    stored = json.loads(session.read_file(reuse.FILENAME))
    assert stored["fingerprint"] == session.load_report()["fingerprint"]
    rows_validated.clear()
    commit(spec, session, school_admin)
    assert rows_validated == []
    assert Student.objects.filter(student_number="2023000001").exists()


def test_the_fingerprint_does_not_depend_on_row_order_in_the_database(school, school_admin):
    """The existing students, majors and codes are digested in a fixed order (a plan change between the check and
    the commit must not force a re-validation, nor hide a change)."""
    StudentFactory(student_number="2023000002", id_number=id_number(2), major=school["iot"], graduation_year=2027)
    StudentFactory(student_number="2023000003", id_number=id_number(3), major=school["iot"], graduation_year=2027)
    spec = get_spec(SLUG)
    rows = [(2, {"student_number": "2023000003", "id_number": id_number(3)}),
            (3, {"student_number": "2023000002", "id_number": id_number(2)})]
    first = spec.inputs(ImportContext(spec, school_admin), rows)
    second = spec.inputs(ImportContext(spec, school_admin), list(reversed(rows)))
    assert first == second
    assert [s["student_number"] for s in first["existing"]] == ["2023000002", "2023000003"]
