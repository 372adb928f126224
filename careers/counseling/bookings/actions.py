"""Every write on a booking: book, confirm / decline (with a note), cancel, session notes, no-show, rating,
reminders. One transaction each, an operation-log entry each, history rows; both sides are told through
core.messaging.send_messages.

No double booking, by the database: `book` inserts the booking of one free seat inside a savepoint and lets the
partial unique index (slot, seat_no) of the holding bookings decide; a seat another transaction took meanwhile
is an IntegrityError there, and the next seat is tried. Nothing is read and then written back."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from careers.core.history import log_event
from careers.core.messaging.service import send_messages
from careers.core.scoping import account
from careers.core.transitions import locked, transition

from ..setup.models import CounselingSettings
from .models import Booking, BookingStatus, Rating

MODULE = "services"
QUESTION_MAX = 1000


def _when(booking_or_slot):
    start = timezone.localtime(booking_or_slot.starts_at)
    return f"{start:%Y年%-m月%-d日 %H:%M}–{timezone.localtime(booking_or_slot.ends_at):%H:%M}"


def _notify(items):
    """items: (user, subject, body, link) — users without an account (a student never activated) are skipped."""
    send_messages([([user], subject, body, link) for user, subject, body, link in items if user is not None],
                  kind="appointment")


def _student_link():
    return reverse("portal_counseling:home")


def _adviser_link(booking):
    return reverse("counseling:mine_booking", args=[booking.pk])


def book(student, slot, topic, question, *, user=None):
    """The student books one seat of `slot`; returns the booking. Refusals are Chinese ValidationErrors."""
    question = (question or "").strip()
    if not question:
        raise ValidationError({"question": "请填写咨询问题。"})
    if len(question) > QUESTION_MAX:
        raise ValidationError({"question": f"咨询问题不能超过 {QUESTION_MAX} 字。"})
    if not CounselingSettings.current().enabled:
        raise ValidationError("预约咨询暂未开放。")
    now = timezone.now()
    if slot.starts_at <= now:
        raise ValidationError("该咨询时间已开始或已过去，不能预约。")
    adviser = slot.adviser
    if not (adviser.is_active and adviser.user.is_active):
        raise ValidationError("该咨询师暂停预约。")
    if not topic.is_active:
        raise ValidationError({"topic": "该咨询主题已停用，请另选主题。"})
    if adviser.topics.exists() and not adviser.topics.filter(pk=topic.pk).exists():
        raise ValidationError({"topic": f"咨询师{adviser}不接受“{topic}”主题的预约，请另选主题或咨询师。"})
    with transaction.atomic():
        locked(student)  # one student's bookings one at a time: the overlap check below stays true
        clash = (Booking.objects.holding().filter(student=student, starts_at__lt=slot.ends_at,
                                                  ends_at__gt=slot.starts_at).select_related("slot").first())
        if clash is not None:
            same = clash.slot_id == slot.pk
            raise ValidationError("您已预约该时段，无需重复预约。" if same else
                                  f"您在 {_when(clash)} 已有咨询预约，与该时段重叠，不能同时预约。")
        booking = _take_seat(student, slot, topic, question)
        log_event("create", module=MODULE, obj=booking, user=account(user) or student.user,
                  message=f"预约咨询：{student.name} 预约 {adviser} {_when(slot)}（{topic}）")
        _notify([
            (adviser.user, f"新的咨询预约待确认：{_when(slot)}",
             f"学生{student.name}预约了您 {_when(slot)} 的咨询（{topic}），请在“我的咨询”中确认或拒绝。", _adviser_link(booking)),
            (student.user, "咨询预约已提交",
             f"您已预约咨询师{adviser} {_when(slot)} 的咨询（{topic}），等待咨询师确认。", _student_link()),
        ])
    return booking


def _take_seat(student, slot, topic, question):
    taken = set(Booking.objects.holding().filter(slot=slot).values_list("seat_no", flat=True))
    for seat_no in range(1, slot.capacity + 1):
        if seat_no in taken:
            continue
        try:
            with transaction.atomic():  # a savepoint: a seat taken meanwhile fails here alone
                return Booking.objects.create(
                    slot=slot, seat_no=seat_no, student=student, adviser=slot.adviser, starts_at=slot.starts_at,
                    ends_at=slot.ends_at, topic=topic, question=question, status=BookingStatus.PENDING)
        except IntegrityError:
            continue
    raise ValidationError("该咨询时间已约满，请选择其他时间。")


def may_handle(user, booking):
    """The booking's adviser, or an admin allowed to change bookings of this student."""
    if booking.adviser.user_id == getattr(user, "pk", None):
        return True
    return Booking.objects.restrict(user, "change").filter(pk=booking.pk).exists()


def _decide(booking, to, *, note, user, verb):
    def apply(current):
        current.reply_note = note
        current.decided_at = timezone.now()

    result = transition(booking, to=to, allowed_from=(BookingStatus.PENDING,), verb=verb, user=user, module=MODULE,
                        apply=apply, changes=lambda b: {"reply_note": ["", note]}, repeat_is_done=False,
                        message=lambda b: f"{verb}咨询预约：{b.student.name} {_when(b)}")
    current = result.obj
    text = f"咨询师{current.adviser}已{verb}您 {_when(current)} 的咨询预约。"
    if to == BookingStatus.CONFIRMED:
        text += f"地点：{current.slot.place}。"
    if note:
        text += f"说明：{note}"
    _notify([(current.student.user, f"咨询预约已{verb}：{_when(current)}", text, _student_link())])
    return current


def confirm(booking, *, note="", user):
    return _decide(booking, BookingStatus.CONFIRMED, note=(note or "").strip()[:300], user=user, verb="确认")


def decline(booking, *, note, user):
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": "拒绝预约请填写原因，学生会收到这条说明。"})
    return _decide(booking, BookingStatus.DECLINED, note=note[:300], user=user, verb="拒绝")


def cancel_deadline(booking):
    return booking.starts_at - datetime.timedelta(hours=CounselingSettings.current().cancel_hours)


def cancel(booking, *, user, by_student=True):
    """The student cancels up to the configured time before the session (an admin at any time before it);
    the seat is free again at once (the booking no longer holds it)."""
    now = timezone.now()

    def apply(current):
        if current.starts_at <= now:
            raise ValidationError("咨询已经开始或结束，不能取消。")
        if by_student and now > cancel_deadline(current):
            hours = CounselingSettings.current().cancel_hours
            raise ValidationError(f"咨询开始前 {hours} 小时内不能再取消预约，请直接联系咨询师。")
        current.cancelled_at = now

    result = transition(booking, to=BookingStatus.CANCELLED, allowed_from=(BookingStatus.PENDING, BookingStatus.CONFIRMED),
                        verb="取消", user=user, module=MODULE, apply=apply, repeat_is_done=True,
                        message=lambda b: f"取消咨询预约：{b.student.name} {_when(b)}")
    if result.changed:
        current = result.obj
        who = "学生" + current.student.name if by_student else "管理员"
        _notify([(current.adviser.user, f"咨询预约已取消：{_when(current)}",
                  f"{who}取消了 {_when(current)} 的咨询预约（{current.topic}），该时段已重新开放预约。",
                  _adviser_link(current))]
                + ([] if by_student else [(current.student.user, f"咨询预约已取消：{_when(current)}",
                                           f"您 {_when(current)} 的咨询预约已被取消。", _student_link())]))
    return result.obj


def record_notes(booking, *, notes, user):
    """咨询记录: the session took place (confirmed → completed) or its notes are corrected."""
    notes = (notes or "").strip()
    if not notes:
        raise ValidationError({"notes": "请填写咨询记录。"})
    if booking.starts_at > timezone.now():
        raise ValidationError("咨询尚未开始，不能填写咨询记录。")
    with transaction.atomic():
        current = locked(booking)
        if current.status == BookingStatus.COMPLETED:
            before = current.session_notes
            current.session_notes = notes
            current._history_user = account(user)
            current.save(update_fields=["session_notes", "updated_at"])
            log_event("update", module=MODULE, obj=current, user=account(user), message=f"修改咨询记录：{current}",
                      changes={"session_notes": [before, notes]})
            return current
        result = transition(current, to=BookingStatus.COMPLETED, allowed_from=(BookingStatus.CONFIRMED,),
                            verb="填写咨询记录", user=user, module=MODULE,
                            apply=lambda b: setattr(b, "session_notes", notes),
                            message=lambda b: f"完成咨询：{b.student.name} {_when(b)}")
        _notify([(result.obj.student.user, "咨询已完成，欢迎评价",
                  f"您 {_when(result.obj)} 与咨询师{result.obj.adviser}的咨询已完成，请在“预约咨询”中为本次咨询评价。",
                  _student_link())])
        return result.obj


def mark_no_show(booking, *, user):
    def apply(current):
        if current.starts_at > timezone.now():
            raise ValidationError("咨询尚未开始，不能标记未到场。")

    return transition(booking, to=BookingStatus.NO_SHOW, allowed_from=(BookingStatus.CONFIRMED,), verb="标记未到场",
                      user=user, module=MODULE, apply=apply,
                      message=lambda b: f"标记未到场：{b.student.name} {_when(b)}").obj


def rate(booking, *, student, stars, comment="", user=None):
    """The student rates a completed session, once (the one-to-one row refuses a second)."""
    if booking.student_id != student.pk:
        raise ValidationError("只能评价自己的咨询。")
    try:
        stars = int(stars)
    except (TypeError, ValueError):
        stars = 0
    if not 1 <= stars <= 5:
        raise ValidationError({"stars": "请选择 1–5 星评分。"})
    comment = (comment or "").strip()
    if len(comment) > 300:
        raise ValidationError({"comment": "评价内容不能超过 300 字。"})
    if booking.status != BookingStatus.COMPLETED:
        raise ValidationError("咨询完成后才能评价。")
    try:
        with transaction.atomic():
            rating = Rating(booking=booking, stars=stars, comment=comment)
            rating._history_user = account(user) or student.user
            rating.save()
            log_event("create", module=MODULE, obj=booking, user=account(user) or student.user,
                      message=f"评价咨询：{stars} 星", changes={"rating": ["", f"{stars} 星 {comment}".strip()]})
    except IntegrityError:
        raise ValidationError("该次咨询已经评价过了，每次咨询只能评价一次。") from None
    return rating


def send_reminders(today=None):
    """Remind the student and the adviser of tomorrow's confirmed sessions (local time); safe to rerun."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    end = start + datetime.timedelta(days=1)
    sent = 0
    while True:
        with transaction.atomic():
            rows = list(Booking.objects.filter(status=BookingStatus.CONFIRMED, reminder_sent_at__isnull=True,
                                               starts_at__gte=start, starts_at__lt=end)
                        .select_for_update(skip_locked=True, of=("self",))
                        .select_related("student__user", "adviser__user", "slot", "topic").order_by("pk")[:200])
            if not rows:
                break
            items = []
            for b in rows:
                items.append((b.student.user, f"咨询提醒：明天 {timezone.localtime(b.starts_at):%H:%M}",
                              f"您预约的咨询师{b.adviser}的咨询将于 {_when(b)} 进行，地点：{b.slot.place}。"
                              "如不能参加，请提前联系咨询师。", _student_link()))
                items.append((b.adviser.user, f"咨询提醒：明天 {timezone.localtime(b.starts_at):%H:%M}",
                              f"学生{b.student.name}将于 {_when(b)} 来咨询（{b.topic}），地点：{b.slot.place}。",
                              _adviser_link(b)))
            _notify(items)
            Booking.objects.filter(pk__in=[b.pk for b in rows]).update(reminder_sent_at=timezone.now())
            sent += len(rows)
    if sent:
        log_event("other", module=MODULE, message=f"咨询提醒：{tomorrow:%Y-%m-%d} 的 {sent} 次咨询")
    return f"{tomorrow:%Y-%m-%d}：提醒 {sent} 次咨询"
