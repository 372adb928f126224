"""网上签约 (online signing, beyond manual 3.1, "as national platforms do"): the three-party agreement signed on
the site instead of on paper. Optional (AgreementSettings.online_signing); the paper flow stays the default.

    草稿 ─提交→ 待单位确认 ─单位确认→ 待学校审核 ─学校同意(编号)→ 已签约
                   │ 单位退回(原因)          └─学校不同意(原因)→ 学校不同意
                   ▼
               单位已退回 ─学生修改后提交→ 待单位确认
    草稿 / 待单位确认 / 单位已退回 ─学生撤销→ 已撤销

Every step is a `core.transitions.transition` (locked row, history row, operation-log entry) and stamps its
time and account (学生提交时间, 单位确认时间, 学校审核时间): together with the history they are the audit trail
shown on the detail pages and the PDF. The school's approval issues the next 协议书编号 through the paper flow's
own machinery (`actions.number_range` / `clashes` / `_check_gap` / `_insert_numbers`: unique school-wide, never
reused or skipped) and writes it into 就业信息 (`set_agreement_numbers`).
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from careers.core.history import log_event
from careers.core.messaging import send_messages
from careers.core.scoping import account, may, scope_filter
from careers.core.transitions import transition

from ..outcomes.actions import set_agreement_numbers
from . import actions
from .models import (
    EDITABLE_SIGNING,
    OPEN_SIGNING,
    AgreementNumber,
    AgreementSettings,
    NumberSource,
    NumberStatus,
    OnlineAgreement,
    SigningStatus,
)

MODULE = "employment"
TERM_FIELDS = ("employer", "job_title", "work_region", "contract_period", "salary", "probation", "start_date",
               "other_terms")
CLOSED = "学校暂未开放网上签约，请按纸质协议书流程申请。"


def open_agreement(student):
    return OnlineAgreement.objects.filter(student=student, status__in=OPEN_SIGNING).first()


def start_problem(student):
    """Why the student cannot start an online agreement now ("" when they can)."""
    if not AgreementSettings.load().online_signing:
        return CLOSED
    if open_agreement(student) is not None:
        return "您已有一份正在办理的网上签约，请在其详情页继续办理或撤销后再新建。"
    if actions.open_application(student) is not None:
        return "您有一份正在处理的纸质协议书申请，不能同时网上签约（可撤回待审核的申请后再网上签约）。"
    if AgreementNumber.objects.filter(student=student, status=NumberStatus.ACTIVE).exists():
        return "您已持有使用中的协议书编号，不能再网上签约；如需更换单位，请先办理违约等补办申请。"
    return ""


def _check_terms(values):
    from careers.recruitment.employers.models import Employer

    employer = values.get("employer")
    if employer is None or not Employer.objects.admitted().filter(pk=employer.pk).exists():
        raise ValidationError({"employer": "请选择已入驻本校的用人单位（输入单位名称后在查找结果中点选）。"})
    start = values.get("start_date")
    if start is not None and start < timezone.localdate():
        raise ValidationError({"start_date": "报到日期不能早于今天。"})


def _notify_employer(agreement, subject, body):
    user = agreement.employer.user if agreement.employer.user_id else None
    if user is not None:
        send_messages([([user], subject, body, reverse("company_employment:signing_detail", args=[agreement.pk]))])


def _notify_student(agreement, subject, body):
    if agreement.student.user_id:
        send_messages([([agreement.student.user], subject, body, reverse("employment_portal:signing_detail",
                                                                         args=[agreement.pk]))])


# -- the student (甲方) ----------------------------------------------------------------------------

@transaction.atomic
def save(student, values, *, agreement=None, submit=False, acting_user=None):
    """Create (agreement None) or edit the student's agreement with `values` (TERM_FIELDS); `submit` sends it
    to the employer (草稿 / 单位已退回 → 待单位确认, the employer is told in its inbox)."""
    actions._lock_student(student.pk)  # the paper flow's lock: never an online and a paper form at once
    _check_terms(values)
    if agreement is None:
        problem = start_problem(student)
        if problem:
            raise ValidationError(problem)
        agreement = OnlineAgreement(student=student)
    else:
        if agreement.student_id != student.pk:
            raise PermissionDenied("只能修改自己的网上签约。")
        agreement = OnlineAgreement.objects.select_for_update().get(pk=agreement.pk)
        if agreement.status not in EDITABLE_SIGNING:
            raise ValidationError(f"该网上签约当前为“{agreement.get_status_display()}”，不能修改。")
    creating = agreement.pk is None
    for name in TERM_FIELDS:
        setattr(agreement, name, values.get(name) if name in ("employer", "work_region", "start_date")
                else (values.get(name) or "").strip())
    agreement._history_user = account(acting_user)
    try:
        with transaction.atomic():
            agreement.save()
    except IntegrityError:  # another tab started one at the same moment
        raise ValidationError("您已有一份正在办理的网上签约，请勿重复提交。")
    log_event("create" if creating else "update", module=MODULE, obj=agreement, user=acting_user,
              message=f"{'填写' if creating else '修改'}网上签约：{agreement}")
    if submit:
        agreement = _submit(agreement, acting_user)
    return agreement


def _submit(agreement, acting_user):
    if not AgreementSettings.load().online_signing:  # switched off meanwhile: drafts stay, nothing new is sent
        raise ValidationError(CLOSED)

    def apply_(a):
        a.submitted_at = timezone.now()
        a.employer_note = ""

    done = transition(agreement, to=SigningStatus.EMPLOYER, allowed_from=EDITABLE_SIGNING, verb="提交",
                      user=acting_user, module=MODULE, action="submit", apply=apply_, related=("student", "employer"),
                      repeat_is_done=False, message=lambda a: f"学生提交网上签约：{a}").obj
    _notify_employer(done, "毕业生网上签约待确认",
                     f"{done.student.name}（{done.student.major.college.name if done.student.major_id else ''}）"
                     f"向贵单位提交了三方协议网上签约（岗位：{done.job_title}），请登录单位后台确认或退回。")
    return done


@transaction.atomic
def submit(agreement, *, student, acting_user=None):
    if agreement.student_id != student.pk:
        raise PermissionDenied("只能提交自己的网上签约。")
    return _submit(agreement, acting_user)


@transaction.atomic
def cancel(agreement, *, student, acting_user=None):
    """学生撤销 before the school's decision is asked for (草稿 / 待单位确认 / 单位已退回)."""
    if agreement.student_id != student.pk:
        raise PermissionDenied("只能撤销自己的网上签约。")
    done = transition(agreement, to=SigningStatus.CANCELLED, allowed_from=(*EDITABLE_SIGNING, SigningStatus.EMPLOYER),
                      verb="撤销", user=acting_user, module=MODULE, action="cancel", related=("student", "employer"),
                      message=lambda a: f"学生撤销网上签约：{a}").obj
    if done.submitted_at:
        _notify_employer(done, "毕业生已撤销网上签约", f"{done.student.name}已撤销与贵单位的三方协议网上签约。")
    return done


# -- the employer (乙方) ---------------------------------------------------------------------------

def _own(agreement, employer):
    if agreement.employer_id != employer.pk:
        raise PermissionDenied("只能处理发给本单位的网上签约。")


@transaction.atomic
def employer_confirm(agreement, *, employer, contact, phone, acting_user):
    """单位确认: the unit accepts the terms and names its 经办人 (待单位确认 → 待学校审核)."""
    _own(agreement, employer)
    contact, phone = (contact or "").strip(), (phone or "").strip()
    if not contact:
        raise ValidationError({"contact": "请填写单位经办人。"})
    if not phone:
        raise ValidationError({"phone": "请填写经办人电话。"})
    if len(contact) > 50 or len(phone) > 20:
        raise ValidationError("单位经办人不能超过 50 字，电话不能超过 20 字。")

    def apply_(a):
        a.employer_contact, a.employer_phone = contact, phone
        a.employer_confirmed_at = timezone.now()
        a.employer_confirmed_by = account(acting_user)
        a.employer_note = ""

    done = transition(agreement, to=SigningStatus.SCHOOL, allowed_from=(SigningStatus.EMPLOYER,), verb="确认",
                      user=acting_user, module=MODULE, action="confirm", apply=apply_, related=("student", "employer"),
                      repeat_is_done=False, message=lambda a: f"用人单位确认网上签约：{a}（经办人 {contact}）").obj
    _notify_student(done, "用人单位已确认网上签约",
                    f"{done.employer.name}已确认您的三方协议网上签约，等待学校审核。")
    return done


@transaction.atomic
def employer_decline(agreement, *, employer, reason, acting_user):
    """单位退回（原因）: back to the student, who edits and submits again or cancels."""
    _own(agreement, employer)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写退回原因。"})
    if len(reason) > 200:
        raise ValidationError({"reason": f"退回原因不能超过 200 字（现为 {len(reason)} 字）。"})
    done = transition(agreement, to=SigningStatus.RETURNED, allowed_from=(SigningStatus.EMPLOYER,), verb="退回",
                      user=acting_user, module=MODULE, action="decline",
                      apply=lambda a: setattr(a, "employer_note", reason), related=("student", "employer"),
                      repeat_is_done=False, message=lambda a: f"用人单位退回网上签约：{a}，原因：{reason}").obj
    _notify_student(done, "用人单位退回了网上签约",
                    f"{done.employer.name}退回了您的三方协议网上签约。原因：{reason}\n请修改后重新提交，或撤销。")
    return done


# -- the school (丙方) -----------------------------------------------------------------------------

def _require(user, agreement):
    if not may(user, OnlineAgreement, "review"):
        raise PermissionDenied("您没有此操作的权限，请联系学校管理员分配。")
    if not scope_filter(OnlineAgreement.objects.filter(pk=agreement.pk), user).exists():
        raise PermissionDenied("该学生不在您的管辖范围内。")


@transaction.atomic
def approve(agreement, *, acting_user, start="", note=""):
    """学校同意: issues the next 协议书编号 (`start`, default the next one of the latest series) with the same
    checks and unique insert as 批量审核打印, and writes it into the student's 就业信息."""
    _require(acting_user, agreement)
    start = (start or "").strip() or actions.next_number()
    numbers = actions.number_range(start, 1)
    found = actions.clashes(numbers)
    if found:
        raise actions._clash_error(found)
    actions._check_gap(numbers)
    now = timezone.now()
    issued = []

    def apply_(a):
        if AgreementNumber.objects.filter(student_id=a.student_id, status=NumberStatus.ACTIVE).exists():
            raise ValidationError("该学生已持有使用中的协议书编号，不能再签约（须先办理违约等补办申请）。")
        number = AgreementNumber(number=numbers[0], student_id=a.student_id, source=NumberSource.ONLINE,
                                 batch_label="网上签约", issued_by=account(acting_user), issued_at=now,
                                 created_at=now, updated_at=now)
        actions._insert_numbers([number], user=acting_user)
        issued.append(AgreementNumber.objects.get(number=numbers[0]))
        a.number = issued[0]
        a.approved_at, a.approved_by, a.school_note = now, account(acting_user), (note or "").strip()[:200]

    done = transition(agreement, to=SigningStatus.SIGNED, allowed_from=(SigningStatus.SCHOOL,), verb="审核",
                      user=acting_user, module=MODULE, action="approve", apply=apply_, related=("student", "employer"),
                      repeat_is_done=False, changes=lambda a: {"number": ["", a.number.number]},
                      message=lambda a: f"学校同意网上签约：{a}，协议书编号 {a.number.number}").obj
    set_agreement_numbers({done.student_id: issued[0].number}, acting_user=acting_user,
                          message=f"网上签约（编号 {issued[0].number}）")
    _notify_student(done, "三方协议网上签约已完成",
                    f"学校已审核同意您与{done.employer.name}的三方协议，协议书编号：{issued[0].number}。")
    _notify_employer(done, "三方协议网上签约已完成",
                     f"学校已审核同意{done.student.name}的三方协议，协议书编号：{issued[0].number}。")
    return done


@transaction.atomic
def reject(agreement, *, acting_user, reason):
    """学校不同意（原因）."""
    _require(acting_user, agreement)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写不同意的原因。"})
    if len(reason) > 200:
        raise ValidationError({"reason": f"原因不能超过 200 字（现为 {len(reason)} 字）。"})

    def apply_(a):
        a.approved_at, a.approved_by, a.school_note = timezone.now(), account(acting_user), reason

    done = transition(agreement, to=SigningStatus.REJECTED, allowed_from=(SigningStatus.SCHOOL,), verb="审核",
                      user=acting_user, module=MODULE, action="reject", apply=apply_, related=("student", "employer"),
                      repeat_is_done=False, message=lambda a: f"学校不同意网上签约：{a}，原因：{reason}").obj
    _notify_student(done, "三方协议网上签约未通过学校审核",
                    f"学校未同意您与{done.employer.name}的三方协议。原因：{reason}")
    _notify_employer(done, "三方协议网上签约未通过学校审核",
                     f"学校未同意{done.student.name}的三方协议。原因：{reason}")
    return done
