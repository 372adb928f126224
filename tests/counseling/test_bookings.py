"""预约咨询 rules: booking (taken, past, overlapping, full), cancellation window, decisions, notes, rating once,
reminders to both sides."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from careers.core.models import MessageDelivery
from careers.counseling.bookings import actions
from careers.counseling.models import Booking, BookingStatus, Rating
from tests.counseling.counseling_support import counseling, make_slot, student_with_account  # noqa: F401

pytestmark = pytest.mark.django_db


def test_booking_is_pending_and_tells_both_sides(counseling):  # noqa: F811
    student = student_with_account()
    slot = make_slot(counseling["adviser"])
    booking = actions.book(student, slot, counseling["topic"], "简历怎么写？")
    assert booking.status == BookingStatus.PENDING and booking.seat_no == 1
    recipients = set(MessageDelivery.objects.values_list("recipient_id", flat=True))
    assert recipients == {student.user_id, counseling["user"].pk}


def test_a_taken_slot_is_refused_in_chinese(counseling):  # noqa: F811
    slot = make_slot(counseling["adviser"])
    actions.book(student_with_account(), slot, counseling["topic"], "问题一")
    with pytest.raises(ValidationError, match="已约满"):
        actions.book(student_with_account(), slot, counseling["topic"], "问题二")
    assert Booking.objects.count() == 1


def test_capacity_two_takes_two_seats(counseling):  # noqa: F811
    slot = make_slot(counseling["adviser"], capacity=2)
    seats = [actions.book(student_with_account(), slot, counseling["topic"], "问").seat_no for _ in range(2)]
    assert sorted(seats) == [1, 2]
    with pytest.raises(ValidationError, match="已约满"):
        actions.book(student_with_account(), slot, counseling["topic"], "问")


def test_past_slot_and_empty_question_are_refused(counseling):  # noqa: F811
    student = student_with_account()
    with pytest.raises(ValidationError, match="已开始或已过去"):
        actions.book(student, make_slot(counseling["adviser"], hours=-2), counseling["topic"], "问")
    with pytest.raises(ValidationError) as info:
        actions.book(student, make_slot(counseling["adviser"], hours=10), counseling["topic"], "  ")
    assert info.value.message_dict["question"] == ["请填写咨询问题。"]
    assert not Booking.objects.exists()


def test_module_off_refuses(counseling):  # noqa: F811
    counseling["settings"].enabled = False
    counseling["settings"].save()
    with pytest.raises(ValidationError, match="暂未开放"):
        actions.book(student_with_account(), make_slot(counseling["adviser"]), counseling["topic"], "问")


def test_student_cannot_hold_overlapping_bookings(counseling):  # noqa: F811
    from careers.accounts.models import User
    from careers.counseling.models import Adviser
    from tests.factories import UserFactory

    other = Adviser.objects.create(user=UserFactory(username="adviser2", kind=User.Kind.COUNSELOR))
    student = student_with_account()
    first = make_slot(counseling["adviser"], hours=48, length=1)
    actions.book(student, first, counseling["topic"], "问")
    with pytest.raises(ValidationError, match="您已预约该时段"):
        actions.book(student, first, counseling["topic"], "再问")
    overlapping = make_slot(other, hours=48.5, length=1)
    with pytest.raises(ValidationError, match="重叠"):
        actions.book(student, overlapping, counseling["topic"], "问")
    assert actions.book(student, make_slot(other, hours=50), counseling["topic"], "问").pk


def test_cancel_frees_the_seat_up_to_the_deadline(counseling):  # noqa: F811
    slot = make_slot(counseling["adviser"], hours=48)
    student = student_with_account()
    booking = actions.book(student, slot, counseling["topic"], "问")
    actions.cancel(booking, user=student.user)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    again = actions.book(student_with_account(), slot, counseling["topic"], "问")  # the seat is free again
    assert again.seat_no == 1
    late = actions.book(student, make_slot(counseling["adviser"], hours=5), counseling["topic"], "问")
    with pytest.raises(ValidationError, match="24 小时内不能再取消"):
        actions.cancel(late, user=student.user)
    actions.cancel(late, user=counseling["user"], by_student=False)  # the school may, before it starts
    late.refresh_from_db()
    assert late.status == BookingStatus.CANCELLED


def test_confirm_decline_need_pending_and_decline_needs_a_note(counseling):  # noqa: F811
    a = actions.book(student_with_account(), make_slot(counseling["adviser"], hours=30), counseling["topic"], "问")
    b = actions.book(student_with_account(), make_slot(counseling["adviser"], hours=40), counseling["topic"], "问")
    actions.confirm(a, note="请准时", user=counseling["user"])
    with pytest.raises(ValidationError, match="不能确认"):
        actions.confirm(a, user=counseling["user"])
    with pytest.raises(ValidationError) as info:
        actions.decline(b, note=" ", user=counseling["user"])
    assert "原因" in info.value.message_dict["note"][0]
    actions.decline(b, note="当天外出", user=counseling["user"])
    b.refresh_from_db()
    assert b.status == BookingStatus.DECLINED and b.reply_note == "当天外出"


def _completed(counseling, student=None):  # noqa: F811
    student = student or student_with_account()
    booking = actions.book(student, make_slot(counseling["adviser"], hours=1), counseling["topic"], "问")
    actions.confirm(booking, user=counseling["user"])
    Booking.objects.filter(pk=booking.pk).update(starts_at=timezone.now() - datetime.timedelta(hours=1),
                                                 ends_at=timezone.now())
    booking.refresh_from_db()
    return actions.record_notes(booking, notes="聊了简历", user=counseling["user"])


def test_notes_complete_the_session_and_rating_is_once(counseling):  # noqa: F811
    booking = _completed(counseling)
    assert booking.status == BookingStatus.COMPLETED and booking.session_notes == "聊了简历"
    actions.rate(booking, student=booking.student, stars=5, comment="很有帮助")
    with pytest.raises(ValidationError, match="评价过了"):
        actions.rate(booking, student=booking.student, stars=4)
    assert Rating.objects.filter(booking=booking).count() == 1


def test_rating_rules(counseling):  # noqa: F811
    booking = _completed(counseling)
    with pytest.raises(ValidationError):
        actions.rate(booking, student=booking.student, stars=6)
    with pytest.raises(ValidationError, match="自己的咨询"):
        actions.rate(booking, student=student_with_account(), stars=5)
    pending = actions.book(student_with_account(), make_slot(counseling["adviser"]), counseling["topic"], "问")
    with pytest.raises(ValidationError, match="完成后才能评价"):
        actions.rate(pending, student=pending.student, stars=5)


def test_rating_twice_is_refused_by_the_database():
    """The one-to-one row itself refuses a second rating (whatever code writes it)."""
    from django.db import IntegrityError, transaction

    field = Rating._meta.get_field("booking")
    assert field.one_to_one and field.unique
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.bulk_create([Rating(booking_id=1, stars=5), Rating(booking_id=1, stars=4)])


def test_no_show_only_after_start(counseling):  # noqa: F811
    booking = actions.book(student_with_account(), make_slot(counseling["adviser"]), counseling["topic"], "问")
    actions.confirm(booking, user=counseling["user"])
    with pytest.raises(ValidationError, match="尚未开始"):
        actions.mark_no_show(booking, user=counseling["user"])


def test_reminders_reach_both_sides_once(counseling):  # noqa: F811
    student = student_with_account()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    booking = actions.book(student, make_slot(counseling["adviser"], hours=30), counseling["topic"], "问")
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(10)))
    Booking.objects.filter(pk=booking.pk).update(starts_at=start, ends_at=start + datetime.timedelta(hours=1))
    actions.confirm(booking, user=counseling["user"])
    before = MessageDelivery.objects.count()
    assert "提醒 1 次" in actions.send_reminders()
    assert MessageDelivery.objects.count() == before + 2
    assert "提醒 0 次" in actions.send_reminders()


def test_the_reminder_task_runs_the_action(counseling):  # noqa: F811
    from careers.counseling.tasks import send_reminders

    today = timezone.localdate()
    assert send_reminders.apply(args=[today.isoformat()]).get() == \
        f"{today + datetime.timedelta(days=1):%Y-%m-%d}：提醒 0 次咨询"
