"""就业信息 actions: a student's report, the admin's direct fill-in, review, bulk review, 初始化就业信息.

Each runs in one transaction, checks the acting admin's permission and scope (pass
`SYSTEM` from trusted system code; `None` is nobody and is refused), locks the rows it changes and writes an
audit event; the record's own history (simple-history) keeps every old value.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from careers.core import review
from careers.core.history import log_event
from careers.core.review import ReviewStatus
from careers.core.scoping import account, may, scope_filter
from careers.students.models import Student

from .models import EmploymentRecord
from .templates_fill import preload_codes, template_problems
from ..windows.state import window_state

MODULE = "employment"
RECORD_RELATED = ("student__major", "destination__parent", "employer_nature", "employer_industry",
                  "employer_region")


reviews = review.ReviewActions(EmploymentRecord, module=MODULE, noun="就业信息",
                               clean_exclude=("student", "reviewed_by"), prepare=preload_codes)
_require, _lock, _save = reviews.require, reviews.lock, reviews.save
approve, reject, bulk_approve = reviews.approve, reviews.reject, reviews.bulk_approve


def _clean(record):
    try:
        record.full_clean(exclude=["student", "reviewed_by"])
    except ValidationError as exc:
        raise ValidationError(f"{record.student}：{'；'.join(exc.messages)}") from exc


# -- the student ----------------------------------------------------------------------------------

@transaction.atomic
def submit_report(record, values, *, acting_user=None, now=None):
    """学生填报: inside the 功能时间设置 window, the values that differ from the approved ones wait for review.

    `values` are cleaned form values for EmploymentRecord.REVIEW_FIELDS, already checked against the
    fill-in template. Returns the pending changes ({} when the report equals the approved record,
    which withdraws an earlier pending report).
    """
    record = _lock(record)
    state = window_state("employment", record.student.graduation_year, now=now)
    if not state.is_open:
        raise ValidationError(state.message)
    pending = review.submit(record, values, at=now)
    if not pending:
        if record.review_status == ReviewStatus.PENDING:  # back to what was approved
            record.pending_changes = {}
            record.review_status = ReviewStatus.APPROVED if record.destination_id else ReviewStatus.EMPTY
            _save(record, acting_user, "学生撤回就业信息填报")
        return {}
    _save(record, acting_user, "学生填报就业信息")
    return pending


# -- the admin ------------------------------------------------------------------------------------

@transaction.atomic
def admin_update(record, values, *, acting_user):
    """管理员直接填报: set the fields, validate against the template, mark 已审核. Returns the changes."""
    _require(record, acting_user, "change")
    record = _lock(record)
    if record.review_status == ReviewStatus.PENDING and record.pending_changes:
        raise ValidationError("该记录有学生提交的待审核修改，请先审核（同意、不同意或调整后同意）。")
    unknown = set(values) - set(EmploymentRecord.REVIEW_FIELDS)
    if unknown:
        raise ValidationError(f"不能修改这些字段：{'、'.join(sorted(unknown))}")
    before = {name: review.field_display(record, name) for name in values}
    review.apply_values(record, values)
    _clean(record)
    changes = {name: [old, review.field_display(record, name)] for name, old in before.items()
               if old != review.field_display(record, name)}
    if not changes:
        return {}
    record.review_status = ReviewStatus.APPROVED
    record.review_note = ""
    record.reviewed_at = timezone.now()
    record.reviewed_by = account(acting_user)
    _save(record, acting_user, "管理员填报就业信息")
    log_event("update", module=MODULE, obj=record, user=acting_user, changes=changes, message="管理员填报就业信息")
    return changes


# -- 初始化就业信息 ----------------------------------------------------------------------------------

def pending_problems(record):
    """What in the pending report cannot be shown or applied (unknown fields, missing codes, bad dates)."""
    pending = record.pending_changes
    if pending in (None, {}):
        return []
    if not isinstance(pending, dict):
        return ["待审核修改的数据格式错误"]
    problems = []
    from careers.codes.models import Code

    for name, value in pending.items():
        if name not in EmploymentRecord.REVIEW_FIELDS:
            problems.append(f"待审核修改中有未知字段“{name}”")
            continue
        field = EmploymentRecord._meta.get_field(name)
        if value in (None, ""):
            continue
        if field.is_relation:
            if not isinstance(value, int) or not Code.objects.of(field.remote_field.limit_choices_to["table__kind"]) \
                    .filter(pk=value).exists():
                problems.append(f"待审核的{field.verbose_name}代码不存在或已停用")
        elif name == "placed_on":
            try:
                datetime.date.fromisoformat(str(value))
            except ValueError:
                problems.append(f"待审核的落实日期“{value}”不是有效日期")
    return problems


def record_problems(record):
    """Why a record needs 初始化就业信息 ([] when it is sound)."""
    return [*template_problems(record), *pending_problems(record)]


def _reset(record, problems, acting_user):
    old = {name: review.field_display(record, name) for name in EmploymentRecord.REVIEW_FIELDS}
    old_pending = record.pending_changes
    # A snapshot first: the broken values may have arrived without a history row (a raw update, a data fix).
    _save(record, acting_user, "初始化就业信息前的数据")
    for name in EmploymentRecord.REVIEW_FIELDS:
        field = EmploymentRecord._meta.get_field(name)
        setattr(record, field.attname, None if field.null else "")
    record.pending_changes = {}
    record.review_status = ReviewStatus.EMPTY
    record.review_note = ""
    record.submitted_at = record.reviewed_at = None
    record.reviewed_by = None
    _save(record, acting_user, "初始化就业信息：" + "；".join(problems)[:80])
    changes = {name: [value, ""] for name, value in old.items() if value}
    if old_pending:
        changes["pending_changes"] = [str(old_pending)[:500], ""]
    log_event("update", module=MODULE, obj=record, user=acting_user, changes=changes,
              message="初始化就业信息（原数据见变更记录）：" + "；".join(problems)[:150])


@transaction.atomic
def reinitialise(students, *, acting_user):
    """初始化就业信息 for the selected students: create a missing record, reset an inconsistent one.

    A record is reset to empty (old values kept in its history and the audit log) when its destination
    or fields break its fill-in template, point at a code of a non-current table, or its pending report
    cannot be read. Sound records are left alone. All students must be in scope, or nothing happens.
    Returns {"created": n, "reset": n, "unchanged": n}.
    """
    pks = {s.pk for s in students}
    if not pks:
        raise ValidationError("请先勾选要初始化的学生。")
    if not may(acting_user, EmploymentRecord, "change") or \
            scope_filter(Student.objects.filter(pk__in=pks), acting_user).count() != len(pks):
        raise PermissionDenied("所选学生中有不在您管辖范围内的学生，未初始化任何记录。")
    list(Student.objects.select_for_update().filter(pk__in=pks).values_list("pk"))
    existing = {r.student_id: r for r in EmploymentRecord.objects.select_for_update(of=("self",))
                .select_related("student").filter(student_id__in=pks)}
    result = {"created": 0, "reset": 0, "unchanged": 0}
    for student in Student.objects.filter(pk__in=pks).order_by("pk"):
        record = existing.get(student.pk)
        if record is None:
            record = EmploymentRecord(student=student)
            _save(record, acting_user, "初始化就业信息：新建")
            log_event("create", module=MODULE, obj=record, user=acting_user, message="初始化就业信息：补建就业记录")
            result["created"] += 1
            continue
        problems = record_problems(record)
        if problems:
            _reset(record, problems, acting_user)
            result["reset"] += 1
        else:
            result["unchanged"] += 1
    return result


# -- 协议书编号 (written by 协议书管理 and its import) ----------------------------------------------------

def set_agreement_numbers(numbers, *, acting_user, message):
    """Write 协议书编号 into the students' records: `numbers` is {student_id: number or ""}.

    The caller (careers/employment/agreements) has checked permission, scope and uniqueness and holds the
    transaction; here each changed record gets a history row and an operation-log entry. A student's pending
    report keeps its own values (the agreement number the school issued is the approved one). Returns the
    number of records changed."""
    from simple_history.utils import bulk_create_with_history

    from careers.core.bulk import fast_insert_history, fast_update
    from careers.core.history import event, log_events

    if not numbers:
        return 0
    from .templates_fill import template_for

    records = {r.student_id: r for r in EmploymentRecord.objects.select_for_update(of=("self",))
               .select_related("student", "destination__parent").filter(student_id__in=list(numbers))}
    missing = [pk for pk in numbers if pk not in records]
    if missing:  # records are made with the student; one missing is repaired here rather than refused
        created = [EmploymentRecord(student_id=pk) for pk in missing]
        bulk_create_with_history(created, EmploymentRecord, default_user=account(acting_user))
        records.update({r.student_id: r for r in EmploymentRecord.objects.select_for_update(of=("self",))
                        .select_related("student", "destination__parent").filter(student_id__in=missing)})
    now = timezone.now()
    changed, events = [], []
    for student_id, number in numbers.items():
        record = records[student_id]
        old = record.agreement_number
        template = template_for(record.destination)
        if old == number or (number and template is not None and "agreement_number" in template.hidden):
            continue  # e.g. 升学: the record's template has no 协议书编号 (the number stays in 协议书管理)
        record.agreement_number = number
        record.updated_at = now
        changed.append(record)
        events.append(event("update", module=MODULE, obj=record, user=acting_user, message=message,
                                   changes={"agreement_number": [old, number]}))
    if changed:
        # one UPDATE for the common time, one for the numbers (bulk_update's CASE per row costs seconds)
        EmploymentRecord.objects.filter(pk__in=[r.pk for r in changed]).update(updated_at=now)
        fast_update(EmploymentRecord, changed, ["agreement_number"])
        fast_insert_history(EmploymentRecord, changed, user=account(acting_user), reason=message[:100], date=now,
                            history_type="~")
        log_events(events)
    return len(changed)
