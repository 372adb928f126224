"""学籍异动: status from the code table with a reason; non-active students leave the working lists."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from careers.students.records.review import change_status
from careers.students.models import StatusChange, Student
from tests.students.review_support import code, logs_for

pytestmark = pytest.mark.django_db


def test_suspension_records_the_change_and_hides_the_student(org, college_admin):
    student = org["students"]["a1"]
    student = change_status(student, status=code("enrolment_status", "02"), reason="因病休学一年",
                            acting_user=college_admin)
    assert student.enrolment_status.name == "休学" and student.is_active is False
    change = StatusChange.objects.get(student=student)
    assert (change.from_status.name, change.to_status.name, change.reason, change.changed_by) == (
        "在读", "休学", "因病休学一年", college_admin)
    assert student not in Student.objects.active()
    assert logs_for(student, message__contains="学籍异动：在读 → 休学").get().user == college_admin


def test_back_to_active_status_shows_the_student_again(org, school_admin):
    student = change_status(org["students"]["a1"], status=code("enrolment_status", "02"), reason="休学",
                            acting_user=school_admin)
    student = change_status(student, status=code("enrolment_status", "01"), reason="复学", acting_user=school_admin)
    assert student.is_active and student in Student.objects.active()
    assert student.status_changes.count() == 2


@pytest.mark.parametrize("status_code", ["03", "04", "05", "06", "07", "08", "09"])
def test_every_non_active_code_deactivates(org, school_admin, status_code):
    student = change_status(org["students"]["a1"], status=code("enrolment_status", status_code), reason="异动",
                            acting_user=school_admin)
    assert not student.is_active


def test_reason_is_required_and_same_status_is_refused(org, school_admin):
    student = org["students"]["a1"]
    with pytest.raises(ValidationError, match="变更原因"):
        change_status(student, status=code("enrolment_status", "02"), reason=" ", acting_user=school_admin)
    with pytest.raises(ValidationError, match="已是“在读”"):
        change_status(student, status=code("enrolment_status", "01"), reason="x", acting_user=school_admin)
    with pytest.raises(ValidationError, match="学籍状态无效"):
        change_status(student, status=code("ethnicity", "01"), reason="x", acting_user=school_admin)
    assert not StatusChange.objects.exists()


def test_college_admin_cannot_change_another_colleges_student(org, college_admin):
    other = org["students"]["b1"]
    with pytest.raises(PermissionDenied):
        change_status(other, status=code("enrolment_status", "03"), reason="退学", acting_user=college_admin)
    other.refresh_from_db()
    assert other.is_active and not StatusChange.objects.exists()


def test_status_page_lists_codes_and_saves(client, org, college_admin):
    student = org["students"]["a1"]
    url = reverse("students:student_status", kwargs={"pk": student.pk})
    client.force_login(college_admin)
    body = client.get(url).content.decode()
    for name in ("在读", "休学", "退学", "转学", "延期毕业"):
        assert name in body
    response = client.post(url, {"status": code("enrolment_status", "03").pk, "reason": ""})
    assert "请填写变更原因" in response.content.decode()
    response = client.post(url, {"status": code("enrolment_status", "03").pk, "reason": "本人申请退学"})
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.enrolment_status.name == "退学" and not student.is_active
    assert "本人申请退学" in client.get(url).content.decode()


def test_status_page_needs_permission_and_scope(client, org, college_admin):
    client.force_login(college_admin)
    other_url = reverse("students:student_status", kwargs={"pk": org["students"]["b1"].pk})
    assert client.get(other_url).status_code == 404
    assert client.post(other_url, {"status": code("enrolment_status", "03").pk, "reason": "x"}).status_code == 404
    college_admin.set_permissions(["students.student.view", "students.student.change"])
    college_admin.save()
    own_url = reverse("students:student_status", kwargs={"pk": org["students"]["a1"].pk})
    assert client.get(own_url).status_code == 403
