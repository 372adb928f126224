"""转移数据 and 专业转移审核: direct transfers, the approval flow, scope and history."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.students.records.review import (
    decide_transfer,
    request_transfer,
    set_transfer_approval,
    transfer_student,
)
from careers.students.models import MajorTransfer, StudentSettings
from tests.factories import StudentFactory, UserFactory
from tests.students.review_support import college_b_admin, logs_for  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def approval_on(school_admin):
    set_transfer_approval(True, acting_user=school_admin)


def test_school_admin_transfer_applies_at_once_and_keeps_history(org, school_admin):
    student, target = org["students"]["a1"], org["majors"]["b1"]
    transfer = request_transfer(student, to_major=target, to_year=2028, reason="休学一年，延后毕业",
                                acting_user=school_admin)
    student.refresh_from_db()
    assert (student.major, student.graduation_year) == (target, 2028)
    assert transfer.status == MajorTransfer.Status.APPROVED
    assert (transfer.from_major, transfer.from_year, transfer.to_year) == (org["majors"]["a1"], 2027, 2028)
    assert logs_for(student, message__startswith="转移数据").get().changes["graduation_year"] == ["2027", "2028"]


def test_reason_is_required_and_a_no_op_is_refused(org, school_admin):
    student = org["students"]["a1"]
    with pytest.raises(ValidationError, match="转移原因"):
        transfer_student(student, to_major=org["majors"]["a2"], to_year=2028, reason="", acting_user=school_admin)
    with pytest.raises(ValidationError, match="无需转移"):
        transfer_student(student, to_major=student.major, to_year=2027, reason="x", acting_user=school_admin)
    assert not MajorTransfer.objects.exists()


def test_college_admin_transfers_within_own_majors_at_once(org, college_admin):
    student = org["students"]["a1"]
    transfer = request_transfer(student, to_major=org["majors"]["a2"], to_year=2028, reason="转专业",
                                acting_user=college_admin)
    assert transfer.status == MajorTransfer.Status.APPROVED
    student.refresh_from_db()
    assert student.major == org["majors"]["a2"]


def test_without_approval_flow_out_of_scope_target_is_refused(org, college_admin):
    student = org["students"]["a1"]
    with pytest.raises(PermissionDenied):
        request_transfer(student, to_major=org["majors"]["b1"], to_year=2028, reason="x", acting_user=college_admin)
    student.refresh_from_db()
    assert student.major == org["majors"]["a1"] and not MajorTransfer.objects.exists()


def test_college_admin_cannot_transfer_another_colleges_student(org, college_admin, approval_on):
    with pytest.raises(PermissionDenied):
        request_transfer(org["students"]["b1"], to_major=org["majors"]["a1"], to_year=2028, reason="x",
                         acting_user=college_admin)
    assert not MajorTransfer.objects.exists()


def test_approval_flow_in_college_admin_approves(org, college_admin, college_b_admin, approval_on):
    student = org["students"]["a1"]
    transfer = request_transfer(student, to_major=org["majors"]["b1"], to_year=2028, reason="转入乙学院",
                                acting_user=college_admin)
    assert transfer.status == MajorTransfer.Status.PENDING
    student.refresh_from_db()
    assert student.major == org["majors"]["a1"], "nothing moves before approval"
    with pytest.raises(PermissionDenied):  # the out-college admin cannot approve their own request
        decide_transfer(transfer, approve=True, note="", acting_user=college_admin)
    decide_transfer(transfer, approve=True, note="同意转入", acting_user=college_b_admin)
    student.refresh_from_db()
    transfer.refresh_from_db()
    assert (student.major, student.graduation_year) == (org["majors"]["b1"], 2028)
    assert transfer.status == MajorTransfer.Status.APPROVED and transfer.decided_by == college_b_admin
    assert logs_for(transfer, message__startswith="专业转移审核通过").exists()
    with pytest.raises(ValidationError, match="已审核"):
        decide_transfer(transfer, approve=False, note="x", acting_user=college_b_admin)


def test_approval_flow_reject_needs_a_note_and_moves_nothing(org, college_admin, college_b_admin, approval_on):
    student = org["students"]["a1"]
    transfer = request_transfer(student, to_major=org["majors"]["b1"], to_year=2028, reason="x",
                                acting_user=college_admin)
    with pytest.raises(ValidationError, match="驳回原因"):
        decide_transfer(transfer, approve=False, note="", acting_user=college_b_admin)
    decide_transfer(transfer, approve=False, note="名额已满", acting_user=college_b_admin)
    transfer.refresh_from_db()
    student.refresh_from_db()
    assert transfer.status == MajorTransfer.Status.REJECTED and transfer.decision_note == "名额已满"
    assert student.major == org["majors"]["a1"]


def test_a_second_pending_request_is_refused(org, college_admin, approval_on):
    student = org["students"]["a1"]
    request_transfer(student, to_major=org["majors"]["b1"], to_year=2028, reason="x", acting_user=college_admin)
    with pytest.raises(ValidationError, match="待审核"):
        request_transfer(student, to_major=org["majors"]["b2"], to_year=2028, reason="y", acting_user=college_admin)


def test_stale_request_cannot_be_approved(org, college_admin, college_b_admin, approval_on):
    student = org["students"]["a1"]
    transfer = request_transfer(student, to_major=org["majors"]["b1"], to_year=2028, reason="x",
                                acting_user=college_admin)
    transfer_student(student, to_major=org["majors"]["a2"], to_year=2027, reason="先转本院", acting_user=college_admin)
    with pytest.raises(ValidationError, match="已变化"):
        decide_transfer(transfer, approve=True, note="", acting_user=college_b_admin)
    transfer.refresh_from_db()
    assert transfer.status == MajorTransfer.Status.PENDING


def test_only_school_admins_switch_the_approval_flow(college_admin, school_admin):
    with pytest.raises(PermissionDenied):
        set_transfer_approval(True, acting_user=college_admin)
    assert StudentSettings.load().transfer_approval is False
    set_transfer_approval(True, acting_user=school_admin)
    assert StudentSettings.load().transfer_approval is True
    assert StudentSettings.load().history.first().history_user == school_admin


# -- views ------------------------------------------------------------------------------------------

def lookup(client, keyword, **params):
    return client.get(reverse("students:major_lookup"), {"major_q": keyword, **params}).content.decode()


def test_picker_hides_out_of_scope_majors_unless_approval_is_open(client, org, college_admin, school_admin):
    client.force_login(college_admin)
    body = lookup(client, "专业", purpose="transfer")
    assert "甲专业一" in body and "乙专业一" not in body
    set_transfer_approval(True, acting_user=school_admin)
    body = lookup(client, "专业", purpose="transfer")
    assert "乙专业一" in body and "需转入院系审核" in body and "学生" not in body
    assert "乙专业一" not in lookup(client, "专业"), "single entry stays within scope"


def test_transfer_page_posts_a_request(client, org, college_admin, college_b_admin, approval_on):
    student = org["students"]["a1"]
    url = reverse("students:student_transfer", kwargs={"pk": student.pk})
    client.force_login(college_admin)
    assert client.get(url).status_code == 200
    response = client.post(url, {"to_year": 2028, "to_major": org["majors"]["b1"].pk, "reason": ""})
    assert "请填写转移原因" in response.content.decode()
    response = client.post(url, {"to_year": 2028, "to_major": org["majors"]["b1"].pk, "reason": "学籍调整"})
    assert response.status_code == 302
    transfer = MajorTransfer.objects.get()
    assert transfer.status == MajorTransfer.Status.PENDING

    # the in-college admin sees it in 专业转移审核 and approves it there
    client.force_login(college_b_admin)
    body = client.get(reverse("students:majortransfer_list")).content.decode()
    assert student.student_number in body
    detail = reverse("students:majortransfer_detail", kwargs={"pk": transfer.pk})
    assert "通过并转入" in client.get(detail).content.decode()
    client.post(reverse("students:majortransfer_decide", kwargs={"pk": transfer.pk}), {"decision": "approve"})
    transfer.refresh_from_db()
    assert transfer.status == MajorTransfer.Status.APPROVED


def test_requester_sees_the_request_but_no_decision_buttons(client, org, college_admin, approval_on):
    transfer = request_transfer(org["students"]["a1"], to_major=org["majors"]["b1"], to_year=2028, reason="x",
                                acting_user=college_admin)
    client.force_login(college_admin)
    detail = client.get(reverse("students:majortransfer_detail", kwargs={"pk": transfer.pk})).content.decode()
    assert "通过并转入" not in detail and "待转入专业" in detail
    client.post(reverse("students:majortransfer_decide", kwargs={"pk": transfer.pk}), {"decision": "approve"})
    transfer.refresh_from_db()
    assert transfer.status == MajorTransfer.Status.PENDING


def test_transfer_list_visibility(client, org, college_admin, school_admin):
    inside = transfer_student(org["students"]["a1"], to_major=org["majors"]["a2"], to_year=2028, reason="甲院内",
                              acting_user=school_admin)
    outside = transfer_student(org["students"]["b1"], to_major=org["majors"]["b2"], to_year=2028, reason="乙院内",
                               acting_user=school_admin)
    client.force_login(school_admin)
    body = client.get(reverse("students:majortransfer_list")).content.decode()
    assert inside.student.student_number in body and outside.student.student_number in body
    client.force_login(college_admin)
    body = client.get(reverse("students:majortransfer_list")).content.decode()
    assert inside.student.student_number in body and outside.student.student_number not in body
    assert client.get(reverse("students:majortransfer_detail", kwargs={"pk": outside.pk})).status_code == 404
    stranger = UserFactory(username="nobody-majors", permissions=["students.majortransfer.view"])
    client.force_login(stranger)
    assert inside.student.student_number not in client.get(reverse("students:majortransfer_list")).content.decode()


def test_settings_switch_view(client, college_admin, school_admin):
    url = reverse("students:transfer_settings")
    client.force_login(college_admin)
    assert client.post(url, {"transfer_approval": "1"}).status_code == 403
    assert "未开放" in client.get(url).content.decode()
    client.force_login(school_admin)
    assert "开放给院系管理员" in client.get(url).content.decode()
    assert client.post(url, {"transfer_approval": "1"}).status_code == 302
    assert StudentSettings.load().transfer_approval


def test_transfer_list_query_count_is_fixed(client, org, school_admin):
    client.force_login(school_admin)
    url = reverse("students:majortransfer_list")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"per_page": 200}).status_code == 200
        return len(ctx)

    transfer_student(org["students"]["a1"], to_major=org["majors"]["a2"], to_year=2028, reason="x",
                     acting_user=school_admin)
    count()
    before = count()
    for i in range(15):
        student = StudentFactory(major=org["majors"]["b1"])
        transfer_student(student, to_major=org["majors"]["b2"], to_year=2028, reason=f"r{i}", acting_user=school_admin)
    assert count() == before
