"""Celery tasks of 预约咨询 (Celery imports `<app>.tasks`)."""

import datetime

from celery import shared_task


@shared_task(name="counseling.send_reminders", acks_late=True, ignore_result=True)
def send_reminders(today=None):
    """Daily (beat, 18:00): remind both sides of tomorrow's confirmed sessions; safe to rerun."""
    from .bookings.actions import send_reminders as send

    if isinstance(today, str):
        today = datetime.date.fromisoformat(today)
    return send(today)
