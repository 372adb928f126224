"""批量审核 in bulk SQL (careers.core.review.ReviewActions._approve_in_bulk) for students, dispatch and
employment records: a number of queries that does not grow with the selection, a history row and an
operation-log entry per record, and still all-or-nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from stdnum.cn import uscc

from careers.codes.models import Code
from careers.core import review
from careers.core.models import OperationLog
from careers.employment.dispatch import actions as actions_dispatch
from careers.employment.outcomes import actions as actions_employment
from careers.employment.models import DispatchRecord, EmploymentRecord
from careers.students.records import review as actions_review
from careers.students.models import Student
from tests.factories import MajorFactory, StudentFactory

pytestmark = pytest.mark.django_db


def code(kind, value):
    return Code.objects.of(kind).get(code=value)


def students(count):
    major = MajorFactory()
    return [StudentFactory(major=major) for _ in range(count)]


def student_reports(count, **extra):
    """`count` students who reported a new 民族 and 家庭地址 (待审核)."""
    reported = students(count)
    for student in reported:
        review.submit(student, {"ethnicity": code("ethnicity", "02"), "home_address": "天河路 1 号", **extra})
        student.save()
    return reported


def dispatch_reports(count):
    records = [DispatchRecord.objects.get(student=s) for s in students(count)]
    for record in records:
        review.submit(record, {"kind": DispatchRecord.Kind.EMPLOYER, "receiving_unit": "广州星辰科技有限公司",
                               "receiving_region": code("region", "440106"), "report_postal_code": "510665"})
        record.save()
    return records


def employment_reports(count):
    body = "91440101000000001"
    values = {"destination": code("destination", "10"), "employer_name": "广州星辰科技有限公司",
              "employer_credit_code": body + uscc.calc_check_digit(body),
              "employer_nature": code("employer_nature", "39"), "employer_industry": code("industry", "65"),
              "employer_region": code("region", "440106"), "employer_address": "天河路 1 号",
              "contact_person": "王经理", "contact_phone": "13812345678", "position": "软件工程师",
              "placed_on": datetime.date(2027, 3, 1)}
    records = [EmploymentRecord.objects.get(student=s) for s in students(count)]
    for record in records:
        review.submit(record, values)
        record.save()
    return records


CASES = {
    "students": (student_reports, actions_review.bulk_approve, Student),
    "dispatch": (dispatch_reports, actions_dispatch.bulk_approve, DispatchRecord),
    "employment": (employment_reports, actions_employment.bulk_approve, EmploymentRecord),
}


def approve_counting(case, count, user):
    make, approve, model = CASES[case]
    records = make(count)
    with CaptureQueriesContext(connection) as queries:
        assert approve(records, acting_user=user) == count
    return records, len(queries)


@pytest.mark.parametrize("case", CASES)
def test_bulk_approve_queries_do_not_grow_with_the_selection(case, school_admin):
    _, few = approve_counting(case, 2, school_admin)
    _, many = approve_counting(case, 8, school_admin)
    assert many == few, f"{case}: {few} queries for 2 records, {many} for 8"
    assert few <= 25


@pytest.mark.parametrize("case", CASES)
def test_bulk_approve_writes_history_and_a_log_entry_per_record(case, school_admin):
    model = CASES[case][2]
    logs_before = OperationLog.objects.count()
    records, _ = approve_counting(case, 3, school_admin)
    for record in records:
        record.refresh_from_db()
        assert record.review_status == review.ReviewStatus.APPROVED and record.pending_changes == {}
        assert record.reviewed_at is not None
        latest = model.history.filter(id=record.pk).latest("history_id")
        assert latest.history_type == "~" and latest.history_user_id == school_admin.pk
        assert latest.review_status == review.ReviewStatus.APPROVED and "审核通过" in latest.history_change_reason
        entry = OperationLog.objects.get(object_type=f"{model._meta.app_label}.{model._meta.model_name}",
                                         object_id=str(record.pk), message__contains="审核通过")
        assert entry.user_id == school_admin.pk and entry.changes
    # one entry per record and the summary of the whole selection
    assert OperationLog.objects.count() - logs_before == len(records) + 1
    assert OperationLog.objects.filter(message__startswith="批量审核通过 3 条").exists()


def test_bulk_approve_applies_the_reported_values(school_admin):
    records, _ = approve_counting("students", 2, school_admin)
    for student in records:
        student.refresh_from_db()
        assert student.ethnicity.code == "02" and student.home_address == "天河路 1 号"
        changes = OperationLog.objects.get(object_id=str(student.pk), object_type="students.student").changes
        assert changes["ethnicity"][1] == code("ethnicity", "02").name


@pytest.mark.parametrize("bad", [{"email": "broken"}, {"origin_region": 999999999}])
def test_one_invalid_record_approves_nothing_and_writes_nothing(school_admin, bad):
    good = student_reports(3)
    wrong = student_reports(1)[0]
    Student.objects.filter(pk=wrong.pk).update(pending_changes={**wrong.pending_changes, **bad})
    history, logs = Student.history.count(), OperationLog.objects.count()
    with pytest.raises(ValidationError) as exc:
        actions_review.bulk_approve([*good, wrong], acting_user=school_admin)
    assert wrong.student_number in exc.value.messages[0]
    assert Student.history.count() == history and OperationLog.objects.count() == logs
    assert set(Student.objects.filter(pk__in=[s.pk for s in [*good, wrong]])
               .values_list("review_status", flat=True)) == {review.ReviewStatus.PENDING}


def test_clean_many_checks_unique_fields_against_the_table_and_within_the_selection(school_admin):
    first, second = students(2)
    other = StudentFactory()
    first.id_number = other.id_number
    with pytest.raises(ValidationError) as exc:
        review.clean_many([first, second], exclude=("user",))
    assert first.student_number in exc.value.messages[0]
    first.refresh_from_db()
    second.student_number = first.student_number  # the same number twice in one selection
    with pytest.raises(ValidationError):
        review.clean_many([first, second], exclude=("user",))
    second.refresh_from_db()
    review.clean_many([first, second], exclude=("user",))  # as they are: valid


def test_invalid_dispatch_report_in_a_selection_approves_nothing(school_admin):
    records = dispatch_reports(3)
    DispatchRecord.objects.filter(pk=records[1].pk).update(
        pending_changes={**records[1].pending_changes, "report_postal_code": "12"})
    with pytest.raises(ValidationError) as exc:
        actions_dispatch.bulk_approve(records, acting_user=school_admin)
    assert "邮政编码" in exc.value.messages[0]
    assert not DispatchRecord.objects.filter(pk__in=[r.pk for r in records], review_status="approved").exists()


def test_dispatch_initialise_queries_do_not_grow_and_every_record_is_audited(school_admin):
    def initialise(count):
        records = dispatch_reports(count)
        DispatchRecord.objects.filter(pk__in=[r.pk for r in records]).update(review_status="approved",
                                                                                 pending_changes={})
        history = DispatchRecord.history.count()
        with CaptureQueriesContext(connection) as queries:
            assert actions_dispatch.reinitialise(records, acting_user=school_admin) == count
        assert DispatchRecord.history.count() - history == count
        for record in records:
            record.refresh_from_db()
            assert record.kind == "origin" and record.review_status == "empty"
            assert OperationLog.objects.filter(object_type="employment.dispatchrecord", object_id=str(record.pk),
                                               message__contains="初始化派遣信息").exists()
        return len(queries)

    assert initialise(2) == initialise(8)
