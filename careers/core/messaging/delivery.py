"""The delivery loop the Celery tasks run: claim due rows, send them through their channel, record.

Lifecycle of a `MessageDelivery`:

    QUEUED ──claim──> SENDING ──> SENT
                        │   ├───> SKIPPED  (no address on this channel)
                        │   └───> FAILED   next_attempt_at set: retried then (backoff)
                        │                  next_attempt_at empty: given up
                        └─ rate limited: back to QUEUED, the task re-queues itself

A claim moves rows to SENDING with `next_attempt_at` = a lease expiry that is unique to
the claim; the same conditional UPDATE is the guard on every database: on PostgreSQL
rows are first locked with SKIP LOCKED, on SQLite (no row locks, but one writer at a
time) the UPDATE re-checks that the rows are still due. Either way a delivery is sent
by one worker only. A worker that dies mid-batch leaves SENDING rows whose lease
expires; the sweep (`deliver_due_messages`) retries them.
"""


import logging
import math
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F, Min, Q
from django.utils import timezone

from ..models import Message, MessageDelivery
from .channels import DeliveryError, get_channel

logger = logging.getLogger(__name__)

Status = MessageDelivery.Status
BATCH_SIZE = 100  # deliveries claimed and sent per round
MAX_RETRIES = 3  # after the first attempt
RETRY_BACKOFF = (60, 300, 900)  # seconds before retry 1, 2, 3
CLAIM_TIMEOUT = timedelta(minutes=10)  # a SENDING row older than this is presumed abandoned


# --- rate limiting ------------------------------------------------------------------

_clock = time.time  # replaced in tests


def take_tokens(channel_key, wanted):
    """Reserve up to `wanted` sends on the channel's shared budget.

    Returns (granted, seconds until the budget refills). A fixed window in the shared
    cache, so every worker draws on the same budget: `rate` per second, or one send per
    ceil(1 / rate) seconds for rates below 1.
    """
    rate = (getattr(settings, "MESSAGE_RATE_LIMITS", None) or {}).get(channel_key)
    if not rate or wanted <= 0:
        return wanted, 0.0
    rate = float(rate)
    window, limit = (1, int(rate)) if rate >= 1 else (math.ceil(1 / rate), 1)
    now = _clock()
    slot = int(now // window)
    key = f"msgrate:{channel_key}:{window}:{slot}"
    cache.add(key, 0, timeout=window + 1)
    try:
        used = cache.incr(key, wanted)
    except ValueError:  # the key expired between add and incr
        cache.add(key, wanted, timeout=window + 1)
        used = wanted
    granted = max(0, min(wanted, limit - (used - wanted)))
    return granted, max(0.01, (slot + 1) * window - now)


# --- delivering ---------------------------------------------------------------------

@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    retry_in: float | None = None  # seconds until the task should run again; None: done

    def wait(self, seconds):
        self.retry_in = seconds if self.retry_in is None else min(self.retry_in, seconds)


def due_q(now):
    return Q(status=Status.QUEUED) | Q(status__in=(Status.FAILED, Status.SENDING), next_attempt_at__lte=now)


def claim(message_id, channel_key, limit, now):
    """Move up to `limit` due deliveries to SENDING for this worker and return them."""
    due = MessageDelivery.objects.filter(message_id=message_id, channel=channel_key).filter(due_q(now))
    token = now + CLAIM_TIMEOUT + timedelta(microseconds=secrets.randbelow(1_000_000))
    if connection.features.has_select_for_update_skip_locked:
        with transaction.atomic():
            ids = list(due.order_by("pk").select_for_update(skip_locked=True).values_list("pk", flat=True)[:limit])
            if ids:
                due.filter(pk__in=ids).update(status=Status.SENDING, next_attempt_at=token,
                                              attempts=F("attempts") + 1)
    else:
        ids = list(due.order_by("pk").values_list("pk", flat=True)[:limit])
        if ids:
            # No row locks: the UPDATE re-checks "still due", so a row another worker has
            # just claimed is not claimed again; the token tells us which rows are ours.
            due.filter(pk__in=ids).update(status=Status.SENDING, next_attempt_at=token,
                                          attempts=F("attempts") + 1)
    if not ids:
        return []
    return list(MessageDelivery.objects.filter(pk__in=ids, status=Status.SENDING, next_attempt_at=token)
                .select_related("recipient").order_by("pk"))


def _give_up_unknown_channel(message_id, channel_key, now):
    return MessageDelivery.objects.filter(message_id=message_id, channel=channel_key).filter(due_q(now)).update(
        status=Status.FAILED, error=f"消息渠道“{channel_key}”未启用", next_attempt_at=None)


def _record(deliveries, results, now):
    """Write the outcome of one batch: one UPDATE for the sent, one for the failed."""
    sent_ids, failed = [], []
    for delivery in deliveries:
        exc = results.get(delivery.pk, DeliveryError("渠道未返回发送结果"))
        if exc is None:
            sent_ids.append(delivery.pk)
            continue
        permanent = isinstance(exc, DeliveryError) and exc.permanent
        retry = not permanent and delivery.attempts <= MAX_RETRIES
        delivery.status = Status.FAILED
        text = str(exc) if isinstance(exc, DeliveryError) else f"{type(exc).__name__}: {exc}"
        delivery.error = text[:500]
        delivery.next_attempt_at = (
            now + timedelta(seconds=RETRY_BACKOFF[min(delivery.attempts, len(RETRY_BACKOFF)) - 1])
            if retry else None)
        failed.append(delivery)
    if sent_ids:
        MessageDelivery.objects.filter(pk__in=sent_ids, status=Status.SENDING).update(
            status=Status.SENT, sent_at=timezone.now(), error="", next_attempt_at=None)
    if failed:
        MessageDelivery.objects.bulk_update(failed, ["status", "error", "next_attempt_at"])
    return len(sent_ids), len(failed)


def deliver_pending(message_id, *, batch_size=BATCH_SIZE):
    """Send what is due for one message, channel by channel, in batches.

    Stops a channel when its rate budget is spent (the rest goes back to QUEUED) and
    reports when to run again: at the next budget window or the earliest retry.
    """
    report = DeliveryReport()
    message = Message.objects.filter(pk=message_id).first()
    if message is None:
        return report
    for key in message.channels or ():
        channel = get_channel(key)
        if channel is None:
            report.failed += _give_up_unknown_channel(message_id, key, timezone.now())
            continue
        while True:
            now = timezone.now()
            batch = claim(message_id, key, batch_size, now)
            if not batch:
                break
            # Reclaimed after a worker died too often: stop rather than loop forever.
            exhausted = [d for d in batch if d.attempts > MAX_RETRIES + 1]
            if exhausted:
                _record(exhausted, {d.pk: DeliveryError("多次发送中断，已停止重试", permanent=True)
                                    for d in exhausted}, now)
                report.failed += len(exhausted)
            batch = [d for d in batch if d.attempts <= MAX_RETRIES + 1]
            addresses = channel.load_addresses(batch)
            skipped = [d.pk for d in batch if not addresses.get(d.pk)]
            if skipped:
                MessageDelivery.objects.filter(pk__in=skipped).update(
                    status=Status.SKIPPED, error=channel.missing_address_reason, next_attempt_at=None,
                    attempts=F("attempts") - 1)
                report.skipped += len(skipped)
            sendable = [d for d in batch if addresses.get(d.pk)]
            granted, wait = take_tokens(key, len(sendable))
            over = sendable[granted:]
            if over:
                # Over the rate: hand the rest back untouched and come back later.
                MessageDelivery.objects.filter(pk__in=[d.pk for d in over], status=Status.SENDING).update(
                    status=Status.QUEUED, next_attempt_at=None, attempts=F("attempts") - 1)
                report.wait(wait)
            sendable = sendable[:granted]
            if sendable:
                results = channel.send_batch(message, sendable, addresses)
                sent, failed = _record(sendable, results, now)
                report.sent += sent
                report.failed += failed
            if over:
                break
    next_retry = (MessageDelivery.objects.filter(message_id=message_id, status=Status.FAILED,
                                                 next_attempt_at__isnull=False)
                  .aggregate(at=Min("next_attempt_at"))["at"])
    if next_retry is not None:
        report.wait(max(1.0, (next_retry - timezone.now()).total_seconds()))
    return report


def due_message_ids(*, queued_before, now, limit=1000):
    """Messages with deliveries a task should look at: stale queue, due retries, lost claims."""
    stuck = Q(status=Status.QUEUED, message__created_at__lte=queued_before) | Q(
        status__in=(Status.FAILED, Status.SENDING), next_attempt_at__lte=now)
    return list(MessageDelivery.objects.filter(stuck).order_by().values_list("message_id", flat=True)
                .distinct()[:limit])
