"""Locked state transitions: the one shape of every "move this record from one state to another" action.

    result = transition(order, to=OrderStatus.PAID, allowed_from=(OrderStatus.UNPAID,), verb="确认收款",
                        user=by, module="events", action="pay", message=lambda o: f"确认收款：订单 {o.number}",
                        apply=lambda o: setattr(o, "paid_at", timezone.now()), related=("participation",))
    if not result.changed: ...  # it already was PAID: a repeated click or a replayed notification

Inside one transaction it locks the row (SELECT … FOR UPDATE: two admins, or an admin and a payment
notification, never both apply the move), answers "already done" when the record is already in the target
state, refuses a move the state machine does not allow with a message naming the record and its state,
runs `apply` (extra checks that may raise ValidationError, and the other fields the move sets), saves with
the acting account as the history user, and writes the operation log entry with the old and new state.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from .history import log_event
from .scoping import account


def locked(obj, *related: str, model=None):
    """`obj`'s row again, locked until the transaction ends (with `related` joined in the same query; only
    `obj`'s own row is locked, which PostgreSQL also requires when a relation is nullable, an outer join).
    With `model`, `obj` may also be a primary key."""
    queryset = (model or type(obj))._default_manager
    if related:
        queryset = queryset.select_for_update(of=("self",)).select_related(*related)
    else:
        queryset = queryset.select_for_update()
    return queryset.get(pk=getattr(obj, "pk", obj))


def lock_in_place(obj):
    """Lock `obj`'s row until the transaction ends and reload the caller's instance, so it is current after
    the action (for actions whose callers keep using the object they passed in)."""
    list(type(obj)._default_manager.select_for_update().filter(pk=obj.pk).values_list("pk"))
    obj.refresh_from_db()
    return obj


def _auto_now(obj):
    return [f.name for f in obj._meta.concrete_fields if getattr(f, "auto_now", False)]


@dataclass(frozen=True)
class TransitionResult:
    obj: Any  # the locked, saved record
    changed: bool  # False: it already was in the target state (nothing written)


def refusal(obj, verb, field="status"):
    """“<record> 当前为“<state>”，不能<verb>。”"""
    state = getattr(obj, f"get_{field}_display")()
    return f"{obj._meta.verbose_name}“{obj}”当前为“{state}”，不能{verb}。"


def transition(obj, *, to, allowed_from, verb, user, module, action="update", message=None,
               apply: Callable | None = None, related=(), field="status", refuse: Callable | None = None,
               log=True, changes: Callable | None = None, update_fields=None, reason="",
               repeat_is_done=True) -> TransitionResult:
    """Move `obj` (its `field`) to `to` if its current state is in `allowed_from`; see the module docstring.

    `message(locked)` is the operation log text (default: "<verb>：<record>"); `refuse(locked)` builds the
    refusal text (default `refusal`); `changes(locked)` adds fields to the logged changes (after the state
    change); `update_fields` limits the save (the state field and `updated_at` are added); `reason` is the
    history's change reason; `repeat_is_done=False` refuses a record already in the target state like any
    other state not in `allowed_from`. The caller's `obj` gets the new state too."""
    with transaction.atomic():
        current = locked(obj, *related)
        before = getattr(current, field)
        if before == to and repeat_is_done:
            return TransitionResult(current, False)
        if before not in allowed_from:
            raise ValidationError(refuse(current) if refuse else refusal(current, verb, field))
        if apply is not None:
            apply(current)
        setattr(current, field, to)
        current._history_user = account(user)
        if reason:
            current._change_reason = reason
        if update_fields is not None:
            update_fields = [*dict.fromkeys([*update_fields, field, *_auto_now(current)])]
        current.save(update_fields=update_fields)
        if log:
            text = message(current) if message else f"{verb}：{current}"
            logged = {field: [str(before), str(to)], **(changes(current) if changes else {})}
            log_event(action, module=module, obj=current, user=account(user), message=text, changes=logged)
    setattr(obj, field, to)
    return TransitionResult(current, True)
