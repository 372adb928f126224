"""协议书管理: applying, 批量审核打印 numbering (consecutive, never reused or skipped), later applications voiding
the old number, 重置, the college mode's 登记编号, and every bad input named in the issue."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from careers.core.models import OperationLog
from careers.core.scoping import SYSTEM
from careers.employment.agreements import actions
from careers.employment.agreements.models import (
    AgreementApplication,
    AgreementMode,
    AgreementNumber,
    AgreementSettings,
    MaterialRequirement,
)
from tests.employment.agreements_support import first_applications, fresh, png_bytes, record_number, students

pytestmark = pytest.mark.django_db


def message(exc):
    return "；".join(exc.value.messages)


def test_first_application_then_only_later_types(org):
    student = org["students"]["a1"]
    assert actions.allowed_kinds(student) == ["first"]
    with pytest.raises(ValidationError, match="第一次申请协议书只能选择“首次申请”"):
        actions.apply(student, kind="lost", reason="丢了")
    application = actions.apply(student, kind="first")
    with pytest.raises(ValidationError, match="正在处理"):
        actions.apply(student, kind="first")
    actions.print_batch([application], batch_label="B1", start="0001", acting_user=SYSTEM)
    assert actions.allowed_kinds(student) == ["breach", "lost", "misfilled", "damaged", "other"]
    with pytest.raises(ValidationError, match="不能再选择“首次申请”"):
        actions.apply(student, kind="first")


def test_batch_numbers_are_consecutive_in_student_number_order(org, school_admin):
    group = students(org["majors"]["a1"], 4)
    applications = first_applications(group)
    printed = actions.print_batch(list(reversed(applications)), batch_label="2026-第1批", start="GD2026000098",
                                  acting_user=school_admin)
    numbers = [a.number.number for a in printed]
    assert numbers == ["GD2026000098", "GD2026000099", "GD2026000100", "GD2026000101"]
    assert [a.student.student_number for a in printed] == sorted(s.student_number for s in group)
    for application in printed:
        application = fresh(application)
        assert application.status == "printed" and application.batch_label == "2026-第1批"
        assert record_number(application.student) == application.number.number  # into 就业信息
    # history and operation log: the numbers, the applications and the employment records
    assert OperationLog.objects.filter(module="employment", action="print").count() == 5
    assert OperationLog.objects.filter(object_type="employment.employmentrecord",
                                       changes__has_key="agreement_number").count() == 4
    assert group[0].employment.history.filter(agreement_number__startswith="GD2026").exists()
    # the next batch is offered the next number of the series
    assert actions.next_number("GD2026000001") == "GD2026000102"


@pytest.mark.parametrize("start, end, words", [
    ("", "", "请填写协议书起始号"),
    ("ABC", "", "须以数字结尾"),
    ("98", "", "超出 2 位数字"),  # 98, 99, 100: the width would grow
    ("0001", "0005", "共 5 份，与所选的 3 份申请不一致"),  # printing more forms than selected
    ("0001", "0002", "共 2 份，与所选的 3 份申请不一致"),
    ("0001", "X0003", "不是同一编号系列"),
])
def test_bad_ranges_are_refused_and_nothing_is_written(org, school_admin, start, end, words):
    applications = first_applications(students(org["majors"]["a1"], 3))
    with pytest.raises(ValidationError) as exc:
        actions.print_batch(applications, batch_label="B", start=start, end=end, acting_user=school_admin)
    assert words in message(exc)
    assert not AgreementNumber.objects.exists()
    assert set(AgreementApplication.objects.values_list("status", flat=True)) == {"pending"}


def test_overlapping_range_names_the_clashing_numbers(org, school_admin):
    first = first_applications(students(org["majors"]["a1"], 3))
    actions.print_batch(first, batch_label="B1", start="1001", acting_user=school_admin)  # 1001-1003
    second = first_applications(students(org["majors"]["a2"], 3))
    with pytest.raises(ValidationError) as exc:
        actions.print_batch(second, batch_label="B2", start="1002", acting_user=school_admin)
    assert "1002、1003 已被使用" in message(exc) and "整批未打印" in message(exc)
    assert AgreementNumber.objects.count() == 3
    assert set(AgreementApplication.objects.filter(pk__in=[a.pk for a in second])
               .values_list("status", flat=True)) == {"pending"}


def test_a_start_that_skips_numbers_is_refused(org, school_admin):
    actions.print_batch(first_applications(students(org["majors"]["a1"], 2)), batch_label="B1", start="5001",
                        acting_user=school_admin)
    later = first_applications(students(org["majors"]["a2"], 2))
    with pytest.raises(ValidationError, match="起始号应为 5003；从 5010 开始将跳过 7 个编号"):
        actions.print_batch(later, batch_label="B2", start="5010", acting_user=school_admin)
    actions.print_batch(later, batch_label="B2", start="5003", acting_user=school_admin)
    assert sorted(AgreementNumber.objects.values_list("number", flat=True)) == ["5001", "5002", "5003", "5004"]


def test_later_application_voids_the_old_number_which_is_never_reused(org, school_admin):
    student = org["students"]["a1"]
    requirement = MaterialRequirement.objects.create(kind="lost", name="遗失声明", required=True)
    first = actions.apply(student, kind="first")
    actions.print_batch([first], batch_label="B1", start="0100", acting_user=school_admin)
    # a reissue without the required materials is refused, nothing written
    with pytest.raises(ValidationError, match="遗失申请须上传以下材料：遗失声明"):
        actions.apply(student, kind="lost", reason="遗失")
    with pytest.raises(ValidationError, match="请填写申请原因"):
        actions.apply(student, kind="lost", files={requirement.pk: (png_bytes(), "png")})
    lost = actions.apply(student, kind="lost", reason="搬宿舍遗失", files={requirement.pk: (png_bytes(), "png")})
    assert lost.materials.count() == 1
    actions.approve(lost, acting_user=school_admin)
    old = AgreementNumber.objects.get(number="0100")
    assert old.status == "void" and "遗失申请" in old.void_reason
    assert record_number(student) == ""
    # a voided number can never be issued again
    with pytest.raises(ValidationError, match="0100 已被使用"):
        actions.print_batch([fresh(lost)], batch_label="B2", start="0100", acting_user=school_admin)
    actions.print_batch([fresh(lost)], batch_label="B2", start="0101", acting_user=school_admin)
    assert record_number(student) == "0101"
    assert list(student.agreement_numbers.order_by("pk").values_list("number", "status")) == [
        ("0100", "void"), ("0101", "active")]


def test_reset_voids_and_logs_and_the_form_is_printed_again(org, school_admin):
    application = actions.apply(org["students"]["a1"], kind="first")
    actions.print_batch([application], batch_label="B1", start="7001", acting_user=school_admin)
    actions.reset(fresh(application), acting_user=school_admin, reason="卡纸")
    application = fresh(application)
    assert application.status == "reset" and application.number is None and application.reset_count == 1
    assert AgreementNumber.objects.get(number="7001").status == "void"
    assert OperationLog.objects.filter(action="reset", message__contains="7001").exists()
    assert OperationLog.objects.filter(action="void", message__contains="7001").exists()
    with pytest.raises(ValidationError, match="只有已打印的申请可以重置"):
        actions.reset(application, acting_user=school_admin)
    actions.print_batch([application], batch_label="B2", start="7002", acting_user=school_admin)
    assert fresh(application).number.number == "7002"


def test_reject_needs_a_reason_and_only_pending(org, school_admin):
    application = actions.apply(org["students"]["a1"], kind="first")
    with pytest.raises(ValidationError, match="请填写不同意的原因"):
        actions.reject(application, acting_user=school_admin, reason=" ")
    actions.reject(application, acting_user=school_admin, reason="信息不全")
    assert fresh(application).review_note == "信息不全"
    with pytest.raises(ValidationError):
        actions.print_batch([application], batch_label="B", start="1", acting_user=school_admin)


def test_college_admin_cannot_touch_other_majors(org, college_admin):
    mine = actions.apply(org["students"]["a1"], kind="first")
    theirs = actions.apply(org["students"]["b1"], kind="first")
    with pytest.raises(PermissionDenied, match="不在您管辖范围内"):
        actions.print_batch([mine, theirs], batch_label="B", start="1", acting_user=college_admin)
    with pytest.raises(PermissionDenied):
        actions.approve(theirs, acting_user=college_admin)
    assert not AgreementNumber.objects.exists()
    actions.print_batch([mine], batch_label="B", start="1", acting_user=college_admin)


def test_college_mode_registers_the_form_number_school_wide_unique(org, college_admin, school_admin):
    AgreementSettings.objects.update_or_create(pk=1, defaults={"mode": AgreementMode.COLLEGE})
    a1 = actions.apply(org["students"]["a1"], kind="first")
    a2 = actions.apply(org["students"]["a2"], kind="first")
    with pytest.raises(ValidationError, match="院系登记方式"):
        actions.print_batch([a1], batch_label="B", start="1", acting_user=school_admin)
    actions.register_number(a1, "XY0001", acting_user=college_admin)
    assert fresh(a1).status == "printed" and record_number(a1.student) == "XY0001"
    with pytest.raises(ValidationError, match="XY0001 已被使用"):
        actions.register_number(a2, "XY0001", acting_user=college_admin)
    with pytest.raises(ValidationError, match="无效"):
        actions.register_number(a2, "编号", acting_user=college_admin)
    b1 = actions.apply(org["students"]["b1"], kind="first")
    with pytest.raises(PermissionDenied):
        actions.register_number(b1, "XY0002", acting_user=college_admin)


def test_withdraw_only_pending_and_only_own(org):
    application = actions.apply(org["students"]["a1"], kind="first")
    with pytest.raises(PermissionDenied):
        actions.withdraw(application, student=org["students"]["a2"])
    actions.withdraw(application, student=org["students"]["a1"])
    assert fresh(application).status == "withdrawn"
    actions.apply(org["students"]["a1"], kind="first")  # a new one may follow


def test_the_student_is_told_in_the_inbox(org, school_admin):
    from careers.core.models import Message
    from tests.factories import UserFactory

    student = org["students"]["a1"]
    if student.user_id is None:
        student.user = UserFactory(username=student.student_number, kind="student")
        student.save()
    application = actions.apply(student, kind="first")
    actions.print_batch([application], batch_label="B", start="0042", acting_user=school_admin)
    assert Message.objects.filter(subject="协议书已发放", body__contains="0042").exists()
    other = actions.apply(org["students"]["a2"], kind="first")
    actions.reject(other, acting_user=school_admin, reason="信息不全")  # no account: nothing to send, no error
