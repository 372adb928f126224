"""Operation log (系统日志) fed by django-simple-history.

Every model with `HistoricalRecords` produces a historical row on save/delete; this
receiver turns each into one `OperationLog` with the changed fields from -> to, using
simple-history's own diff. Writes by back-office users are recorded; writes by
students/employers stay in the model history only.
"""

from django.dispatch import receiver
from simple_history.signals import post_create_historical_record

from .request_context import current_actor

ACTIONS = {"+": "create", "~": "update", "-": "delete"}
SKIP_FIELDS = {"updated_at", "created_at"}


def _display(value):
    if value is None:
        return ""
    return str(value)


def record_changes(historical, *, instance):
    if historical.history_type == "~":
        previous = historical.prev_record
        if previous is None:
            # Rows inserted in bulk (code tables, imports) have no history yet: diff against the values
            # the instance was loaded with (BaseModel.from_db), or the first edit would go unlogged.
            return loaded_changes(instance)
        delta = historical.diff_against(previous, foreign_keys_are_objs=False)
        return {
            change.field: [_display(change.old), _display(change.new)]
            for change in delta.changes
            if change.field not in SKIP_FIELDS
        }
    if historical.history_type == "+":
        return {
            field.attname: ["", _display(getattr(instance, field.attname))]
            for field in instance._meta.concrete_fields
            if field.attname not in SKIP_FIELDS and field.attname != "password" and getattr(instance, field.attname)
            not in (None, "")
        }
    return {}


def loaded_changes(instance):
    loaded = getattr(instance, "_loaded_values", None) or {}
    changes = {}
    for field in instance._meta.concrete_fields:
        name = field.attname
        if name in SKIP_FIELDS or name == "password" or name not in loaded:
            continue
        old, new = loaded[name], getattr(instance, name)
        if old != new:
            changes[name] = [_display(old), _display(new)]
    return changes


@receiver(post_create_historical_record)
def log_operation(sender, instance, history_instance, history_user=None, **kwargs):
    from .models import OperationLog

    actor = current_actor()
    user = history_user or actor.user
    if user is None or not getattr(user, "is_backoffice", False):
        return
    changes = record_changes(history_instance, instance=instance)
    if history_instance.history_type == "~" and not changes:
        return  # a save that changed nothing is not an operation
    OperationLog.objects.create(
        user=user,
        user_repr=str(user)[:150],
        ip_address=actor.ip,
        request_id=actor.request_id,
        module=instance._meta.app_label,
        action=ACTIONS[history_instance.history_type],
        object_type=f"{instance._meta.app_label}.{instance._meta.model_name}",
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=changes,
    )


def log_event(action, *, module, message="", obj=None, changes=None, user=None):
    """Record an operation that is not a model save (login, export, bulk update...)."""
    return event(action, module=module, message=message, obj=obj, changes=changes, user=user, save=True)


def log_events(events):
    """Write many unsaved `event(...)` entries in one INSERT (a bulk action: one entry per record)."""
    from .bulk import fast_insert
    from .models import OperationLog

    return fast_insert(OperationLog, events, batch_size=500)  # COPY on PostgreSQL: thousands of entries at once


def event(action, *, module, message="", obj=None, changes=None, user=None, save=False):
    """The OperationLog entry log_event writes, unsaved unless `save` (for log_events)."""
    from .models import OperationLog

    actor = current_actor()
    user = user or actor.user
    return (OperationLog.objects.create if save else OperationLog)(
        user=user if getattr(user, "pk", None) else None,
        user_repr=str(user)[:150] if user else "",
        ip_address=actor.ip,
        request_id=actor.request_id,
        module=module,
        action=action,
        object_type=f"{obj._meta.app_label}.{obj._meta.model_name}" if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=changes or {},
        message=message[:500],
    )
