"""预约 and 评价 (manual 3.4 (5)): a student's booking of one seat of a slot, and their one rating.

    status      meaning                                   holds the seat
    pending     待确认 (the adviser has not answered)      yes
    confirmed   已确认                                     yes
    declined    已拒绝 (with the adviser's note)           no
    cancelled   已取消 (by the student, before the deadline) no
    completed   已完成 (session notes recorded)            yes
    no_show     未到场                                     yes

No double booking, by the database: a booking holding a seat is the only holding row for its (slot, seat_no)
and for its (slot, student) — partial unique indexes — and `seat_no` runs 1..capacity (the action tries the free
seats, the index decides). A rating is one row per booking (one-to-one)."""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet


class BookingStatus(models.TextChoices):
    PENDING = "pending", "待确认"
    CONFIRMED = "confirmed", "已确认"
    DECLINED = "declined", "已拒绝"
    CANCELLED = "cancelled", "已取消"
    COMPLETED = "completed", "已完成"
    NO_SHOW = "no_show", "未到场"


HOLDING = (BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.COMPLETED, BookingStatus.NO_SHOW)
HOLDING_Q = models.Q(status__in=[s.value for s in HOLDING])


class BookingQuerySet(ScopedQuerySet):
    def holding(self):
        return self.filter(HOLDING_Q)


class Booking(BaseModel):
    slot = models.ForeignKey("counseling.Slot", on_delete=models.PROTECT, related_name="bookings",
                             verbose_name="咨询时间")
    seat_no = models.PositiveSmallIntegerField("席位", default=1)
    student = models.ForeignKey("students.Student", on_delete=models.PROTECT, related_name="counseling_bookings",
                                verbose_name="学生")
    # the slot's adviser and times, copied so the 台账 filters and the overlap check read one table
    adviser = models.ForeignKey("counseling.Adviser", on_delete=models.PROTECT, related_name="bookings",
                                verbose_name="咨询师")
    starts_at = models.DateTimeField("咨询时间", db_index=True)
    ends_at = models.DateTimeField("结束时间")
    topic = models.ForeignKey("counseling.Topic", on_delete=models.PROTECT, related_name="bookings",
                              verbose_name="咨询主题")
    question = models.TextField("咨询问题")
    status = models.CharField("状态", max_length=10, choices=BookingStatus.choices, default=BookingStatus.PENDING,
                              db_index=True)
    reply_note = models.CharField("咨询师回复", max_length=300, blank=True, help_text="确认或拒绝时给学生的说明")
    session_notes = models.TextField("咨询记录", blank=True)
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)
    cancelled_at = models.DateTimeField("取消时间", null=True, blank=True)
    reminder_sent_at = models.DateTimeField("提醒发送时间", null=True, blank=True)

    history = HistoricalRecords()
    objects = BookingQuerySet.as_manager()
    scope_major_lookup = "student__major"

    class Meta:
        verbose_name = verbose_name_plural = "咨询预约"
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "seat_no"], condition=HOLDING_Q,
                                    name="counseling_one_booking_per_seat"),
            models.UniqueConstraint(fields=["slot", "student"], condition=HOLDING_Q,
                                    name="counseling_one_seat_per_student"),
            models.CheckConstraint(condition=models.Q(seat_no__gte=1), name="counseling_seat_no_positive"),
        ]

    def __str__(self):
        return f"{self.student.name} · {self.slot}"

    @property
    def holds_seat(self):
        return self.status in HOLDING


class Rating(BaseModel):
    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="rating",
                                   verbose_name="咨询预约", error_messages={"unique": "该次咨询已经评价过了。"})
    stars = models.PositiveSmallIntegerField("评分", choices=[(n, "★" * n) for n in range(1, 6)])
    comment = models.CharField("评价内容", max_length=300, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_major_lookup = "booking__student__major"

    class Meta:
        verbose_name = verbose_name_plural = "咨询评价"
        constraints = [models.CheckConstraint(condition=models.Q(stars__gte=1, stars__lte=5),
                                              name="counseling_rating_1_to_5")]

    def __str__(self):
        return f"{self.stars} 星"
