"""事件提醒 writes. The rules (also used by the form, so each message sits on its field): 结束时间 after 事件时间,
提前提醒天数 0–90, 相关链接 a site path or an http(s) address. Saves are logged by the model's history; the
就业日历's cache is bumped by the signal in careers/website/registry.py."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from careers.core.scoping import account, may

from ..links import clean_link
from .models import CalendarReminder

MAX_REMIND_DAYS = 90


def check(reminder):
    """ValidationError {field: message} for every broken rule; fills in the cleaned url."""
    errors = {}
    if reminder.starts_at and reminder.ends_at and reminder.ends_at <= reminder.starts_at:
        errors["ends_at"] = "结束时间须晚于事件时间。"
    if reminder.remind_days is None or not 0 <= reminder.remind_days <= MAX_REMIND_DAYS:
        errors["remind_days"] = f"提前提醒天数须在 0 到 {MAX_REMIND_DAYS} 天之间。"
    try:
        reminder.url = clean_link(reminder.url, "相关链接")
    except ValidationError as exc:
        errors["url"] = exc.messages
    if errors:
        raise ValidationError(errors)


def save_reminder(reminder, *, acting_user):
    if not may(acting_user, CalendarReminder, "change" if reminder.pk else "add"):
        raise PermissionDenied("您没有修改事件提醒的权限。")
    check(reminder)
    with transaction.atomic():
        reminder._history_user = account(acting_user)
        reminder.save()
    return reminder
