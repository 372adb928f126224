"""An adviser's 咨询时间: one-off slots, weekly rules (每周重复) generating concrete slots, removing a slot.
One transaction and one operation-log entry each."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careers.core.history import log_event
from careers.core.scoping import account

from ..bookings.models import Booking
from .models import Slot, SlotRule

MODULE = "services"
MAX_WEEKS = 26  # a rule covers at most half a year: slots are concrete rows
MAX_CAPACITY = 50


def _check(starts_at, ends_at, capacity):
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": "结束时间必须晚于开始时间。"})
    if ends_at - starts_at > datetime.timedelta(hours=8):
        raise ValidationError({"ends_at": "一个咨询时段不能超过 8 小时。"})
    if not 1 <= capacity <= MAX_CAPACITY:
        raise ValidationError({"capacity": f"可预约人数为 1–{MAX_CAPACITY} 人。"})


def _overlapping(adviser, starts_at, ends_at):
    return Slot.objects.filter(adviser=adviser, starts_at__lt=ends_at, ends_at__gt=starts_at)


def add_slot(adviser, *, starts_at, ends_at, mode, location="", capacity=1, user):
    """A one-off slot; refused when it is past or overlaps another of the adviser's slots."""
    _check(starts_at, ends_at, capacity)
    if starts_at <= timezone.now():
        raise ValidationError({"starts_at": "只能设置将来的咨询时间。"})
    with transaction.atomic():
        clash = _overlapping(adviser, starts_at, ends_at).first()
        if clash is not None:
            raise ValidationError(f"与已设置的咨询时间 {clash} 重叠。")
        slot = Slot(adviser=adviser, starts_at=starts_at, ends_at=ends_at, mode=mode, location=location.strip(),
                    capacity=capacity)
        slot._history_user = account(user)
        slot.save()
        log_event("create", module=MODULE, obj=slot, user=account(user), message=f"新增咨询时间：{adviser} {slot}")
    return slot


def add_rule(adviser, *, weekday, start_time, end_time, starts_on, ends_on, mode, location="", capacity=1, user):
    """每周重复: the rule and its slots from `starts_on` to `ends_on`; past days and days where the adviser already
    has an overlapping slot are skipped. Returns (rule, number of slots made)."""
    if end_time <= start_time:
        raise ValidationError({"end_time": "结束时间必须晚于开始时间。"})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": "结束日期不能早于起始日期。"})
    if (ends_on - starts_on).days > MAX_WEEKS * 7:
        raise ValidationError({"ends_on": f"每周重复最长设置 {MAX_WEEKS} 周。"})
    if not 1 <= capacity <= MAX_CAPACITY:
        raise ValidationError({"capacity": f"可预约人数为 1–{MAX_CAPACITY} 人。"})
    now = timezone.now()
    day = starts_on + datetime.timedelta(days=(weekday - starts_on.weekday()) % 7)
    with transaction.atomic():
        rule = SlotRule(adviser=adviser, weekday=weekday, start_time=start_time, end_time=end_time,
                        starts_on=starts_on, ends_on=ends_on, mode=mode, location=location.strip(), capacity=capacity)
        rule._history_user = account(user)
        rule.save()
        made = []
        while day <= ends_on:
            starts_at = timezone.make_aware(datetime.datetime.combine(day, start_time))
            ends_at = timezone.make_aware(datetime.datetime.combine(day, end_time))
            if starts_at > now and not _overlapping(adviser, starts_at, ends_at).exists():
                made.append(Slot(adviser=adviser, rule=rule, starts_at=starts_at, ends_at=ends_at, mode=mode,
                                 location=rule.location, capacity=capacity))
            day += datetime.timedelta(days=7)
        if not made:
            raise ValidationError("该日期范围内没有可生成的咨询时间（已过去或与已有时间重叠）。")
        Slot.objects.bulk_create(made)
        log_event("create", module=MODULE, obj=rule, user=account(user),
                  message=f"新增每周咨询时间：{adviser} {rule}，生成 {len(made)} 个时段")
    return rule, len(made)


def remove_slot(slot, *, user):
    """Remove a slot nobody holds a seat of (a declined or cancelled booking keeps the slot: the 台账 needs it)."""
    with transaction.atomic():
        if Booking.objects.filter(slot=slot).exists():
            if Booking.objects.holding().filter(slot=slot).exists():
                raise ValidationError(f"咨询时间 {slot} 已有学生预约，不能删除；请先处理预约。")
            raise ValidationError(f"咨询时间 {slot} 有预约记录（已取消或已拒绝），保留以备查询，不能删除。")
        log_event("delete", module=MODULE, obj=slot, user=account(user), message=f"删除咨询时间：{slot.adviser} {slot}")
        slot._history_user = account(user)
        slot.delete()
