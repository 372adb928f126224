"""Callback receipts are only needed while WeChat may still retry a push (seconds); a few days are kept for support."""

from datetime import timedelta

from celery import shared_task
from django.utils import timezone

KEEP_DAYS = 3


def purge_receipts(now=None, keep_days=KEEP_DAYS):
    from careers.wechat.account.models import CallbackReceipt

    cutoff = (now or timezone.now()) - timedelta(days=keep_days)
    deleted, _ = CallbackReceipt.objects.filter(received_at__lt=cutoff).delete()
    return deleted


@shared_task(name="wechat.purge_callback_receipts")
def purge_callback_receipts():
    """Daily (config/celery.py): drop receipts older than KEEP_DAYS."""
    return purge_receipts()
