"""审核: the one pending-changes review used by student records, dispatch and employment records.

A reviewable model has `pending_changes` (field name → JSON value: pks for foreign keys,
ISO strings for dates), `review_status`, `review_note`, `submitted_at`, `reviewed_at`
(see `ReviewableRecord`), and declares `REVIEW_FIELDS`, the fields a student may report.
The approved values stay in the model's own fields until an admin approves, so every
figure computed from the records (rates, exports) only ever sees reviewed data.

Functions here do the mechanics; each app's action wrapper checks permission and scope,
locks the row and writes the audit event it wants.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.signals import ModelSignal
from django.utils import timezone
from simple_history.utils import get_history_manager_for_model

from .bulk import fast_update
from .history import event, log_event, log_events
from .oplog_display import key_label as field_label
from .scoping import account
from .transitions import lock_in_place


# Sent inside the transaction once an admin decided on records (同意, 调整后同意, 批量审核, 不同意):
# sender=the model, records=[...], approved=bool, note=the reason when not approved. The app that owns a
# model tells the people concerned (e.g. the student, in the inbox) in its receiver. A ModelSignal: a receiver
# names its sender as "app_label.Model".
review_decided = ModelSignal(use_caching=True)


class ReviewStatus(models.TextChoices):
    APPROVED = "approved", "已审核"
    PENDING = "pending", "待审核"
    REJECTED = "rejected", "未通过"
    EMPTY = "empty", "未填报"


class ReviewableRecord(models.Model):
    """Fields of a record a student reports and an admin reviews."""

    review_status = models.CharField("审核状态", max_length=10, choices=ReviewStatus.choices,
                                     default=ReviewStatus.EMPTY, db_index=True)
    pending_changes = models.JSONField("待审核修改", default=dict, blank=True)
    review_note = models.CharField("审核意见", max_length=200, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True, db_index=True)
    reviewed_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="审核人")

    REVIEW_FIELDS = ()

    class Meta:
        abstract = True


def display(value):
    return "" if value is None else str(value)


def to_json(value):
    """A cleaned form value as stored in pending_changes."""
    if hasattr(value, "pk"):
        return value.pk
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def pending_objects(model, records):
    """{field name: {pk: object}} for the foreign keys named in the records' pending changes, one query per FK."""
    wanted = {}
    for record in records:
        for name, value in (record.pending_changes or {}).items():
            if name in model.REVIEW_FIELDS and value not in (None, ""):
                field = model._meta.get_field(name)
                if field.is_relation:
                    wanted.setdefault(name, set()).add(value)
    return {name: related_objects(model._meta.get_field(name), pks) for name, pks in wanted.items()}


def related_objects(field, pks):
    """{pk: object} of a foreign key's targets, in one query (a code comes with its table)."""
    related = field.related_model
    queryset = related._base_manager.all()
    if any(f.name == "table" and f.many_to_one for f in related._meta.concrete_fields):
        queryset = queryset.select_related("table")
    return queryset.in_bulk(pks)


def attach_related(records, fields):
    """Load the current targets of `fields` (foreign keys) for every record: one query per field, so
    showing old values (field_display) does not query once per record and field."""
    for field in fields:
        found = related_objects(field, {getattr(r, field.attname) for r in records} - {None, ""})
        for record in records:
            target = found.get(getattr(record, field.attname))
            if target is not None:
                field.set_cached_value(record, target)


def clean_many(records, *, exclude=()):
    """`full_clean(exclude=exclude)` of many records of one model, raising for the first invalid one
    (by position) as `approve` does, with a fixed number of queries: the foreign keys are checked
    with one query per field (ForeignKey.validate asks once per record and field) and the unique
    fields with one query per field. Models with unique_together or constraints fall back to
    validating those row by row."""
    if not records:
        return
    model = type(records[0])
    opts = model._meta
    relations = [f for f in opts.concrete_fields if f.is_relation and f.name not in exclude]
    unique = [f for f in opts.concrete_fields
              if f.unique and not f.primary_key and not f.is_relation and f.name not in exclude]
    row_by_row = bool(opts.unique_together or opts.total_unique_constraints or opts.constraints)
    errors = {}
    for index, record in enumerate(records):
        try:
            record.full_clean(exclude=[*exclude, *(f.name for f in relations)], validate_unique=row_by_row,
                              validate_constraints=row_by_row)
        except ValidationError as exc:
            errors[index] = list(exc.messages)
        for field in relations:  # ForeignKey.validate without its query: choices, null and blank
            value = getattr(record, field.attname)
            if field.blank and value in field.empty_values:
                continue
            try:
                models.Field.validate(field, value, record)
            except ValidationError as exc:
                errors.setdefault(index, []).extend(exc.messages)
    for field in relations:
        values = {getattr(r, field.attname) for r in records} - {None, ""}
        if not values:
            continue
        target = field.remote_field.field_name
        existing = set(field.remote_field.model._base_manager.filter(**{f"{target}__in": values})
                       .complex_filter(field.get_limit_choices_to()).values_list(target, flat=True))
        for index, record in enumerate(records):
            value = getattr(record, field.attname)
            if value not in (None, "") and value not in existing:
                errors.setdefault(index, []).append(str(ValidationError(
                    field.error_messages["invalid"], code="invalid",
                    params={"model": field.remote_field.model._meta.verbose_name, "pk": value,
                            "field": target, "value": value}).messages[0]))
    for field in unique:
        values = {}
        for index, record in enumerate(records):
            value = getattr(record, field.attname)
            if value not in (None, "") or not field.empty_strings_allowed:
                values.setdefault(value, []).append(index)
        taken = dict(model._base_manager.filter(**{f"{field.attname}__in": list(values)})
                     .values_list(field.attname, "pk"))
        for value, indexes in values.items():
            for index in indexes:
                if len(indexes) > 1 or taken.get(value, records[index].pk) != records[index].pk:
                    message = records[index].unique_error_message(model, (field.name,))
                    errors.setdefault(index, []).extend(message.messages)
    if errors:
        index = min(errors)
        raise ValidationError(f"{records[index]}：{'；'.join(errors[index])}")


def pending_value(model, name, value, objects=None):
    """The display of one pending JSON value."""
    field = model._meta.get_field(name)
    if field.is_relation:
        if value in (None, ""):
            return ""
        objects = objects if objects is not None else pending_objects(model, [_Pending({name: value})])
        return display(objects.get(name, {}).get(value, value))
    if field.choices and value not in (None, ""):
        return display(dict(field.flatchoices).get(value, value))
    return display(value)


class _Pending:
    def __init__(self, changes):
        self.pending_changes = changes


def field_display(record, name):
    field = record._meta.get_field(name)
    if field.choices and not field.is_relation:
        return display(getattr(record, f"get_{name}_display")()) if getattr(record, name) not in (None, "") else ""
    return display(getattr(record, name))


def pending_diff(record, objects=None):
    """[(field name, label, old display, new display)] for the record's pending changes, in field order."""
    model = type(record)
    pending = record.pending_changes or {}
    objects = pending_objects(model, [record]) if objects is None else objects
    return [(name, str(model._meta.get_field(name).verbose_name), field_display(record, name),
             pending_value(model, name, pending[name], objects))
            for name in model.REVIEW_FIELDS if name in pending]


def apply_values(record, values):
    """Set model fields from pending JSON (pks, ISO dates) or cleaned form values (instances)."""
    for name, value in values.items():
        field = record._meta.get_field(name)
        if field.is_relation and not hasattr(value, "pk"):
            setattr(record, field.attname, value if value != "" else None)
        elif isinstance(field, models.DateField) and isinstance(value, str):
            setattr(record, name, datetime.date.fromisoformat(value) if value else None)
        else:
            setattr(record, name, value)


def submit(record, changes, *, at=None):
    """A student's report: keep only what differs from the approved values, mark 待审核.

    Returns the stored pending changes ({} when nothing differs: the record is left as it was).
    """
    model = type(record)
    unknown = set(changes) - set(model.REVIEW_FIELDS)
    if unknown:
        raise ValidationError(f"不能填报这些字段：{'、'.join(sorted(unknown))}")
    pending = {}
    for name, value in changes.items():
        field = model._meta.get_field(name)
        current = getattr(record, field.attname)
        current = to_json(current)
        value = to_json(value)
        if (current or None) != (value or None):
            pending[name] = value
    if not pending:
        return {}
    record.pending_changes = pending
    record.review_status = ReviewStatus.PENDING
    record.review_note = ""
    record.submitted_at = at or timezone.now()
    return pending


def approve(record, *, acting_user, adjustments=None, adjustable=None, clean_exclude=()):
    """同意 / 调整后同意: apply pending changes, then the admin's adjustments; validate; mark 已审核.

    Returns {field: [old display, new display]} of what changed. The caller saves.
    """
    model = type(record)
    pending = {k: v for k, v in (record.pending_changes or {}).items() if k in model.REVIEW_FIELDS}
    adjustments = dict(adjustments or {})
    refused = set(adjustments) - set(adjustable if adjustable is not None else model.REVIEW_FIELDS)
    if refused:
        raise ValidationError(f"不能在审核时修改这些字段：{'、'.join(sorted(refused))}")
    before = {name: field_display(record, name) for name in {*pending, *adjustments}}
    apply_values(record, pending)
    apply_values(record, adjustments)
    record.pending_changes = {}
    record.review_status = ReviewStatus.APPROVED
    record.review_note = ""
    record.reviewed_at = timezone.now()
    if hasattr(record, "reviewed_by_id"):
        record.reviewed_by = account(acting_user)
    try:
        record.full_clean(exclude=list(clean_exclude))
    except ValidationError as exc:
        raise ValidationError(f"{record}：{'；'.join(exc.messages)}") from exc
    return {name: [old, field_display(record, name)] for name, old in before.items()
            if old != field_display(record, name)}


def reject(record, *, reason, acting_user=None):
    """不同意: keep the reason for the student, drop the pending changes. Returns the dropped field names."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写不同意的原因，学生将看到该原因。")
    if len(reason) > 200:
        raise ValidationError("原因最多 200 个字。")
    dropped = sorted(record.pending_changes or {})
    record.pending_changes = {}
    record.review_status = ReviewStatus.REJECTED
    record.review_note = reason
    record.reviewed_at = timezone.now()
    if hasattr(record, "reviewed_by_id"):
        record.reviewed_by = account(acting_user)
    return dropped


class ReviewActions:
    """The admin side of review for one model: permission and scope, row locks, audit, all-or-nothing bulk.

    One instance per reviewable model (students, dispatch, employment records). `check(record, values)`
    is the model's own validation of the values about to be applied (raise ValidationError).
    """

    OUT_OF_SCOPE = "该学生不在您管辖的专业范围内，或您没有此操作的权限。"

    def __init__(self, model, *, module, noun, adjustable=None, clean_exclude=(), require_pending=True,
                 number=lambda record: record.student.student_number, related=("student",), check=None,
                 prepare=None):
        self.model, self.module, self.noun = model, module, noun
        self.adjustable, self.clean_exclude = adjustable, tuple(clean_exclude)
        self.require_pending, self.number, self.related = require_pending, number, related
        self.check = check or (lambda record, values: None)
        # prepare(records): before a bulk approval, load in a few queries what `check` and the model's
        # clean() would otherwise look up per record
        self.prepare = prepare

    # -- machinery shared with each app's other actions --
    def require(self, record, user, action):
        """`user` holds `<model>.<action>` and manages the record's major. Trusted system code passes
        `SYSTEM`; `None` is nobody and is refused."""
        if not self.model.objects.restrict(user, action).filter(pk=record.pk).exists():
            raise PermissionDenied(self.OUT_OF_SCOPE)

    def require_all(self, pks, user, action, message="所选记录中有不在您管辖范围内的学生，未处理任何记录。"):
        if self.model.objects.restrict(user, action).filter(pk__in=pks).count() != len(pks):
            raise PermissionDenied(message)

    def lock(self, record):
        """Lock the row and reload the caller's instance, so it is current after the action."""
        return lock_in_place(record)

    @staticmethod
    def save(record, user, reason):
        record._history_user = account(user)
        record._change_reason = reason
        record.save()

    def _pending_or_error(self, record):
        if self.require_pending and record.review_status != ReviewStatus.PENDING:
            raise ValidationError(f"{record}：没有待审核的修改。")

    # -- review --
    def _approve(self, record, *, acting_user, adjustments=None):
        self._pending_or_error(record)
        pending = {k: v for k, v in (record.pending_changes or {}).items() if k in type(record).REVIEW_FIELDS}
        self.check(record, {**pending, **(adjustments or {})})
        changes = approve(record, acting_user=acting_user, adjustments=adjustments, adjustable=self.adjustable,
                          clean_exclude=self.clean_exclude)
        how = "（管理员调整后同意）" if adjustments else ""
        self.save(record, acting_user, f"{self.noun}审核通过" + ("（调整后）" if adjustments else ""))
        log_event("update", module=self.module, obj=record, user=acting_user, changes=changes,
                  message=f"{self.noun}审核通过{how}")
        return record

    def approve(self, record, *, acting_user, adjustments=None):
        """同意 / 调整后同意: the student's pending changes, then the admin's adjustments (field → value)."""
        with transaction.atomic():
            self.require(record, acting_user, "review")
            record = self._approve(self.lock(record), acting_user=acting_user, adjustments=adjustments)
            review_decided.send(sender=self.model, records=[record], approved=True, note="")
            return record

    def reject(self, record, *, reason, acting_user):
        """不同意: the reason stays in review_note for the student; the pending changes are dropped."""
        with transaction.atomic():
            self.require(record, acting_user, "review")
            record = self.lock(record)
            self._pending_or_error(record)
            dropped = reject(record, reason=reason, acting_user=acting_user)
            note = record.review_note
            self.save(record, acting_user, f"{self.noun}审核不通过：{note}")
            log_event("update", module=self.module, obj=record, user=acting_user,
                      changes={"pending_changes": ["、".join(field_label(self.model, name) for name in dropped), ""],
                               "review_note": ["", note]},
                      message=f"{self.noun}审核不通过：{note}")
            review_decided.send(sender=self.model, records=[record], approved=False, note=note)
            return record

    def bulk_approve(self, records, *, acting_user):
        """批量审核: every selected record in scope and valid, or nothing is approved.

        Selected records that are not 待审核 are left as they are. Returns the number approved.
        """
        pks = {r.pk for r in records}
        if not pks:
            raise ValidationError("请先勾选要审核的记录。")
        with transaction.atomic():
            self.require_all(pks, acting_user, "review", "所选记录中有不在您管辖范围内的学生，未审核任何记录。")
            locked = list(self.model.objects.select_for_update(of=("self",)).select_related(*self.related)
                          .filter(pk__in=pks, review_status=ReviewStatus.PENDING).order_by("pk"))
            if not locked:
                raise ValidationError(f"所选记录中没有待审核的{self.noun}。")
            if type(self)._approve is ReviewActions._approve:
                self._approve_in_bulk(locked, acting_user=acting_user)
            else:  # a model whose approval does more (notify, bump): its own _approve, row by row
                for record in locked:
                    self._approve(record, acting_user=acting_user)
            log_event("update", module=self.module, user=acting_user, message=f"批量审核通过 {len(locked)} 条{self.noun}",
                      changes={"students": ["", ",".join(self.number(r) for r in locked[:100])]})
            review_decided.send(sender=self.model, records=locked, approved=True, note="")
            return len(locked)

    def _approve_in_bulk(self, records, *, acting_user):
        """`_approve` for many locked records with a fixed number of queries, whatever their number: related
        objects loaded once per field, validation by `clean_many`, one UPDATE, the history rows and one
        operation-log entry per record each written in one INSERT. Raises before writing anything."""
        model = self.model
        reviewer = account(acting_user)
        reason = f"{self.noun}审核通过"
        now = timezone.now()
        pendings = []
        for record in records:
            self._pending_or_error(record)
            pendings.append({k: v for k, v in (record.pending_changes or {}).items() if k in model.REVIEW_FIELDS})
        names = sorted({name for pending in pendings for name in pending})
        relations = [f for f in (model._meta.get_field(n) for n in names) if f.is_relation]
        attach_related(records, relations)
        targets = pending_objects(model, records)
        if self.prepare is not None:
            self.prepare(records)
        befores = []
        for record, pending in zip(records, pendings):
            self.check(record, dict(pending))
            befores.append({name: field_display(record, name) for name in pending})
            apply_values(record, pending)
            for field in relations:
                target = targets.get(field.name, {}).get(getattr(record, field.attname))
                if field.name in pending and target is not None:
                    field.set_cached_value(record, target)
            record.pending_changes = {}
            record.review_status = ReviewStatus.APPROVED
            record.review_note = ""
            record.reviewed_at = now
            if hasattr(record, "reviewed_by_id"):
                record.reviewed_by = reviewer
        clean_many(records, exclude=self.clean_exclude)
        logs = []
        for record, before in zip(records, befores):
            changes = {name: [old, field_display(record, name)] for name, old in before.items()
                       if old != field_display(record, name)}
            logs.append(event("update", module=self.module, obj=record, user=acting_user, changes=changes,
                              message=f"{self.noun}审核通过（批量审核）"))
        fields = [*model.REVIEW_FIELDS, "pending_changes", "review_status", "review_note", "reviewed_at"]
        if hasattr(model, "reviewed_by_id"):
            fields.append("reviewed_by")
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            fields.append("updated_at")  # bulk_update skips auto_now
            for record in records:
                record.updated_at = now
        fast_update(model, records, fields)
        get_history_manager_for_model(model).bulk_history_create(records, update=True, default_user=reviewer, default_change_reason=reason,
                                          default_date=now, batch_size=500)
        log_events(logs)
