"""Celery tasks of the messaging service.

`deliver_message` is queued by send_message / resend_failed; it re-queues itself with a
countdown while the channel's rate budget is spent or a retry is pending, so no worker
sleeps. `deliver_due_messages` is the safety net for lost tasks (broker down, worker
killed): run it every minute from Celery beat, e.g.

    app.conf.beat_schedule = {"deliver-due-messages": {"task": "core.deliver_due_messages", "schedule": 60}}
"""

import logging
import math
import time
from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from . import delivery

logger = logging.getLogger(__name__)

# Eager mode (no worker: local runs, tests) cannot defer a task, so short rate-limit
# waits are slept through in-process; longer ones (retry backoff) are left to the sweep
# or to 重新发送.
EAGER_MAX_WAIT = 2.0
QUEUE_BATCH_SIZE = 1000  # messages per deliver_messages task
QUEUE_GRACE = timedelta(minutes=5)  # a QUEUED row older than this lost its task


@shared_task(bind=True, name="core.deliver_message", acks_late=True, ignore_result=True)
def deliver_message(self, message_id):
    while True:
        report = delivery.deliver_pending(message_id)
        if report.retry_in is None:
            return
        if not self.request.is_eager:
            self.apply_async(args=[message_id], countdown=max(1, math.ceil(report.retry_in)))
            return
        if report.retry_in > EAGER_MAX_WAIT:
            return
        time.sleep(report.retry_in)


@shared_task(bind=True, name="core.deliver_messages", acks_late=True, ignore_result=True)
def deliver_messages(self, message_ids):
    """Deliver many messages (send_messages queues one task per batch instead of one per message).
    When a channel's budget is spent, the rest of the batch is re-queued as one task with a countdown;
    in eager mode each such message is handed to deliver_message (which sleeps through short waits)."""
    for index, message_id in enumerate(message_ids):
        report = delivery.deliver_pending(message_id)
        if report.retry_in is None:
            continue
        if self.request.is_eager:
            deliver_message(message_id)
            continue
        self.apply_async(args=[list(message_ids[index:])], countdown=max(1, math.ceil(report.retry_in)))
        return


@shared_task(name="core.deliver_due_messages", ignore_result=True)
def deliver_due_messages():
    now = timezone.now()
    for message_id in delivery.due_message_ids(queued_before=now - QUEUE_GRACE, now=now):
        queue_delivery(message_id)


def queue_deliveries(message_ids, batch_size=QUEUE_BATCH_SIZE):
    """queue_delivery for many messages: one Celery task per `batch_size` messages; never fails the caller."""
    for start in range(0, len(message_ids), batch_size):
        batch = list(message_ids[start:start + batch_size])
        try:
            deliver_messages.delay(batch)
        except Exception:  # broker down: the rows stay QUEUED and the periodic sweep sends them
            logger.exception("could not queue delivery of %s messages; the sweep will retry", len(batch))


def queue_delivery(message_id):
    """Ask Celery to deliver a message's pending rows; never fails the caller."""
    try:
        deliver_message.delay(message_id)
    except Exception:  # broker down: the rows stay QUEUED and the periodic sweep sends them
        logger.exception("could not queue delivery of message %s; the sweep will retry", message_id)
