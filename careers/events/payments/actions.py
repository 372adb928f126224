"""参会费用 orders: the state machine, in one place for views, providers' notifications and tasks.

    unpaid ──mark_paid──▶ paid ──refund──▶ refunded
       └──close──▶ closed

Every move runs in one transaction with the order row locked (SELECT … FOR UPDATE), so two
administrators (or a provider's notification racing an administrator) cannot both move the same order.
Repeating a move to the state already reached is a no-op that reports so (`Outcome.changed` False); a
move from any other state is refused with a Chinese ValidationError. Every move is recorded twice: the
order's history (simple_history, on save) and the operation log (`log_event`, module 参会费用).
"""

import logging
import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from careers.core.history import log_event
from careers.core.transitions import locked, transition

from ..models import Order, OrderStatus, ParticipationStatus
from .providers import get_provider

MODULE = "参会费用"
log = logging.getLogger(__name__)


@dataclass
class Outcome:
    order: Order
    changed: bool
    message: str


def to_fen(amount):
    return int((Decimal(amount) * 100).quantize(Decimal("1")))


def new_number():
    """FR + local date/time + 6 random hex digits: unique in practice, the constraint decides."""
    return f"FR{timezone.localtime():%Y%m%d%H%M%S}{secrets.token_hex(3).upper()}"


RELATED = ("participation__employer", "participation__fair")


def _refusal(move):
    return lambda order: f"订单 {order.number} 当前为“{order.get_status_display()}”，不能{move}。"


def _refuse(order, move):
    raise ValidationError(_refusal(move)(order))


def _move(order, to, allowed_from, move, by, action, message, *, apply=None, changes=None):
    """One move of the order state machine under its row lock; see the module docstring."""
    return transition(order, to=to, allowed_from=allowed_from, verb=move, user=by, module=MODULE, action=action,
                      message=message, apply=apply, changes=changes, related=RELATED, refuse=_refusal(move))


def _log(order, action, message, user, changes=None):
    log_event(action, module=MODULE, message=message, obj=order, user=user, changes=changes)


def open_order(participation):
    """The unit's current order (unpaid or paid), or None."""
    return participation.orders.filter(status__in=(OrderStatus.UNPAID, OrderStatus.PAID)).order_by("-pk").first()


def create_order(participation, *, method="offline", by=None):
    """One unpaid order for the participation's amount due. An existing unpaid order for the same amount
    is returned (no-op); one for another amount (the application was edited) is closed and replaced."""
    with transaction.atomic():
        participation = locked(participation, "fair", "employer")
        if participation.status not in (ParticipationStatus.PENDING, ParticipationStatus.CONFIRMED):
            raise ValidationError(f"参会申请当前为“{participation.get_status_display()}”，不能缴费。")
        amount = to_fen(participation.amount_due)
        if amount <= 0:
            raise ValidationError("本次参会无需缴费。")
        if method not in (participation.fair.payment_methods or ()):
            raise ValidationError("本场招聘会不支持该支付方式。")
        current = open_order(participation)
        if current is not None and current.status == OrderStatus.PAID:
            return Outcome(current, False, f"已缴费（订单 {current.number}），无需重复缴费。")
        if current is not None and current.amount_fen == amount and current.method == method:
            return Outcome(current, False, f"订单 {current.number} 已存在，待支付。")
        if current is not None:
            close(current, by=by, note="参会申请修改后金额变化，重新生成订单")
        for _ in range(3):
            try:
                with transaction.atomic():
                    order = Order.objects.create(
                        number=new_number(), participation=participation, amount_fen=amount, method=method,
                        description=f"{participation.fair.title} 参会费用"[:200])
                break
            except IntegrityError:  # the random part collided; draw again
                continue
        else:
            raise ValidationError("生成订单号失败，请重试。")
        get_provider(method).create(order)
        _log(order, "create", f"生成参会费用订单 {order.number}，金额 {order.amount_yuan} 元", by)
    return Outcome(order, True, f"已生成订单 {order.number}，金额 {order.amount_yuan} 元。")


def mark_paid(order, *, transaction_id="", by=None):
    """unpaid → paid (an administrator's confirmation or a provider's verified notification)."""
    transaction_id = (transaction_id or "").strip()[:64]

    def record(order):
        order.transaction_id = transaction_id
        order.paid_at = timezone.now()
        order.confirmed_by = by if getattr(by, "pk", None) else None
        order.proof_note = ""

    try:
        moved = _move(order, OrderStatus.PAID, (OrderStatus.UNPAID,), "确认收款", by, "pay",
                      lambda order: f"确认收款：订单 {order.number}，{order.amount_yuan} 元", apply=record,
                      changes=lambda order: {"transaction_id": order.transaction_id})
    except IntegrityError:
        raise ValidationError(f"支付流水号 {transaction_id} 已用于其他订单，请核对。")
    order = moved.obj
    if not moved.changed:
        return Outcome(order, False, f"订单 {order.number} 已是“已支付”，未重复确认。")
    _notify(order, "参会费用已确认收款",
            f"贵单位参加“{order.participation.fair.title}”的参会费用 {order.amount_yuan} 元已确认收款（订单 {order.number}）。")
    return Outcome(order, True, f"订单 {order.number} 已确认收款。")


def refund(order, reason, *, by=None):
    """paid → refunded; the provider gives the money back first (an offline refund is only recorded)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写退款原因。")

    def give_back(order):
        get_provider(order.method).refund(order, reason)
        order.refunded_at = timezone.now()
        order.refund_reason = reason[:200]

    moved = _move(order, OrderStatus.REFUNDED, (OrderStatus.PAID,), "退款", by, "refund",
                  lambda order: f"退款：订单 {order.number}，原因：{reason}", apply=give_back)
    if not moved.changed:
        return Outcome(moved.obj, False, f"订单 {moved.obj.number} 已退款，未重复退款。")
    return Outcome(moved.obj, True, f"订单 {moved.obj.number} 已退款。")


def close(order, *, by=None, note=""):
    """unpaid → closed (the application was withdrawn or its amount changed)."""
    moved = _move(order, OrderStatus.CLOSED, (OrderStatus.UNPAID,), "关闭", by, "close",
                  lambda order: f"关闭订单 {order.number}" + (f"：{note}" if note else ""))
    if not moved.changed:
        return Outcome(moved.obj, False, f"订单 {moved.obj.number} 已关闭。")
    return Outcome(moved.obj, True, f"订单 {moved.obj.number} 已关闭。")


def upload_proof(order, data, extension, *, by=None):
    """The unit's transfer proof for an unpaid offline order; clears an earlier rejection."""
    with transaction.atomic():
        order = locked(order, *RELATED)
        if order.status != OrderStatus.UNPAID:
            _refuse(order, "上传转账凭证")
        if not get_provider(order.method).confirms_manually:
            raise ValidationError("该订单的支付方式不需要上传凭证。")
        old = order.proof.name if order.proof else ""
        order.proof.save(f"proof.{extension}", ContentFile(data), save=False)
        order.proof_uploaded_at = timezone.now()
        order.proof_note = ""
        order.save()
        _log(order, "proof", f"上传转账凭证：订单 {order.number}", by)
    if old:
        transaction.on_commit(lambda: order.proof.storage.delete(old))
    return Outcome(order, True, "转账凭证已上传，等待学校确认收款。")


def reject_proof(order, reason, *, by=None):
    """The school cannot match the proof to a transfer: the order stays unpaid and the unit sees why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写凭证不通过的原因，用人单位将看到该原因。")
    with transaction.atomic():
        order = locked(order, *RELATED)
        if order.status != OrderStatus.UNPAID:
            _refuse(order, "退回凭证")
        if not order.proof:
            raise ValidationError(f"订单 {order.number} 还没有上传转账凭证。")
        order.proof_note = reason[:200]
        order.save()
        _log(order, "proof_reject", f"转账凭证不通过：订单 {order.number}，原因：{reason}", by)
    _notify(order, "参会费用转账凭证未通过",
            f"贵单位参加“{order.participation.fair.title}”的转账凭证未通过核对：{reason}。请重新上传。")
    return Outcome(order, True, f"已退回订单 {order.number} 的转账凭证，单位将看到原因。")


def _notify(order, subject, body):
    """Tell the unit (inbox); the move stands even if the notice cannot be recorded."""
    from django.urls import reverse

    from careers.core.messaging import send_message

    participation = order.participation
    try:
        send_message(recipients=[participation.employer.user], subject=subject, body=body, channels=("inbox",),
                     link=reverse("company_events:payment", args=[participation.fair_id]))
    except Exception:
        log.exception("could not notify employer %s about order %s", participation.employer_id, order.pk)


def is_paid(participation):
    """The 已缴费 indicator: a paid order, or nothing due."""
    if to_fen(participation.amount_due) <= 0:
        return True
    return participation.orders.filter(status=OrderStatus.PAID).exists()


def paid_condition():
    """A Q for Participation querysets: 已缴费 (a paid order, or nothing due) — for list filters/columns
    without a query per row, e.g. `qs.annotate(paid=ExpressionWrapper(paid_condition(), BooleanField()))`."""
    from django.db.models import Exists, OuterRef, Q

    return Q(amount_due__lte=0) | Q(Exists(Order.objects.filter(participation=OuterRef("pk"),
                                                                 status=OrderStatus.PAID)))
