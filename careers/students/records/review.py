"""Review (审核), enrolment status changes (学籍异动) and year/major transfers (转移数据).

Each action runs in one transaction, checks the acting admin's permission and scope
(trusted system code passes `SYSTEM`; `None` is nobody and is refused), and writes an audit event;
the student's own saves add the field-by-field history on top.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from careers.codes.models import Code
from careers.core import review
from careers.core.history import log_event
from careers.core.scoping import account, is_system, managed_major_ids, require_school, sees_all_majors
from careers.core.transitions import locked
from careers.org.models import Major

from ..models import MajorTransfer, StatusChange, Student, StudentSettings

# What an admin may adjust while approving: the record, not its identity or placement
# (学号 is the login account; major and graduation year move through 转移数据).
ADJUSTABLE_FIELDS = {"name", "gender", "id_number", "candidate_number", "birth_date", "enrolment_year",
                     *Student.SELF_SERVICE_FIELDS}


reviews = review.ReviewActions(Student, module="students", noun="生源信息", adjustable=ADJUSTABLE_FIELDS,
                               clean_exclude=["user"], require_pending=False,
                               number=lambda student: student.student_number, related=())
_require, _lock, _save = reviews.require, reviews.lock, reviews.save


# -- review -------------------------------------------------------------------------------------------

def pending_diff(student, codes=None):
    """[(field name, label, old display, new display)] for the record's pending changes."""
    return review.pending_diff(student, codes)


def approve_changes(student, *, acting_user, adjustments=None):
    """同意 / 调整后同意: apply the student's pending changes, then the admin's adjustments.

    `adjustments` maps field names to values (model instances or pks for code fields).
    Returns the updated student.
    """
    return reviews.approve(student, acting_user=acting_user, adjustments=adjustments)


def reject_changes(student, *, reason, acting_user):
    """不同意: the reason is kept in review_note (the student sees it); pending changes are dropped."""
    return reviews.reject(student, reason=reason, acting_user=acting_user)


def bulk_approve(students, *, acting_user):
    """批量审核: every selected record must be in scope and valid, or nothing is approved."""
    return reviews.bulk_approve(students, acting_user=acting_user)


# -- 学籍异动 ------------------------------------------------------------------------------------------

@transaction.atomic
def change_status(student, *, status, reason, acting_user):
    """学籍管理: record the change and derive `is_active` from the code's extra["active"]."""
    _require(student, acting_user, "status")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写变更原因。")
    if len(reason) > StatusChange._meta.get_field("reason").max_length:
        raise ValidationError("变更原因最多 200 个字。")
    if not Code.objects.of("enrolment_status").filter(pk=getattr(status, "pk", None)).exists():
        raise ValidationError("学籍状态无效，请从列表中选择。")
    student = _lock(student)
    old = student.enrolment_status
    if old.pk == status.pk:
        raise ValidationError(f"该学生的学籍状态已是“{status.name}”，无需变更。")
    StatusChange.objects.create(student=student, from_status=old, to_status=status, reason=reason,
                                changed_by=account(acting_user))
    student.enrolment_status = status
    student.is_active = status.extra.get("active") == "1"
    _save(student, acting_user, f"学籍异动：{reason}")
    log_event("update", module="students", obj=student, user=acting_user,
              changes={"enrolment_status": [old.name, status.name]}, message=f"学籍异动：{old.name} → {status.name}，{reason}")
    return student


# -- 转移数据 / 专业转移审核 -----------------------------------------------------------------------------

def manages_major(user, major):
    return sees_all_majors(user) or managed_major_ids(user).filter(pk=major.pk).exists()


def approval_enabled():
    return StudentSettings.load().transfer_approval


def transfer_target_majors(user):
    """Majors the user may pick as a transfer target: own scope, or every major when approval is open."""
    majors = Major.objects.filter(is_active=True)
    if sees_all_majors(user) or approval_enabled():
        return majors
    return majors.filter(pk__in=managed_major_ids(user))


def _validate_transfer(student, to_major, to_year, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写转移原因。")
    if len(reason) > 200:
        raise ValidationError("转移原因最多 200 个字。")
    if not (2000 <= int(to_year) <= 2100):
        raise ValidationError("转入毕业年份无效。")
    if not to_major.is_active:
        raise ValidationError(f"转入专业“{to_major}”已停用。")
    if to_major.pk == student.major_id and int(to_year) == student.graduation_year:
        raise ValidationError("转入的毕业年份和专业与当前相同，无需转移。")
    return reason


def _move(transfer, acting_user):
    student = _lock(transfer.student)
    if student.major_id != transfer.from_major_id or student.graduation_year != transfer.from_year:
        raise ValidationError("申请提交后该学生的专业或毕业年份已变化，请重新申请。")
    student.major = transfer.to_major
    student.graduation_year = transfer.to_year
    _save(student, acting_user, f"转移数据：{transfer.reason}")
    log_event("update", module="students", obj=student, user=acting_user,
              changes={"graduation_year": [str(transfer.from_year), str(transfer.to_year)],
                       "major": [transfer.from_major.full_label, transfer.to_major.full_label]},
              message=f"转移数据：{transfer.reason}")
    return student


@transaction.atomic
def transfer_student(student, *, to_major, to_year, reason, acting_user):
    """转移数据, applied at once: the acting admin must manage both the student and the target major."""
    _require(student, acting_user, "transfer")
    reason = _validate_transfer(student, to_major, to_year, reason)
    if not manages_major(acting_user, to_major):
        raise PermissionDenied("转入专业不在您管辖的专业范围内。")
    now = timezone.now()
    transfer = MajorTransfer.objects.create(
        student=student, from_major_id=student.major_id, to_major=to_major, from_year=student.graduation_year,
        to_year=int(to_year), reason=reason, status=MajorTransfer.Status.APPROVED, requested_by=account(acting_user),
        decided_by=account(acting_user), decided_at=now, decision_note="直接转移")
    _move(transfer, acting_user)
    return transfer


@transaction.atomic
def request_transfer(student, *, to_major, to_year, reason, acting_user):
    """The 转移数据 form: applies at once when the target is in scope (or for school admins);
    otherwise, with 专业转移审核 open, becomes a 待审核 request for the target major's admins."""
    if manages_major(acting_user, to_major):
        return transfer_student(student, to_major=to_major, to_year=to_year, reason=reason, acting_user=acting_user)
    _require(student, acting_user, "transfer")
    reason = _validate_transfer(student, to_major, to_year, reason)
    if not approval_enabled():
        raise PermissionDenied("转入专业不在您管辖的专业范围内。")
    if MajorTransfer.objects.filter(student=student, status=MajorTransfer.Status.PENDING).exists():
        raise ValidationError("该学生已有待审核的转移申请，请等待审核结果。")
    transfer = MajorTransfer.objects.create(
        student=student, from_major_id=student.major_id, to_major=to_major, from_year=student.graduation_year,
        to_year=int(to_year), reason=reason, status=MajorTransfer.Status.PENDING, requested_by=account(acting_user))
    log_event("create", module="students", obj=transfer, user=acting_user,
              changes={"to_major": ["", to_major.full_label], "to_year": ["", str(to_year)]},
              message=f"申请转移数据（待转入院系审核）：{reason}")
    return transfer


def awaiting_decision(transfers, user):
    """The pending transfers `user` may decide (`can_decide` as a filter): 待办事项's count and the list's
    待我审核 filter."""
    pending = transfers.filter(status=MajorTransfer.Status.PENDING)
    if sees_all_majors(user):
        return pending
    return pending.filter(to_major__in=managed_major_ids(user)).exclude(requested_by=user)


def can_decide(transfer, user):
    if transfer.status != MajorTransfer.Status.PENDING or not user.has_permission("students.majortransfer.review"):
        return False
    if sees_all_majors(user):
        return True
    return transfer.requested_by_id != user.pk and manages_major(user, transfer.to_major)


@transaction.atomic
def decide_transfer(transfer, *, approve, note, acting_user):
    """专业转移审核: an admin managing the target major (or a school admin) approves or rejects."""
    transfer = locked(transfer, "student", "from_major__college", "to_major__college")
    if transfer.status != MajorTransfer.Status.PENDING:
        raise ValidationError("该申请已审核，不能重复审核。")
    if not (is_system(acting_user) or acting_user is not None and can_decide(transfer, acting_user)):
        raise PermissionDenied("只有转入专业的管理员才能审核该转移申请。")
    note = (note or "").strip()
    if not approve and not note:
        raise ValidationError("请填写驳回原因。")
    if approve:
        _move(transfer, acting_user)
    transfer.status = MajorTransfer.Status.APPROVED if approve else MajorTransfer.Status.REJECTED
    transfer.decided_by = account(acting_user)
    transfer.decided_at = timezone.now()
    transfer.decision_note = note[:200]
    transfer.save()
    log_event("update", module="students", obj=transfer, user=acting_user,
              changes={"status": [MajorTransfer.Status.PENDING.label, transfer.get_status_display()]},
              message=f"专业转移审核{'通过' if approve else '驳回'}" + (f"：{note}" if note else ""))
    return transfer


@transaction.atomic
def set_transfer_approval(enabled, *, acting_user):
    """Open or close 专业转移审核 to college admins (school admins only)."""
    require_school(acting_user, "students.majortransfer.review", "只有学校管理员可以设置专业转移审核。")
    settings = StudentSettings.load()
    settings.transfer_approval = bool(enabled)
    settings._history_user = account(acting_user)
    settings.save()
    return settings
