"""协议书管理 actions: apply, withdraw, approve / reject, 批量审核打印, 登记编号 (college mode), 重置.

Each is one transaction, checks the acting admin's permission and scope (`SYSTEM` from trusted code), locks
what it changes, writes history rows and operation-log entries. Numbers are unique school-wide by the
database (`AgreementNumber.number` unique): a batch whose numbers clash with any issued number — also one
issued a moment ago by another admin's batch — is refused as a whole, naming the clashing numbers.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connections, router, transaction
from django.db.models import Max
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from careers.core.bulk import fast_insert, fast_insert_history, fast_update
from careers.core.history import event, log_event, log_events
from careers.core.scoping import account, may, scope_filter
from careers.core.transitions import locked, transition

from ..outcomes.actions import set_agreement_numbers
from . import notify
from .models import (
    LATER_KINDS,
    OPEN_STATUSES,
    PRINTABLE_STATUSES,
    AgreementApplication,
    AgreementMode,
    AgreementNumber,
    AgreementSettings,
    ApplicationKind,
    ApplicationMaterial,
    ApplicationStatus,
    MaterialRequirement,
    NumberSource,
    NumberStatus,
    OnlineAgreement,
    OPEN_SIGNING,
    split_number,
)

MODULE = "employment"
MAX_BATCH = 5000
NUMBER_MAX_LENGTH = 30


# -- the student ----------------------------------------------------------------------------------

def has_had_agreement(student):
    """Has the student ever been issued a form? Then only the later application types are open."""
    return AgreementNumber.objects.filter(student=student).exists() or AgreementApplication.objects.filter(
        student=student, status=ApplicationStatus.PRINTED).exists()


def allowed_kinds(student):
    return list(LATER_KINDS) if has_had_agreement(student) else [ApplicationKind.FIRST.value]


def open_application(student):
    return AgreementApplication.objects.filter(student=student, status__in=OPEN_STATUSES).first()


def requirements_of(kind):
    return list(MaterialRequirement.objects.filter(kind=kind).order_by("position", "pk"))


def _lock_student(pk):
    from careers.students.models import Student

    list(Student.objects.select_for_update().filter(pk=pk).values_list("pk"))


@transaction.atomic
def apply(student, *, kind, reason="", files=None, acting_user=None):
    """学生申请协议书. `files` is {MaterialRequirement pk: (bytes, extension)}, already checked by content
    (careers.events.participants.files.clean_document). Returns the new application."""
    _lock_student(student.pk)  # one application at a time
    files = files or {}
    if open_application(student) is not None:
        raise ValidationError("您已有一份正在处理的协议书申请，请等待审核结果（待审核的申请可以撤回后重新提交）。")
    if OnlineAgreement.objects.filter(student=student, status__in=OPEN_SIGNING).exists():
        raise ValidationError("您有一份正在办理的网上签约，不能同时申请纸质协议书（可在网上签约详情页撤销后再申请）。")
    allowed = allowed_kinds(student)
    if kind not in allowed:
        if kind == ApplicationKind.FIRST:
            raise ValidationError("您已领取过协议书，不能再选择“首次申请”，请按实际情况选择违约、遗失、错填、损坏或其他申请。")
        raise ValidationError("第一次申请协议书只能选择“首次申请”。")
    reason = (reason or "").strip()
    if kind != ApplicationKind.FIRST and not reason:
        raise ValidationError({"reason": "请填写申请原因。"})
    if len(reason) > 500:
        raise ValidationError({"reason": f"申请原因不能超过 500 字（现为 {len(reason)} 字）。"})
    requirements = {r.pk: r for r in requirements_of(kind)}
    unknown = set(files) - set(requirements)
    if unknown:
        raise ValidationError("上传的材料与申请类型不符，请刷新页面后重新提交。")
    missing = [r.name for r in requirements.values() if r.required and r.pk not in files]
    if missing:
        label = ApplicationKind(kind).label
        raise ValidationError(f"{label}须上传以下材料：{'、'.join(missing)}。")
    application = AgreementApplication(student=student, kind=kind, reason=reason)
    application._history_user = account(acting_user)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # another tab submitted at the same moment
        raise ValidationError("您已有一份正在处理的协议书申请，请勿重复提交。")
    for pk, (data, extension) in files.items():
        material = ApplicationMaterial(application=application, requirement=requirements[pk],
                                       name=requirements[pk].name)
        material.file.save(f"material.{extension}", ContentFile(data), save=False)
        material.save()
    return application


@transaction.atomic
def withdraw(application, *, student):
    """学生撤回 a pending application."""
    if application.student_id != student.pk:
        raise PermissionDenied("只能撤回自己的申请。")
    return transition(application, to=ApplicationStatus.WITHDRAWN, allowed_from=(ApplicationStatus.PENDING,),
                      verb="撤回", user=None, module=MODULE, action="withdraw", log=False,
                      refuse=lambda a: f"申请当前为“{a.get_status_display()}”，不能撤回。").obj


# -- checks ---------------------------------------------------------------------------------------

def _require(user, action, applications):
    """Permission and scope for every application (a college admin only their majors'), or nothing happens."""
    if not may(user, AgreementApplication, action):
        raise PermissionDenied("您没有此操作的权限，请联系学校管理员分配。")
    pks = {a.pk for a in applications}
    if scope_filter(AgreementApplication.objects.filter(pk__in=pks), user).count() != len(pks):
        raise PermissionDenied("所选申请中有不在您管辖范围内的学生，未做任何修改。")


def _void(numbers, *, user, reason, now):
    """Mark `numbers` (locked AgreementNumber rows) 已作废; returns their log events."""
    events = []
    for number in numbers:
        number.status = NumberStatus.VOID
        number.voided_at = now
        number.voided_by = account(user)
        number.void_reason = reason[:200]
        number.updated_at = now
        events.append(event("void", module=MODULE, obj=number, user=user, message=f"作废协议书编号 {number}：{reason}",
                            changes={"status": ["使用中", "已作废"], "void_reason": ["", reason[:200]]}))
    if numbers:
        bulk_update_with_history(numbers, AgreementNumber, ["status", "voided_at", "voided_by", "void_reason",
                                                            "updated_at"], default_user=account(user),
                                 default_change_reason=reason[:100])
    return events


def _void_active_of(student_ids, *, user, reason, now):
    """Void the students' valid numbers (a later application approved): kept in their agreement history."""
    active = list(AgreementNumber.objects.select_for_update().filter(student_id__in=student_ids,
                                                                     status=NumberStatus.ACTIVE))
    return active, _void(active, user=user, reason=reason, now=now)


# -- review ---------------------------------------------------------------------------------------

def _approve_locked(application, *, user, note, now):
    """Mark one locked pending application approved (the caller saves); a later application voids the
    student's current number. Returns (log events, voided student ids)."""
    application.status = ApplicationStatus.APPROVED
    application.reviewed_at = now
    application.reviewed_by = account(user)
    application.review_note = note[:200]
    events, voided = [], []
    if application.kind != ApplicationKind.FIRST:
        numbers, events = _void_active_of([application.student_id], user=user, now=now,
                                          reason=f"同意{application.get_kind_display()}")
        voided = [n.student_id for n in numbers]
    return events, voided


@transaction.atomic
def approve(application, *, acting_user, note=""):
    """同意 (school mode: the form is then printed by 批量审核打印). A later application voids the old number."""
    _require(acting_user, "review", [application])
    if AgreementSettings.load().mode == AgreementMode.COLLEGE:
        raise ValidationError("当前为院系登记方式：请在同意的同时登记协议书编号（“同意并登记编号”）。")
    application = locked(application, "student")
    if application.status == ApplicationStatus.APPROVED:
        return application
    if application.status != ApplicationStatus.PENDING:
        raise ValidationError(f"申请当前为“{application.get_status_display()}”，不能审核。")
    now = timezone.now()
    events, voided = _approve_locked(application, user=acting_user, note=note, now=now)
    application._history_user = account(acting_user)
    application.save()
    if voided:
        set_agreement_numbers({pk: "" for pk in voided}, acting_user=acting_user,
                              message=f"协议书编号作废（同意{application.get_kind_display()}）")
    log_events([*events, event("approve", module=MODULE, obj=application, user=acting_user,
                               message=f"同意协议书申请：{application}",
                               changes={"status": ["待审核", application.get_status_display()]})])
    notify.approved([application])
    return application


@transaction.atomic
def reject(application, *, acting_user, reason):
    """不同意（原因）."""
    _require(acting_user, "review", [application])
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写不同意的原因。"})
    if len(reason) > 200:
        raise ValidationError({"reason": f"原因不能超过 200 字（现为 {len(reason)} 字）。"})

    def apply_(a):
        a.reviewed_at = timezone.now()
        a.reviewed_by = account(acting_user)
        a.review_note = reason

    decided = transition(application, to=ApplicationStatus.REJECTED, allowed_from=(ApplicationStatus.PENDING,),
                         verb="审核", user=acting_user, module=MODULE, action="reject", apply=apply_,
                         related=("student",), repeat_is_done=False,
                         message=lambda a: f"不同意协议书申请：{a}，原因：{reason}").obj
    notify.rejected(decided)
    return decided


# -- numbers --------------------------------------------------------------------------------------

def number_range(start, count, end=""):
    """The `count` consecutive numbers from `start` ('A0099', 3 → A0099, A0100, A0101: the width is kept).
    ValidationError (Chinese, naming the field) for a bad start, an overflow or an end that does not fit."""
    start = (start or "").strip()
    if not start:
        raise ValidationError({"start": "请填写协议书起始号。"})
    if len(start) > NUMBER_MAX_LENGTH:
        raise ValidationError({"start": f"协议书起始号不能超过 {NUMBER_MAX_LENGTH} 个字符。"})
    parts = split_number(start)
    if parts is None:
        raise ValidationError({"start": f"协议书起始号“{start}”无效：须以数字结尾（可带字母前缀，如 2026000001 或 "
                                        "GD2026000001）。"})
    if count < 1:
        raise ValidationError("请先勾选要打印的申请。")
    prefix, serial, width = parts
    last = serial + count - 1
    if len(str(last)) > width:
        raise ValidationError({"start": f"从“{start}”起打印 {count} 份，编号将超出 {width} 位数字，请更换起始号。"})
    numbers = [f"{prefix}{n:0{width}d}" for n in range(serial, last + 1)]
    end = (end or "").strip()
    if end and end != numbers[-1]:
        end_parts = split_number(end)
        if end_parts is None or end_parts[0] != prefix or end_parts[2] != width or end_parts[1] < serial:
            raise ValidationError({"end": f"协议书结束号“{end}”与起始号“{start}”不是同一编号系列或小于起始号。"})
        size = end_parts[1] - serial + 1
        raise ValidationError({"end": f"编号 {start}～{end} 共 {size} 份，与所选的 {count} 份申请不一致："
                                      f"打印的协议书数量须与打印人数一致（应为 {start}～{numbers[-1]}）。"})
    return numbers


def next_number(start_hint=""):
    """The number after the highest issued one of the series of `start_hint` (or of the latest number)."""
    parts = split_number(start_hint) if start_hint else None
    if parts is None:
        latest = AgreementNumber.objects.exclude(series="").order_by("-issued_at", "-pk").first()
        if latest is None:
            return ""
        parts = split_number(latest.number)
    prefix, _, width = parts
    top = AgreementNumber.objects.filter(series=f"{prefix}|{width}").aggregate(top=Max("serial"))["top"]
    if top is None:
        return start_hint
    return f"{prefix}{top + 1:0{width}d}" if len(str(top + 1)) <= width else ""


def clashes(numbers):
    """The numbers among `numbers` already issued (to anyone, valid or voided)."""
    found = []
    for i in range(0, len(numbers), 1000):
        found += AgreementNumber.objects.filter(number__in=numbers[i:i + 1000]).values_list("number", flat=True)
    return sorted(found)


def _clash_error(found, field="start"):
    shown = "、".join(found[:10]) + (f" 等 {len(found)} 个" if len(found) > 10 else "")
    return ValidationError({field: f"协议书编号 {shown} 已被使用（编号不能重复使用，作废的编号也不能再用），"
                                   "整批未打印，请更换起始号。"})


def _check_gap(numbers):
    """Within a series already in use, the batch must continue it: no skipped numbers."""
    prefix, serial, width = split_number(numbers[0])
    top = AgreementNumber.objects.filter(series=f"{prefix}|{width}").aggregate(top=Max("serial"))["top"]
    if top is not None and serial > top + 1:
        expected = f"{prefix}{top + 1:0{width}d}"
        raise ValidationError({"start": f"本编号系列已用到 {prefix}{top:0{width}d}，起始号应为 {expected}；"
                                        f"从 {numbers[0]} 开始将跳过 {serial - top - 1} 个编号（编号须连续）。"})


def _insert_numbers(rows, *, user):
    """Insert AgreementNumber rows; a clash (also with a batch committed a moment ago) refuses all."""
    for row in rows:
        row.fill_series()
    try:
        with transaction.atomic():
            with connections[router.db_for_write(AgreementNumber)].wrap_database_errors:  # COPY's errors too
                fast_insert(AgreementNumber, rows, batch_size=1000)
            fast_insert_history(AgreementNumber, rows, user=account(user))
    except IntegrityError:
        found = clashes([row.number for row in rows])
        if found:
            raise _clash_error(found)
        raise ValidationError("所选学生中有人已有使用中的协议书编号（可能刚被其他管理员打印或登记），整批未打印，请刷新后重试。")


def _lock_batch(applications):
    pks = sorted({a.pk for a in applications})
    rows = list(AgreementApplication.objects.select_for_update(of=("self",)).select_related("student")
                .filter(pk__in=pks).order_by("student__student_number", "pk"))
    if len(rows) != len(pks):
        raise ValidationError("所选申请中有已被删除的记录，请刷新后重试。")
    return rows


@transaction.atomic
def print_batch(applications, *, batch_label, start, end="", acting_user, note=""):
    """批量审核打印: approve (if pending) and number the applications, 学号 order, consecutive from `start`.

    All or nothing: every application must be waiting for a form, every student must be in scope, the count
    of numbers must equal the count of applications, no number may have been issued before (a clash names
    the numbers), and within a series in use the batch must start right after its highest number.
    Returns the applications, each with `.number` set."""
    if AgreementSettings.load().mode == AgreementMode.COLLEGE:
        raise ValidationError("当前为院系登记方式：协议书已预先发放到院系，请在申请详情页“同意并登记编号”。")
    applications = list(applications)
    if not applications:
        raise ValidationError("请先勾选要打印的申请。")
    if len(applications) > MAX_BATCH:
        raise ValidationError(f"一次最多打印 {MAX_BATCH} 份，请分批打印。")
    _require(acting_user, "print", applications)
    batch_label = (batch_label or "").strip()
    if not batch_label:
        raise ValidationError({"batch_label": "请填写识别号（用于区分打印批次）。"})
    if len(batch_label) > 30:
        raise ValidationError({"batch_label": "识别号不能超过 30 个字符。"})
    rows = _lock_batch(applications)
    wrong = [a for a in rows if a.status not in PRINTABLE_STATUSES]
    if wrong:
        names = "、".join(f"{a.student.name}（{a.get_status_display()}）" for a in wrong[:10])
        raise ValidationError(f"以下申请不在待审核或待打印状态，整批未打印：{names}。")
    numbers = number_range(start, len(rows), end)
    found = clashes(numbers)
    if found:
        raise _clash_error(found)
    _check_gap(numbers)
    now = timezone.now()
    events, voided_students = [], []
    reviewed = [a for a in rows if a.status == ApplicationStatus.PENDING]
    for application in reviewed:
        application.status = ApplicationStatus.APPROVED
        application.reviewed_at, application.reviewed_by = now, account(acting_user)
        application.review_note = note[:200]
    later = [a.student_id for a in reviewed if a.kind != ApplicationKind.FIRST]
    if later:
        voided, void_events = _void_active_of(later, user=acting_user, now=now, reason="同意协议书补办申请")
        events += void_events
        voided_students = [n.student_id for n in voided]
    holders = dict(AgreementNumber.objects.filter(student_id__in=[a.student_id for a in rows],
                                                  status=NumberStatus.ACTIVE).values_list("student_id", "number"))
    if holders:
        names = "、".join(f"{a.student.name}（{holders[a.student_id]}）" for a in rows if a.student_id in holders)
        raise ValidationError(f"以下学生已有使用中的协议书编号，不能再打印新协议书（如需补办请让学生提交补办申请）：{names}。")
    issued = [AgreementNumber(number=number, student_id=a.student_id, application=a, source=NumberSource.PRINTED,
                              batch_label=batch_label, issued_by=account(acting_user), issued_at=now,
                              created_at=now, updated_at=now)
              for a, number in zip(rows, numbers)]
    _insert_numbers(issued, user=acting_user)
    for application, number in zip(rows, issued):
        before = application.get_status_display()
        application.number = number
        application.status = ApplicationStatus.PRINTED
        application.batch_label = batch_label
        application.printed_at, application.printed_by = now, account(acting_user)
        application.updated_at = now
        events.append(event("print", module=MODULE, obj=application, user=acting_user,
                            message=f"批量审核打印（识别号 {batch_label}）：{application}，协议书编号 {number.number}",
                            changes={"status": [before, application.get_status_display()],
                                     "number": ["", number.number], "batch_label": ["", batch_label]}))
    # every field but the number is the same for the whole batch: one UPDATE for them, one for the numbers
    common = {"status": ApplicationStatus.PRINTED, "batch_label": batch_label, "printed_at": now,
              "printed_by": account(acting_user), "updated_at": now}
    AgreementApplication.objects.filter(pk__in=[a.pk for a in rows]).update(**common)
    if reviewed:
        AgreementApplication.objects.filter(pk__in=[a.pk for a in reviewed]).update(
            reviewed_at=now, reviewed_by=account(acting_user), review_note=note[:200])
    fast_update(AgreementApplication, rows, ["number"])
    fast_insert_history(AgreementApplication, rows, user=account(acting_user), reason="批量审核打印", date=now,
                        history_type="~")
    values = {pk: "" for pk in voided_students}
    values.update({a.student_id: a.number.number for a in rows})
    set_agreement_numbers(values, acting_user=acting_user, message=f"批量审核打印协议书（识别号 {batch_label}）")
    events.append(event("print", module=MODULE, user=acting_user,
                        message=f"批量审核打印协议书：识别号 {batch_label}，{len(rows)} 份，编号 {numbers[0]}～{numbers[-1]}",
                        changes={"batch_label": batch_label, "count": len(rows), "first": numbers[0],
                                 "last": numbers[-1]}))
    log_events(events)
    notify.issued(rows)
    return rows


@transaction.atomic
def register_number(application, number, *, acting_user, note=""):
    """院系登记方式: 同意并登记编号 — the college admin approves and records the pre-printed form's number."""
    if AgreementSettings.load().mode != AgreementMode.COLLEGE:
        raise ValidationError("当前为学校打印方式：请用“批量审核打印”发放协议书。")
    _require(acting_user, "print", [application])
    number = (number or "").strip()
    if not number:
        raise ValidationError({"number": "请填写协议书编号。"})
    if len(number) > NUMBER_MAX_LENGTH or split_number(number) is None:
        raise ValidationError({"number": f"协议书编号“{number[:40]}”无效：须以数字结尾，不超过 {NUMBER_MAX_LENGTH} 个字符。"})
    application = locked(application, "student")
    if application.status not in PRINTABLE_STATUSES:
        raise ValidationError(f"申请当前为“{application.get_status_display()}”，不能登记编号。")
    if clashes([number]):
        raise _clash_error([number], "number")
    now = timezone.now()
    events, voided = [], []
    if application.status == ApplicationStatus.PENDING:
        events, voided = _approve_locked(application, user=acting_user, note=note, now=now)
    if AgreementNumber.objects.filter(student_id=application.student_id, status=NumberStatus.ACTIVE).exists():
        raise ValidationError("该学生已有使用中的协议书编号，不能再登记（如需补办请让学生提交补办申请）。")
    issued = AgreementNumber(number=number, student_id=application.student_id, application=application,
                             source=NumberSource.REGISTERED, issued_by=account(acting_user))
    issued._history_user = account(acting_user)
    try:
        with transaction.atomic():
            issued.save()
    except IntegrityError:
        raise _clash_error([number], "number")
    before = application.get_status_display()
    application.number = issued
    application.status = ApplicationStatus.PRINTED
    application.printed_at, application.printed_by = now, account(acting_user)
    application._history_user = account(acting_user)
    application.save()
    set_agreement_numbers({application.student_id: number}, acting_user=acting_user, message="院系登记协议书编号")
    log_events([*events, event("register", module=MODULE, obj=application, user=acting_user,
                               message=f"同意并登记协议书编号 {number}：{application}",
                               changes={"status": [before, application.get_status_display()], "number": ["", number]})])
    notify.issued([application])
    return application


def reset_problem(application):
    """Why a printed application cannot be reset ("" when it can): only the student's current form is."""
    if application.status != ApplicationStatus.PRINTED:
        return f"申请当前为“{application.get_status_display()}”，只有已打印的申请可以重置。"
    if application.number is None or application.number.status != NumberStatus.ACTIVE:
        return "该申请的协议书编号已作废（学生已有新的申请），不能重置。"
    if AgreementApplication.objects.filter(student_id=application.student_id, status__in=OPEN_STATUSES).exists():
        return "该学生有正在处理的协议书申请，请先处理该申请后再重置。"
    return ""


@transaction.atomic
def reset(application, *, acting_user, reason=""):
    """重置: a mis-printed form is printed again — its number is voided (never reused) and logged."""
    _require(acting_user, "print", [application])
    reason = (reason or "").strip()[:150] or "打印错误"
    application = locked(application, "student", "number")
    _lock_student(application.student_id)  # the same lock as apply(): never two open applications
    problem = reset_problem(application)
    if problem:
        raise ValidationError(problem)
    now = timezone.now()
    old = AgreementNumber.objects.select_for_update().get(pk=application.number_id)
    events = _void([old], user=acting_user, reason=f"重置：{reason}", now=now)
    application.status = ApplicationStatus.RESET
    application.number = None
    application.reset_count += 1
    application._history_user = account(acting_user)
    application._change_reason = f"重置：{reason}"
    application.save()
    set_agreement_numbers({application.student_id: ""}, acting_user=acting_user,
                          message=f"协议书编号 {old.number} 作废（重置）")
    log_events([*events, event("reset", module=MODULE, obj=application, user=acting_user,
                               message=f"重置协议书申请：{application}，作废编号 {old or '—'}，原因：{reason}",
                               changes={"status": ["已打印（已发放）", application.get_status_display()],
                                        "number": [str(old or ""), ""]})])
    notify.reset(application, old.number)
    return application


@transaction.atomic
def update_settings(settings_obj, values, *, acting_user):
    from careers.core.scoping import require_school

    require_school(acting_user, "employment.agreementsettings.change", "只有学校管理员可以修改协议书设置。")
    obj = AgreementSettings.objects.select_for_update().get(pk=settings_obj.pk)
    for name, value in values.items():
        setattr(obj, name, value)
    obj._history_user = account(acting_user)
    obj.save()
    log_event("update", module=MODULE, obj=obj, user=acting_user, message="修改协议书设置",
              changes={k: str(v) for k, v in values.items()})
    return obj
