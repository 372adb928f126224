"""Periodic WeChat Pay reconciliation (config/celery.py beat; also `manage.py wechat_pay_reconcile`)."""

from celery import shared_task
from django.conf import settings


@shared_task(name="wechat.pay_reconcile")
def reconcile_payments(older_than_minutes=None):
    """Query unpaid WeChat Pay transactions whose notification has not come: mark paid / close expired."""
    from .client import PayError
    from .provider import reconcile

    minutes = older_than_minutes if older_than_minutes is not None else getattr(
        settings, "WECHATPAY_RECONCILE_AFTER_MINUTES", 10)
    try:
        return reconcile(older_than_minutes=minutes)
    except PayError as exc:  # not configured: nothing to do
        return {"error": exc.message}
