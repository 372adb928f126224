"""No double booking, ever: many students booking one slot at the same moment (threads, each with its own
connection) → exactly `capacity` bookings; one student booking two overlapping slots at once → one. And on
SQLite, where the test database cannot take a second connection, the unique index itself is shown to refuse a
seat the action believed free (the read is only a hint)."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from careers.counseling.bookings import actions
from careers.counseling.models import Booking
from tests.concurrency import run_concurrently
from tests.counseling.counseling_support import counseling, make_slot, student_with_account  # noqa: F401

from conftest import code_tables as _code_tables  # noqa: E402,F401


def _book(student, slot, topic):
    try:
        actions.book(student, slot, topic, "并发预约")
        return "ok"
    except ValidationError as exc:
        return "；".join(exc.messages)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("capacity", [1, 3])
def test_many_students_one_slot_exactly_capacity_succeed(code_tables, counseling, capacity):  # noqa: F811
    slot = make_slot(counseling["adviser"], capacity=capacity)
    students = [student_with_account() for _ in range(12)]
    outcomes = run_concurrently(lambda s: _book(s, slot, counseling["topic"]), args=students)
    assert outcomes.count("ok") == capacity, outcomes
    assert all(o == "ok" or "已约满" in o for o in outcomes), outcomes
    seats = sorted(Booking.objects.holding().filter(slot=slot).values_list("seat_no", flat=True))
    assert seats == list(range(1, capacity + 1))


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_one_student_two_overlapping_slots_at_once(code_tables, counseling):  # noqa: F811
    from careers.accounts.models import User
    from careers.counseling.models import Adviser
    from tests.factories import UserFactory

    other = Adviser.objects.create(user=UserFactory(username="race-adviser", kind=User.Kind.COUNSELOR))
    student = student_with_account()
    slots = [make_slot(counseling["adviser"], hours=48), make_slot(other, hours=48)]
    outcomes = run_concurrently(lambda slot: _book(student, slot, counseling["topic"]), args=slots)
    assert outcomes.count("ok") == 1 and any("重叠" in o for o in outcomes), outcomes
    assert Booking.objects.filter(student=student).count() == 1


@pytest.mark.django_db
def test_the_index_refuses_a_seat_the_action_thought_free(counseling, monkeypatch):  # noqa: F811
    """A concurrent booking the action did not see (its read of the taken seats is stale): the insert of the same
    seat fails on the unique index, the action moves on — here to no seat at all — and refuses in Chinese."""
    slot = make_slot(counseling["adviser"])
    actions.book(student_with_account(), slot, counseling["topic"], "先到")
    monkeypatch.setattr("careers.counseling.bookings.actions.Booking.objects.holding",
                        lambda: Booking.objects.none())  # the stale read: "nobody holds a seat"
    with pytest.raises(ValidationError, match="已约满"):
        actions.book(student_with_account(), slot, counseling["topic"], "后到")
    assert Booking.objects.filter(slot=slot).count() == 1


@pytest.mark.django_db
def test_a_cancelled_booking_does_not_hold_its_seat_but_two_holding_ones_cannot_share(counseling):  # noqa: F811
    slot = make_slot(counseling["adviser"])
    first = actions.book(student_with_account(), slot, counseling["topic"], "问")
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(slot=slot, seat_no=1, student=student_with_account(), adviser=slot.adviser,
                               starts_at=slot.starts_at, ends_at=slot.ends_at, topic=counseling["topic"], question="x")
    Booking.objects.filter(pk=first.pk).update(status="cancelled")
    Booking.objects.create(slot=slot, seat_no=1, student=student_with_account(), adviser=slot.adviser,
                           starts_at=slot.starts_at, ends_at=slot.ends_at, topic=counseling["topic"], question="x")
