"""A student is told in the inbox when an admin decides on what they reported (生源信息, 派遣信息, 就业信息):
approved, or not approved with the reason; one message per student in a bulk approval."""

import pytest

from careers.core.models import MessageDelivery
from careers.employment.dispatch.actions import reviews as dispatch_reviews
from careers.employment.models import DispatchRecord
from careers.students.records.review import approve_changes, reject_changes, reviews as student_reviews
from tests.factories import code
from tests.students.accounts_support import accounts, private_media  # noqa: F401

pytestmark = pytest.mark.django_db


def inbox(student):
    return list(MessageDelivery.objects.filter(recipient_id=student.user_id, channel="inbox")
                .select_related("message").order_by("pk"))


def submit_ethnicity(student):
    student.pending_changes = {"ethnicity": code("ethnicity", "01").pk}
    student.review_status = "pending"
    student.save()


def test_rejection_carries_the_reason_and_approval_says_so(accounts, school_admin):
    me = accounts["a1"]
    submit_ethnicity(me)
    reject_changes(me, reason="民族与档案不符，请核对", acting_user=school_admin)
    [notice] = inbox(me)
    assert notice.message.subject == "您的生源信息未通过审核"
    assert "民族与档案不符，请核对" in notice.message.body and notice.message.link == "/me/profile/"
    submit_ethnicity(me)
    approve_changes(me, acting_user=school_admin)
    assert inbox(me)[-1].message.subject == "您的生源信息已审核通过"


def test_bulk_approval_tells_each_student_once(accounts, school_admin):
    students = [accounts["a1"], accounts["a2"]]
    for student in students:
        submit_ethnicity(student)
    assert student_reviews.bulk_approve(students, acting_user=school_admin) == 2
    for student in students:
        assert [d.message.subject for d in inbox(student)] == ["您的生源信息已审核通过"]


def test_dispatch_rejection_is_told_with_a_link_to_the_report(accounts, school_admin):
    me = accounts["a1"]
    record = DispatchRecord.objects.get(student=me)
    record.pending_changes, record.review_status = {"receiving_unit": "某公司"}, "pending"
    record.save()
    dispatch_reviews.reject(record, reason="单位名称与协议不符", acting_user=school_admin)
    [notice] = inbox(me)
    assert notice.message.subject == "您的派遣信息未通过审核" and notice.message.link == "/me/dispatch/"
