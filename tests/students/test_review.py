"""审核: approve / reject / adjust then approve / bulk approve, scope and audit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from careers.students.records.review import approve_changes, bulk_approve, pending_diff, reject_changes
from careers.students.models import Student
from tests.students.review_support import code, logs_for, make_id_valid, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(org):
    """Student a1 asked to change 民族 to 蒙古族 and 政治面貌 to 中共党员."""
    return submit(org["students"]["a1"], ethnicity=code("ethnicity", "02"),
                  political_status=code("political_status", "01"))


def test_pending_diff_shows_old_and_new_display_values(pending):
    rows = {name: (old, new) for name, _, old, new in pending_diff(pending)}
    assert rows == {"ethnicity": ("", "蒙古族"), "political_status": ("", "中国共产党党员")}


def test_approve_applies_pending_code_pks_and_audits(pending, school_admin):
    student = approve_changes(pending, acting_user=school_admin)
    student.refresh_from_db()
    assert student.ethnicity.name == "蒙古族" and student.political_status.code == "01"
    assert student.review_status == Student.ReviewStatus.APPROVED and student.pending_changes == {}
    assert student.reviewed_at is not None
    log = logs_for(student, message__startswith="生源信息审核通过").get()
    assert log.user == school_admin and log.changes["ethnicity"] == ["", "蒙古族"]
    assert student.history.first().history_user == school_admin


def test_adjust_then_approve_overrides_the_submitted_value(pending, school_admin):
    approve_changes(pending, acting_user=school_admin, adjustments={"ethnicity": code("ethnicity", "01"),
                                                                    "phone": "13800138000"})
    pending.refresh_from_db()
    assert pending.ethnicity.name == "汉族" and pending.political_status.code == "01"
    assert pending.phone == "13800138000"
    assert logs_for(pending, message__contains="调整后同意").exists()


def test_adjustments_cannot_move_or_rename_the_account(pending, school_admin, org):
    for field, value in (("student_number", "X1"), ("major", org["majors"]["a2"]), ("graduation_year", 2030)):
        with pytest.raises(ValidationError):
            approve_changes(pending, acting_user=school_admin, adjustments={field: value})
    pending.refresh_from_db()
    assert pending.review_status == Student.ReviewStatus.PENDING


def test_invalid_adjustment_is_refused_with_the_field_named(pending, school_admin):
    with pytest.raises(ValidationError) as exc:
        approve_changes(pending, acting_user=school_admin, adjustments={"email": "not-an-email"})
    assert str(pending) in exc.value.messages[0]
    pending.refresh_from_db()
    assert pending.review_status == Student.ReviewStatus.PENDING


def test_reject_needs_a_reason_kept_for_the_student(pending, school_admin):
    with pytest.raises(ValidationError):
        reject_changes(pending, reason="  ", acting_user=school_admin)
    student = reject_changes(pending, reason="民族与身份证信息不符", acting_user=school_admin)
    student.refresh_from_db()
    assert student.review_status == Student.ReviewStatus.REJECTED
    assert student.review_note == "民族与身份证信息不符" and student.pending_changes == {}
    assert student.ethnicity is None
    log = logs_for(student, message__contains="审核不通过").get()
    assert log.user == school_admin
    assert log.changes["pending_changes"] == ["民族、政治面貌", ""]  # the dropped fields by name, for the 系统日志


def test_college_admin_cannot_review_another_colleges_student(org, college_admin):
    other = submit(org["students"]["b1"], ethnicity=code("ethnicity", "02"))
    with pytest.raises(PermissionDenied):
        approve_changes(other, acting_user=college_admin)
    with pytest.raises(PermissionDenied):
        reject_changes(other, reason="x", acting_user=college_admin)
    other.refresh_from_db()
    assert other.review_status == Student.ReviewStatus.PENDING and other.ethnicity is None


def test_review_needs_the_review_permission(pending, college_admin):
    college_admin.set_permissions(["students.student.view", "students.student.change"])
    college_admin.save()
    with pytest.raises(PermissionDenied):
        approve_changes(pending, acting_user=college_admin)


def test_bulk_approve_is_all_or_nothing_when_one_record_is_out_of_scope(org, college_admin):
    students = [submit(org["students"][k], ethnicity=code("ethnicity", "02")) for k in ("a1", "a2", "b1")]
    with pytest.raises(PermissionDenied):
        bulk_approve(students, acting_user=college_admin)
    assert Student.objects.filter(review_status=Student.ReviewStatus.PENDING).count() == 3


def test_bulk_approve_is_all_or_nothing_when_one_record_is_invalid(org, school_admin):
    good = submit(org["students"]["a1"], ethnicity=code("ethnicity", "02"))
    bad = org["students"]["a2"]
    Student.objects.filter(pk=bad.pk).update(review_status=Student.ReviewStatus.PENDING,
                                             pending_changes={"email": "broken"})
    with pytest.raises(ValidationError) as exc:
        bulk_approve([good, bad], acting_user=school_admin)
    assert bad.student_number in exc.value.messages[0]
    good.refresh_from_db()
    assert good.review_status == Student.ReviewStatus.PENDING and good.ethnicity is None


def test_bulk_approve_skips_records_without_pending_changes(org, school_admin):
    pending = submit(org["students"]["a1"], ethnicity=code("ethnicity", "02"))
    assert bulk_approve([pending, org["students"]["a2"]], acting_user=school_admin) == 1
    pending.refresh_from_db()
    assert pending.ethnicity.code == "02"


# -- views ------------------------------------------------------------------------------------------

def edit_url(student):
    return reverse("students:student_edit", kwargs={"pk": student.pk})


def test_edit_page_highlights_each_changed_field_old_to_new(client, pending, college_admin):
    client.force_login(college_admin)
    body = client.get(edit_url(pending)).content.decode()
    assert "待审核" in body and "有修改" in body
    assert "→ 新值：蒙古族" in body and "→ 新值：中国共产党党员" in body
    for button in ("同意", "不同意（填写原因）", "调整后同意"):
        assert button in body
    assert 'value="save"' not in body


def test_edit_page_approve_button(client, pending, college_admin):
    client.force_login(college_admin)
    response = client.post(edit_url(pending), {"_action": "approve"})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.review_status == Student.ReviewStatus.APPROVED and pending.ethnicity.code == "02"


def test_edit_page_reject_without_reason_shows_error(client, pending, college_admin):
    client.force_login(college_admin)
    response = client.post(edit_url(pending), {"_action": "reject", "reason": ""})
    assert response.status_code == 200 and "请填写不同意的原因" in response.content.decode()
    response = client.post(edit_url(pending), {"_action": "reject", "reason": "请上传证明材料"})
    pending.refresh_from_db()
    assert pending.review_status == Student.ReviewStatus.REJECTED and pending.review_note == "请上传证明材料"
    assert "请上传证明材料" in client.get(edit_url(pending)).content.decode()


def form_data(student, **overrides):
    make_id_valid(student)
    sex = "1" if int(student.id_number[16]) % 2 else "2"  # the factory's gender ignores the ID's sex digit
    data = {"name": student.name, "gender": sex, "id_number": student.id_number,
            "candidate_number": student.candidate_number, "enrolment_year": student.enrolment_year,
            "ethnicity": student.ethnicity_id or "", "political_status": student.political_status_id or "",
            "origin_region": student.origin_region_id or "", "training_mode": student.training_mode_id or "",
            "sponsor_unit": "", "phone": student.phone, "email": student.email, "home_address": "",
            "postal_code": ""}
    data.update(overrides)
    return data


def test_edit_page_adjust_then_approve(client, pending, college_admin):
    client.force_login(college_admin)
    data = form_data(pending, ethnicity=code("ethnicity", "03").pk, political_status=code("political_status", "01").pk,
                     phone="13900139000", _action="adjust")
    assert client.post(edit_url(pending), data).status_code == 302
    pending.refresh_from_db()
    assert pending.ethnicity.code == "03" and pending.phone == "13900139000"
    assert pending.review_status == Student.ReviewStatus.APPROVED


def test_plain_save_is_refused_while_review_is_due(client, pending, college_admin):
    client.force_login(college_admin)
    client.post(edit_url(pending), form_data(pending, phone="1", _action="save"))
    pending.refresh_from_db()
    assert pending.review_status == Student.ReviewStatus.PENDING and pending.phone == ""


def test_plain_edit_of_an_approved_record_validates_the_id_number(client, org, college_admin):
    student = make_id_valid(org["students"]["a1"])
    client.force_login(college_admin)
    bad = student.id_number[:-1] + ("0" if student.id_number[-1] != "0" else "1")
    response = client.post(edit_url(student), form_data(student, id_number=bad))
    assert "校验位不正确" in response.content.decode()
    response = client.post(edit_url(student), form_data(student, phone="13700137000"))
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.phone == "13700137000"
    assert logs_for(student, action="update").exists()


def test_edit_page_of_another_colleges_student_is_404(client, org, college_admin):
    client.force_login(college_admin)
    other = submit(org["students"]["b1"], ethnicity=code("ethnicity", "02"))
    assert client.get(edit_url(other)).status_code == 404
    assert client.post(edit_url(other), {"_action": "approve"}).status_code == 404
    other.refresh_from_db()
    assert other.review_status == Student.ReviewStatus.PENDING


def test_bulk_review_view_confirms_then_approves(client, org, college_admin):
    a1 = submit(org["students"]["a1"], ethnicity=code("ethnicity", "02"))
    a2 = submit(org["students"]["a2"], political_status=code("political_status", "01"))
    client.force_login(college_admin)
    url = reverse("students:student_bulk_review")
    body = client.post(url, {"pk": [a1.pk, a2.pk]}).content.decode()
    assert "蒙古族" in body and "中国共产党党员" in body and "确认审核通过" in body
    response = client.post(url, {"pk": [a1.pk, a2.pk], "_confirm": "1"})
    assert response.status_code == 302
    assert not Student.objects.filter(review_status=Student.ReviewStatus.PENDING).exists()


def test_bulk_review_view_with_an_out_of_scope_row_changes_nothing(client, org, college_admin):
    a1 = submit(org["students"]["a1"], ethnicity=code("ethnicity", "02"))
    b1 = submit(org["students"]["b1"], ethnicity=code("ethnicity", "02"))
    client.force_login(college_admin)
    response = client.post(reverse("students:student_bulk_review"), {"pk": [a1.pk, b1.pk], "_confirm": "1"},
                           follow=True)
    assert "未做任何修改" in response.content.decode()
    assert Student.objects.filter(review_status=Student.ReviewStatus.PENDING).count() == 2


def test_bulk_review_needs_the_review_permission(client, org, college_admin):
    college_admin.set_permissions(["students.student.view", "students.student.change"])
    college_admin.save()
    client.force_login(college_admin)
    response = client.post(reverse("students:student_bulk_review"), {"pk": [org["students"]["a1"].pk]})
    assert response.status_code == 403
