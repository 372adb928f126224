"""参会费用 order state machine: every move, idempotency, illegal moves, locks, history and the provider."""


import pytest
from django.core.exceptions import ValidationError

from careers.core.models import OperationLog
from careers.events.payments import actions
from careers.events.models import Order, OrderStatus
from careers.events.payments.providers import PaymentProvider, base, get_provider
from tests.events.participants_support import _private_media, code_tables, employer, fair, participation  # noqa: F401
from tests.factories import EmployerFactory, FairFactory, ParticipationFactory, SchoolAdminFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def order(participation):
    return actions.create_order(participation).order


def test_create_order_for_amount_due_and_again_is_a_noop(participation):
    first = actions.create_order(participation)
    assert first.changed and first.order.amount_fen == 86000 and first.order.status == OrderStatus.UNPAID
    assert first.order.number.startswith("FR") and len(first.order.number) <= 32
    again = actions.create_order(participation)
    assert not again.changed and again.order.pk == first.order.pk and "已存在" in again.message
    assert Order.objects.count() == 1


def test_create_order_after_amount_change_closes_the_old_one(participation, order):
    participation.amount_due = "1660.00"
    participation.save()
    outcome = actions.create_order(participation)
    assert outcome.changed and outcome.order.amount_fen == 166000
    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED


def test_create_order_refusals(participation, fair):
    participation.amount_due = 0
    participation.save()
    with pytest.raises(ValidationError, match="无需缴费"):
        actions.create_order(participation)
    participation.amount_due = 800
    participation.status = "withdrawn"
    participation.save()
    with pytest.raises(ValidationError, match="已撤回"):
        actions.create_order(participation)
    participation.status = "pending"
    participation.save()
    with pytest.raises(ValidationError, match="不支持该支付方式"):
        actions.create_order(participation, method="wechat")


def test_mark_paid_then_again_is_a_noop(order):
    admin = SchoolAdminFactory()
    outcome = actions.mark_paid(order, transaction_id="BANK001", by=admin)
    assert outcome.changed
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID and order.paid_at and order.confirmed_by == admin
    again = actions.mark_paid(order, transaction_id="BANK001", by=admin)
    assert not again.changed and "已是“已支付”" in again.message
    assert OperationLog.objects.filter(module="参会费用", action="pay", object_id=str(order.pk)).count() == 1
    assert order.history.filter(status="paid").count() == 1
    assert actions.is_paid(order.participation)


def test_refund_then_again_is_a_noop(order):
    actions.mark_paid(order, transaction_id="T1")
    with pytest.raises(ValidationError, match="退款原因"):
        actions.refund(order, "  ")
    assert actions.refund(order, "招聘会取消").changed
    order.refresh_from_db()
    assert order.status == OrderStatus.REFUNDED and order.refund_reason == "招聘会取消" and order.refunded_at
    assert not actions.refund(order, "招聘会取消").changed
    assert not actions.is_paid(order.participation)


def test_close_then_again_is_a_noop(order):
    assert actions.close(order).changed
    assert not actions.close(order).changed
    order.refresh_from_db()
    assert order.status == OrderStatus.CLOSED


@pytest.mark.parametrize("state, move", [
    ("unpaid", lambda o: actions.refund(o, "原因")),
    ("closed", lambda o: actions.refund(o, "原因")),
    ("closed", lambda o: actions.mark_paid(o, transaction_id="X")),
    ("refunded", lambda o: actions.mark_paid(o, transaction_id="X")),
    ("paid", lambda o: actions.close(o)),
    ("refunded", lambda o: actions.close(o)),
    ("paid", lambda o: actions.reject_proof(o, "看不清")),
])
def test_illegal_moves_are_refused_in_chinese(order, state, move):
    Order.objects.filter(pk=order.pk).update(status=state)
    with pytest.raises(ValidationError) as error:
        move(order)
    assert f"当前为“{OrderStatus(state).label}”，不能" in error.value.messages[0]
    order.refresh_from_db()
    assert order.status == state


def test_transaction_id_is_unique_per_method(fair):
    a = actions.create_order(ParticipationFactory(fair=fair, amount_due=800)).order
    b = actions.create_order(ParticipationFactory(fair=fair, amount_due=800)).order
    actions.mark_paid(a, transaction_id="SAME")
    with pytest.raises(ValidationError, match="SAME 已用于其他订单"):
        actions.mark_paid(b, transaction_id="SAME")
    b.refresh_from_db()
    assert b.status == OrderStatus.UNPAID


def test_proof_upload_and_rejection(order):
    outcome = actions.upload_proof(order, b"%PDF-1.4 fake", "pdf")
    assert outcome.changed
    order.refresh_from_db()
    assert order.proof and order.proof_uploaded_at
    with pytest.raises(ValidationError, match="不通过的原因"):
        actions.reject_proof(order, "")
    actions.reject_proof(order, "金额不符")
    order.refresh_from_db()
    assert order.proof_note == "金额不符" and order.status == OrderStatus.UNPAID
    actions.upload_proof(order, b"%PDF-1.4 again", "pdf")
    order.refresh_from_db()
    assert order.proof_note == ""


def test_proof_rejection_needs_a_proof(order):
    with pytest.raises(ValidationError, match="还没有上传转账凭证"):
        actions.reject_proof(order, "看不清")


def test_offline_provider_gives_the_payee_account(order):
    info = get_provider("offline").create(order)
    assert info["kind"] == "offline" and "户名" in info["payee_info"] and order.number in info["remark"]
    with pytest.raises(ValidationError):
        get_provider("offline").handle_notification(None)


def test_refund_asks_the_provider_and_a_refusal_keeps_the_order_paid(order, monkeypatch):
    class Refusing(PaymentProvider):
        code, label = "t_refuse", "测试"

        def create(self, order):
            return {}

        def refund(self, order, reason):
            raise ValidationError("渠道退款失败")

    monkeypatch.setitem(base._PROVIDERS, "t_refuse", Refusing())
    Order.objects.filter(pk=order.pk).update(method="t_refuse")
    actions.mark_paid(order)
    with pytest.raises(ValidationError, match="渠道退款失败"):
        actions.refund(order, "取消")
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_mark_paid_on_two_connections_pays_once(code_tables):
    participation = ParticipationFactory(fair=FairFactory(), employer=EmployerFactory(admitted=True), amount_due=800)
    order = actions.create_order(participation).order
    from tests.concurrency import run_concurrently

    results = run_concurrently(lambda txn: actions.mark_paid(Order.objects.get(pk=order.pk), transaction_id=txn).changed,
                               args=("T-A", "T-B"))
    assert sorted(results) == [False, True]
    order.refresh_from_db()
    assert order.status == OrderStatus.PAID
    assert OperationLog.objects.filter(action="pay", object_id=str(order.pk)).count() == 1


def test_paid_condition_matches_is_paid(fair):
    from careers.events.models import Participation

    free = ParticipationFactory(fair=fair, amount_due=0)
    unpaid = ParticipationFactory(fair=fair, amount_due=800)
    paid = ParticipationFactory(fair=fair, amount_due=800)
    actions.mark_paid(actions.create_order(paid).order)
    chosen = set(Participation.objects.filter(actions.paid_condition()).values_list("pk", flat=True))
    assert chosen == {free.pk, paid.pk}
    assert [actions.is_paid(p) for p in (free, unpaid, paid)] == [True, False, True]
