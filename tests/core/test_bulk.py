"""careers.core.bulk: COPY-based inserts on PostgreSQL, bulk_create elsewhere, same results."""

import datetime

import pytest
from django.utils import timezone

from careers.accounts.models import User
from careers.codes.models import Code
from careers.core.bulk import fast_insert, fast_insert_history
from careers.core.models import OperationLog
from careers.employment.models import DispatchRecord, EmploymentRecord
from careers.students.actions import create_students
from careers.students.models import Student
from tests.factories import MajorFactory, StudentFactory

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.postgres_only  # the COPY path


def code(kind, value):
    return Code.objects.of(kind).get(code=value)


def unsaved_students(count=3, *, prefix="B"):
    major = MajorFactory()
    status = code("enrolment_status", "01")
    submitted = timezone.now().replace(microsecond=123456)
    students = []
    for i in range(count):
        students.append(Student(
            student_number=f"{prefix}{i:05d}", name=f"批量学生{i}", gender="1" if i % 2 else "2",
            id_number=f"{prefix}{i:017d}"[-18:], candidate_number="" if i % 2 else f"23{i:06d}",
            birth_date=datetime.date(2004, 2, 29) if i % 2 else None,
            ethnicity=code("ethnicity", "01") if i % 2 else None, political_status=None,
            enrolment_year=2023, graduation_year=2027, major=major, enrolment_status=status,
            is_active=bool(i % 2), phone="13800000000", email=f"b{i}@example.com",
            home_address="含'引号\"、反斜杠\\、制表符\t和换行\n的地址",
            pending_changes={"phone": "139", "nested": {"列表": [1, 2.5, None, True]}} if i % 2 else {},
            submitted_at=submitted if i % 2 else None,
        ))
    return students


def row_values(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def test_fast_insert_round_trips_every_field_type():
    students = unsaved_students(4)
    users = fast_insert(User, [User(username=s.student_number, name=s.name, kind=User.Kind.STUDENT,
                                    password="!x", permissions=["a", "b"]) for s in students])
    for student, user in zip(students, users):
        student.user = user
    created = fast_insert(Student, students)

    assert all(s.pk is not None and not s._state.adding for s in created)
    assert all(s.created_at is not None and s.updated_at is not None for s in created)  # auto_now(_add) applied
    for student in created:
        stored = Student.objects.get(pk=student.pk)
        assert row_values(stored) == row_values(student)
        assert stored.user.permissions == ["a", "b"]
    odd = Student.objects.get(pk=created[1].pk)
    assert odd.pending_changes["nested"]["列表"] == [1, 2.5, None, True]
    assert odd.birth_date == datetime.date(2004, 2, 29) and odd.political_status_id is None
    assert Student.objects.get(pk=created[0].pk).submitted_at is None


@postgres_only
def test_primary_keys_come_from_the_sequence_and_match_the_rows():
    existing = StudentFactory()
    created = fast_insert(Student, unsaved_students(50), batch_size=7)  # several COPY batches
    pks = [s.pk for s in created]
    assert len(set(pks)) == 50 and existing.pk not in pks
    stored = dict(Student.objects.filter(pk__in=pks).values_list("pk", "student_number"))
    assert stored == {s.pk: s.student_number for s in created}
    # the sequence moved on: an ordinary insert afterwards does not collide
    later = StudentFactory()
    assert later.pk > max(pks)


@postgres_only
def test_values_needing_conversion_on_postgres():
    students = unsaved_students(2)
    students[0].graduation_year = "2028"  # a string for an integer field goes through get_db_prep_save
    students[1].submitted_at = datetime.datetime(2026, 3, 1, 8, 30)  # naive: made aware like the ORM does
    with pytest.warns(RuntimeWarning):
        created = fast_insert(Student, students)
    assert Student.objects.get(pk=created[0].pk).graduation_year == 2028
    assert Student.objects.get(pk=created[1].pk).submitted_at == timezone.make_aware(
        datetime.datetime(2026, 3, 1, 8, 30))


@postgres_only
def test_expressions_are_refused():
    from django.db.models import Value

    student = unsaved_students(1)[0]
    student.name = Value("x")
    with pytest.raises(TypeError):
        fast_insert(Student, [student])


def test_history_rows_match_simple_history(school_admin):
    students = fast_insert(Student, unsaved_students(3))
    students[2]._change_reason = "单独的原因"
    count = fast_insert_history(Student, students, user=school_admin, reason=None)

    assert count == 3
    rows = {h.id: h for h in Student.history.filter(id__in=[s.pk for s in students])}
    assert set(rows) == {s.pk for s in students}
    tracked = [f.attname for f in Student.history.model.tracked_fields]
    for student in students:
        history = rows[student.pk]
        assert history.history_type == "+"
        assert history.history_user_id == school_admin.pk
        assert {name: getattr(history, name) for name in tracked} == {name: getattr(student, name) for name in tracked}
        assert history.instance.student_number == student.student_number
    assert rows[students[0].pk].history_change_reason is None
    assert rows[students[2].pk].history_change_reason == "单独的原因"
    assert students[0].history.count() == 1 and students[0].history.first().history_type == "+"


def test_history_rows_without_a_user_take_the_instance_user_or_none(school_admin):
    students = fast_insert(Student, unsaved_students(2))
    students[1]._history_user = school_admin
    fast_insert_history(Student, students, reason="导入")
    first, second = (Student.history.get(id=s.pk) for s in students)
    assert first.history_user_id is None and second.history_user_id == school_admin.pk
    assert first.history_change_reason == second.history_change_reason == "导入"


def test_create_students_writes_everything_and_logs_no_row_events(school_admin):
    before = OperationLog.objects.count()
    created = create_students(unsaved_students(5), acting_user=school_admin, batch_size=2)

    assert Student.objects.filter(pk__in=[s.pk for s in created]).count() == 5
    for student in created:
        stored = Student.objects.select_related("user").get(pk=student.pk)
        assert stored.user.username == student.student_number and stored.user.initial_credential
        assert stored.birth_date is not None or stored.id_number  # taken from the ID where it can be
    assert DispatchRecord.objects.filter(student__in=created).count() == 5
    assert EmploymentRecord.objects.filter(student__in=created).count() == 5
    assert Student.history.filter(id__in=[s.pk for s in created], history_type="+",
                                  history_user=school_admin).count() == 5
    assert OperationLog.objects.count() == before  # the import logs one event itself


def test_a_few_hundred_wide_rows_are_one_insert_on_every_database():
    """Not an INSERT per ~20 students on SQLite (Django's assumed 999-parameter limit; careers.core.sqlite)."""
    from django.db import connection

    from careers.core.bulk import _insert_fields

    students = unsaved_students(300)
    assert connection.ops.bulk_batch_size(_insert_fields(Student), students) >= 300


def test_empty_input():
    assert fast_insert(Student, []) == []
    assert fast_insert_history(Student, []) == 0


def test_rows_numbered_by_the_table_when_nobody_reads_their_keys():
    """set_pks=False (an imported student's dispatch/employment records): no key query, rows numbered in order."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    students = fast_insert(Student, unsaved_students(3))
    with CaptureQueriesContext(connection) as ctx:
        fast_insert(EmploymentRecord, [EmploymentRecord(student=s) for s in students], set_pks=False)
    records = list(EmploymentRecord.objects.filter(student__in=students).order_by("pk"))
    assert [r.student_id for r in records] == [s.pk for s in students]
    if connection.vendor == "postgresql":
        assert not any("nextval" in q["sql"] for q in ctx.captured_queries)
    # history rows are numbered by the table too, in the objects' order
    fast_insert_history(Student, students)
    history = list(Student.history.filter(id__in=[s.pk for s in students]).order_by("history_id"))
    assert [h.id for h in history] == [s.pk for s in students]


def test_pks_matching_finds_rows_by_any_unique_field():
    from careers.core.bulk import pks_matching

    first, second, third = fast_insert(Student, unsaved_students(3, prefix="M"))
    found = pks_matching(Student, student_number=[first.student_number, "nobody"],
                         id_number=[second.id_number, first.id_number])
    assert sorted(found) == sorted([first.pk, second.pk])  # each once, whichever field matched
    assert pks_matching(Student, student_number=[], id_number=[]) == []
    with pytest.raises(ValueError):
        pks_matching(Student, name=["批量学生0"])  # not unique: LIMIT 1 per value would miss rows


def test_in_values_is_an_in_list_on_every_database():
    from careers.core.bulk import in_values

    students = fast_insert(Student, unsaved_students(3, prefix="V"))
    numbers = [students[0].student_number, students[2].student_number, "nobody"]
    assert sorted(Student.objects.filter(in_values("student_number", numbers)).values_list("pk", flat=True)) == \
        sorted([students[0].pk, students[2].pk])
    assert not Student.objects.filter(in_values("student_number", [])).exists()
    either = in_values("student_number", [students[1].student_number]) | in_values("id_number", [students[0].id_number])
    assert Student.objects.filter(either).count() == 2


def test_paused_gc_resumes_after_the_outermost_pause():
    import gc

    from careers.core.bulk import paused_gc

    assert gc.isenabled()
    with paused_gc():
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()  # was off before: stays off
    finally:
        gc.enable()
