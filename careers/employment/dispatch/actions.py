"""派遣信息 actions: review, direct entry by an admin, 初始化派遣信息, and the student's own report.

Each admin action runs in one transaction, checks `restrict(user, "review" | "change")` (pass
`SYSTEM` from trusted system code; `None` is nobody and is refused), locks the rows and writes an audit event on
top of the field-by-field history. Bulk actions are all-or-nothing.
"""

import copy

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model

from careers.core import review
from careers.core.bulk import fast_update
from careers.core.history import event, log_event, log_events
from careers.core.scoping import account, require_school

from .authorities import OriginResolver, origin_dispatch_values  # noqa: F401 (origin_dispatch_values: API)
from ..windows.models import ReportingWindow
from .models import DispatchRecord
from .validation import check_record, code_kinds, dispatch_errors
from ..windows.state import window_state

MODULE = "employment"
# What an admin may set directly or adjust while approving: everything a student reports, plus the number.
ADMIN_FIELDS = (*DispatchRecord.REVIEW_FIELDS, "certificate_number")
ReviewStatus = review.ReviewStatus


def _check_after(record, values):
    """Validate the record as it would be with `values` applied, before anything is changed."""
    trial = copy.copy(record)
    review.apply_values(trial, values)
    check_record(trial, region_changed="receiving_region" in values)


# -- review ----------------------------------------------------------------------------------------

def pending_diff(record, objects=None):
    return review.pending_diff(record, objects)


def _check_pending(record, values):
    if not record.pending_changes:
        raise ValidationError(f"{record}：没有待审核的修改。")
    _check_after(record, values)


# the student link and the reviewer are not reported values: skip their (per-row) lookups
reviews = review.ReviewActions(DispatchRecord, module=MODULE, noun="派遣信息", adjustable=ADMIN_FIELDS,
                               clean_exclude=("student", "reviewed_by"), check=_check_pending, prepare=code_kinds)
_require, _require_all, _lock, _save = reviews.require, reviews.require_all, reviews.lock, reviews.save
approve, reject, bulk_approve = reviews.approve, reviews.reject, reviews.bulk_approve


# -- admin entry and 初始化 ---------------------------------------------------------------------------

@transaction.atomic
def admin_update(record, values, *, acting_user):
    """管理员直接填报: set `values` (field → value) and mark the record 已审核.

    A pending student report is kept for review (the admin lacks review permission, or edits other
    fields); otherwise the record counts as reviewed by the admin now.
    """
    _require(record, acting_user, "change")
    refused = set(values) - set(ADMIN_FIELDS)
    if refused:
        raise ValidationError(f"不能修改这些字段：{'、'.join(sorted(refused))}")
    record = _lock(record)
    _check_after(record, values)
    review.apply_values(record, values)
    if not record.pending_changes:
        record.review_status = ReviewStatus.APPROVED
        record.review_note = ""
        record.reviewed_at = timezone.now()
        record.reviewed_by = account(acting_user)
    try:
        record.full_clean(exclude=["student"])
    except ValidationError as exc:
        raise ValidationError(f"{record}：{'；'.join(exc.messages)}") from exc
    _save(record, acting_user, "管理员填报派遣信息")
    return record


@transaction.atomic
def reinitialise(records, *, acting_user):
    """初始化派遣信息: back to 回生源地 from each student's 生源地; all selected records in scope, or none.

    A pending student report stays for review; otherwise the record is 未填报 again. Returns the count.
    """
    pks = {r.pk for r in records}
    if not pks:
        raise ValidationError("请先勾选要初始化的记录。")
    _require_all(pks, acting_user, "change", "所选记录中有不在您管辖范围内的学生，未初始化任何记录。")
    locked = list(DispatchRecord.objects.select_for_update(of=("self",)).filter(pk__in=pks)
                  .select_related("student__origin_region").order_by("pk"))
    if len(locked) != len(pks):
        raise ValidationError("所选记录中有已不存在的记录，未初始化任何记录。")
    # in bulk, like 批量审核: one UPDATE, the history rows and the per-record log entries each in one INSERT
    resolver = OriginResolver().prime([r.student for r in locked])
    reason = "初始化派遣信息（回生源地）"
    user, now, logs, fields = account(acting_user), timezone.now(), [], set()
    for record in locked:
        changes = {}
        for name, value in resolver.values(record.student).items():
            old = getattr(record, name)
            if old != value:
                changes[name] = [review.display(old), review.display(value)]
            setattr(record, name, value)
            fields.add(name)
        if record.review_status != ReviewStatus.PENDING:
            if record.review_status != ReviewStatus.EMPTY:
                changes["review_status"] = [record.get_review_status_display(), ReviewStatus.EMPTY.label]
            record.review_status = ReviewStatus.EMPTY
            record.review_note = ""
        record.updated_at = now
        if changes and getattr(user, "is_backoffice", False):
            logs.append(event("update", module=MODULE, obj=record, user=user, changes=changes, message=reason))
    fast_update(DispatchRecord, locked, [*sorted(fields), "review_status", "review_note", "updated_at"])
    get_history_manager_for_model(DispatchRecord).bulk_history_create(
        locked, update=True, default_user=user, default_change_reason=reason, default_date=now)
    log_events(logs)
    log_event("update", module=MODULE, user=acting_user, message=f"初始化 {len(locked)} 条派遣信息（回生源地）",
              changes={"students": ["", ",".join(r.student.student_number for r in locked[:100])]})
    return len(locked)


# -- the student's report --------------------------------------------------------------------------

@transaction.atomic
def submit_report(record, changes, *, student_user, now=None):
    """学生填报: inside the 功能时间设置 window, the changed fields wait in pending_changes (待审核).

    Returns the pending changes ({} when nothing differs from the approved record: a report waiting
    for review is then withdrawn).
    """
    record = _lock(record)
    student = record.student
    if student_user is None or student.user_id != student_user.pk:
        raise PermissionDenied("只能填报本人的派遣信息。")
    state = window_state(ReportingWindow.Function.DISPATCH, student.graduation_year, now=now)
    if not state.is_open:
        raise ValidationError(state.message)
    values = {name: getattr(record, DispatchRecord._meta.get_field(name).attname)
              for name in DispatchRecord.REVIEW_FIELDS}
    values.update({name: review.to_json(value) for name, value in changes.items()})
    errors = dispatch_errors(values)
    if errors:
        raise ValidationError(list(errors.values()))
    was_pending = record.review_status == ReviewStatus.PENDING
    pending = review.submit(record, changes, at=now)
    if not pending:
        if not was_pending:
            return {}
        record.pending_changes = {}
        record.review_status = ReviewStatus.APPROVED if record.reviewed_at else ReviewStatus.EMPTY
    record._change_reason = "学生填报派遣信息" if pending else "学生撤回派遣信息修改"
    record.save()
    return pending


# -- 主管单位库 (school admins) ------------------------------------------------------

@transaction.atomic
def save_authority(form, *, acting_user):
    """Add or edit a 主管单位 (the form is valid); audited through its history."""
    is_new = form.instance.pk is None
    require_school(acting_user, f"employment.supervisingauthority.{'add' if is_new else 'change'}")
    authority = form.save(commit=False)
    _save(authority, acting_user, "新增主管单位" if is_new else "修改主管单位")
    return authority


@transaction.atomic
def set_authorities_active(authorities, active, *, acting_user):
    """启用 / 停用 selected 主管单位 (deactivated ones are no longer offered; records keep them)."""
    require_school(acting_user, "employment.supervisingauthority.change")
    changed = 0
    for authority in authorities:
        if authority.is_active != active:
            authority.is_active = active
            _save(authority, acting_user, "启用主管单位" if active else "停用主管单位")
            changed += 1
    return changed
