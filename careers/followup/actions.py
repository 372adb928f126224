"""就业跟踪台账 actions: every write to a follow-up entry goes through these (one transaction each).

Entries carry simple-history, so each save or delete by an admin lands in the operation log
with the changed fields; `_history_user` names the admin outside a request too.
"""

from django.db import transaction

from .models import FollowUpEntry


def _save(entry, user, reason):
    entry._history_user = user
    entry._change_reason = reason
    entry.full_clean(exclude=["student", "recorded_by"])
    entry.save()
    return entry


@transaction.atomic
def add_entry(student, values, *, user):
    """Record one contact with `student`; `values` are the entry's fields (validated here)."""
    entry = FollowUpEntry(student=student, recorded_by=user, **values)
    return _save(entry, user, "新增跟踪记录")


@transaction.atomic
def update_entry(entry, values, *, user):
    for name, value in values.items():
        setattr(entry, name, value)
    return _save(entry, user, "修改跟踪记录")


@transaction.atomic
def delete_entry(entry, *, user):
    entry._history_user = user
    entry._change_reason = "删除跟踪记录"
    entry.delete()  # the historical "-" row is the audit entry
