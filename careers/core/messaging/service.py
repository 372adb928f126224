"""send_message and the delivery loop the Celery task runs.

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
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F, Min, Q, QuerySet
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from ..bulk import fast_insert
from ..models import Message, MessageDelivery
from .channels import DeliveryError, get_channel

logger = logging.getLogger(__name__)

Status = MessageDelivery.Status

BATCH_SIZE = 100  # deliveries claimed and sent per round
CREATE_BATCH_SIZE = 1000  # rows per INSERT in send_message
MAX_RETRIES = 3  # after the first attempt
RETRY_BACKOFF = (60, 300, 900)  # seconds before retry 1, 2, 3
CLAIM_TIMEOUT = timedelta(minutes=10)  # a SENDING row older than this is presumed abandoned
MAX_SUBJECT = Message._meta.get_field("subject").max_length
MAX_LINK = Message._meta.get_field("link").max_length


# --- validation -------------------------------------------------------------------

def is_safe_link(link):
    """True for "" or a path on this site ("/tasks/12/"); never another host or scheme."""
    if not link:
        return True
    if not isinstance(link, str) or len(link) > MAX_LINK:
        return False
    if not link.startswith("/") or link.startswith("//") or "\\" in link:
        return False
    if any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in link):
        return False
    return url_has_allowed_host_and_scheme(link, allowed_hosts=None)


def validate_link(link):
    if not is_safe_link(link):
        raise ValidationError("消息链接必须是本站内的地址（以 / 开头），不能指向其他网站。", code="unsafe_link")


def _clean_subject(subject):
    # Email headers cannot hold line breaks; one line everywhere keeps lists tidy too.
    subject = " ".join(str(subject or "").split())
    if not subject:
        raise ValidationError("消息标题不能为空。", code="required")
    if len(subject) > MAX_SUBJECT:
        raise ValidationError(f"消息标题不能超过 {MAX_SUBJECT} 个字。", code="max_length")
    return subject


def _channels(channels):
    if isinstance(channels, str):
        channels = (channels,)
    keys = list(dict.fromkeys(channels or ()))
    if not keys:
        raise ValueError("send_message needs at least one channel")
    unknown = [key for key in keys if get_channel(key) is None]
    if unknown:
        raise ValueError(f"unknown message channel(s): {', '.join(unknown)}")
    return keys


def _recipient_ids(recipients):
    """Active users' ids, de-duplicated, in the given order; one query for a queryset."""
    User = get_user_model()
    if isinstance(recipients, User):
        recipients = [recipients]
    if isinstance(recipients, QuerySet) and not recipients.query.is_sliced:
        if recipients.model is not User:
            raise TypeError("recipients must be users")
        ids = recipients.filter(is_active=True).order_by().values_list("pk", flat=True).distinct()
        return list(ids)
    ids = {}
    for user in recipients:
        if not isinstance(user, User):
            raise TypeError("recipients must be users (or a queryset of users)")
        if user.is_active and user.pk is not None:
            ids[user.pk] = None
    return list(ids)


# --- sending ------------------------------------------------------------------------

def send_message(*, recipients, subject, body, channels=("inbox",), sender=None, link=""):
    """Record a message for `recipients` on `channels` and queue its delivery.

    `recipients`: a queryset or iterable of users (inactive ones are left out).
    `channels`: registered channel keys, e.g. ("inbox", "email").
    `link`: optional site-relative path shown as “查看详情”.
    Returns the `Message`, or None when no active recipient is left. Raises
    ValidationError for a bad subject or link (show it on the form) and ValueError for
    an unknown channel (a programming error). Bounded queries: one for a recipient
    queryset, one for the message, one INSERT per 1,000 deliveries.
    """
    keys = _channels(channels)
    subject = _clean_subject(subject)
    link = (link or "").strip()
    validate_link(link)
    recipient_ids = _recipient_ids(recipients)
    if not recipient_ids:
        return None
    now = timezone.now()
    immediate = {key for key in keys if get_channel(key).immediate}
    with transaction.atomic():
        message = Message.objects.create(sender=sender if getattr(sender, "pk", None) else None,
                                          subject=subject, body=body or "", link=link, channels=keys)
        rows = []
        for user_id in recipient_ids:
            for key in keys:
                done = key in immediate
                rows.append(MessageDelivery(message=message, recipient_id=user_id, channel=key,
                                            status=Status.SENT if done else Status.QUEUED,
                                            sent_at=now if done else None))
                if len(rows) >= CREATE_BATCH_SIZE:
                    MessageDelivery.objects.bulk_create(rows)
                    rows = []
        if rows:
            MessageDelivery.objects.bulk_create(rows)
        if set(keys) - immediate:
            # After commit: a worker must be able to see the rows it is asked to send.
            transaction.on_commit(lambda: queue_delivery(message.pk))
    return message


def send_messages(items, *, channels=("inbox",), sender=None):
    """`send_message` for many different messages at once (nightly digests to thousands of users).

    `items`: iterable of (recipients, subject, body, link), recipients as for send_message. Same
    validation and rows as one send_message call per item, but a fixed number of INSERTs per 1,000
    messages / deliveries instead of a few queries each, and one delivery task per 1,000 messages.
    Returns the created messages (items left without an active recipient are skipped). Deliveries
    are queued after the transaction commits.
    """
    keys = _channels(channels)
    immediate = {key for key in keys if get_channel(key).immediate}
    sender = sender if getattr(sender, "pk", None) else None
    prepared = []
    for recipients, subject, body, link in items:
        link = (link or "").strip()
        validate_link(link)
        recipient_ids = _recipient_ids(recipients)
        if recipient_ids:
            prepared.append((Message(sender=sender, subject=_clean_subject(subject), body=body or "", link=link,
                                     channels=keys), recipient_ids))
    if not prepared:
        return []
    now = timezone.now()
    with transaction.atomic():
        # fast_insert: COPY on PostgreSQL (primary keys from the sequence), bulk_create elsewhere
        messages = fast_insert(Message, [message for message, _ in prepared], batch_size=CREATE_BATCH_SIZE)
        rows = []
        for message, (_, recipient_ids) in zip(messages, prepared):
            for user_id in recipient_ids:
                for key in keys:
                    done = key in immediate
                    rows.append(MessageDelivery(message_id=message.pk, recipient_id=user_id, channel=key,
                                                status=Status.SENT if done else Status.QUEUED,
                                                sent_at=now if done else None))
        fast_insert(MessageDelivery, rows)
        if set(keys) - immediate:
            ids = [message.pk for message in messages]
            transaction.on_commit(lambda: queue_deliveries(ids))
    return messages


def queue_deliveries(message_ids, batch_size=CREATE_BATCH_SIZE):
    """queue_delivery for many messages: one Celery task per `batch_size` messages; never fails the caller."""
    from .tasks import deliver_messages

    for start in range(0, len(message_ids), batch_size):
        batch = list(message_ids[start:start + batch_size])
        try:
            deliver_messages.delay(batch)
        except Exception:  # broker down: the rows stay QUEUED and the periodic sweep sends them
            logger.exception("could not queue delivery of %s messages; the sweep will retry", len(batch))


def queue_delivery(message_id):
    """Ask Celery to deliver a message's pending rows; never fails the caller."""
    from .tasks import deliver_message

    try:
        deliver_message.delay(message_id)
    except Exception:  # broker down: the rows stay QUEUED and the periodic sweep sends them
        logger.exception("could not queue delivery of message %s; the sweep will retry", message_id)


def resend_failed(message, *, acting_user=None):
    """Put a message's failed deliveries back in the queue (manual 重新发送). Returns the count."""
    from ..history import log_event

    with transaction.atomic():
        count = message.deliveries.filter(status=Status.FAILED).update(
            status=Status.QUEUED, error="", attempts=0, next_attempt_at=None)
        if count:
            log_event("other", module="system", obj=message, user=acting_user,
                      message=f"重新发送消息“{message.subject}”中发送失败的 {count} 条投递"[:500])
            transaction.on_commit(lambda: queue_delivery(message.pk))
    return count


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
