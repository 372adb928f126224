"""咨询时间 (manual 3.4 (4)): what an adviser offers. A weekly rule (每周重复) generates concrete slots; a one-off
slot is added alone. Students book slots, never rules; a slot holds `capacity` seats (1 by default) and the
seats themselves are the bookings' (slot, seat_no) rows (bookings/models.py), so a slot is never overbooked."""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel


class SlotMode(models.TextChoices):
    ROOM = "room", "线下面谈"
    ONLINE = "online", "线上咨询"


class Weekday(models.IntegerChoices):
    MON = 0, "周一"
    TUE = 1, "周二"
    WED = 2, "周三"
    THU = 3, "周四"
    FRI = 4, "周五"
    SAT = 5, "周六"
    SUN = 6, "周日"


class SlotRule(BaseModel):
    """每周重复: every `weekday` from `starts_on` to `ends_on`, `start_time`–`end_time`."""

    adviser = models.ForeignKey("counseling.Adviser", on_delete=models.CASCADE, related_name="slot_rules",
                                verbose_name="咨询师")
    weekday = models.PositiveSmallIntegerField("星期", choices=Weekday.choices)
    start_time = models.TimeField("开始时间")
    end_time = models.TimeField("结束时间")
    starts_on = models.DateField("起始日期")
    ends_on = models.DateField("结束日期")
    mode = models.CharField("咨询方式", max_length=10, choices=SlotMode.choices, default=SlotMode.ROOM)
    location = models.CharField("地点/线上链接", max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField("可预约人数", default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "每周咨询时间"
        ordering = ["weekday", "start_time", "pk"]
        constraints = [models.CheckConstraint(condition=models.Q(end_time__gt=models.F("start_time")),
                                              name="counseling_rule_ends_after_start")]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class Slot(BaseModel):
    adviser = models.ForeignKey("counseling.Adviser", on_delete=models.CASCADE, related_name="slots",
                                verbose_name="咨询师")
    rule = models.ForeignKey(SlotRule, null=True, blank=True, on_delete=models.SET_NULL, related_name="slots",
                             verbose_name="每周重复规则")
    starts_at = models.DateTimeField("开始时间", db_index=True)
    ends_at = models.DateTimeField("结束时间")
    mode = models.CharField("咨询方式", max_length=10, choices=SlotMode.choices, default=SlotMode.ROOM)
    location = models.CharField("地点/线上链接", max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField("可预约人数", default=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "咨询时间"
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="counseling_slot_ends_after_start"),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="counseling_slot_capacity_positive"),
            models.UniqueConstraint(fields=["adviser", "starts_at"], name="counseling_one_slot_per_start"),
        ]

    def __str__(self):
        from django.utils import timezone

        start = timezone.localtime(self.starts_at)
        return f"{start:%Y-%m-%d %H:%M}–{timezone.localtime(self.ends_at):%H:%M}"

    @property
    def place(self):
        """线下面谈 · 就业中心 201 室 / 线上咨询 · <link>: how and where, in one text."""
        return " · ".join(part for part in (self.get_mode_display(), self.location) if part)
