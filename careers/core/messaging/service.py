"""send_message / send_messages: record a message and its deliveries, then queue them (see delivery.py)."""

import logging

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from ..bulk import fast_insert
from ..models import Message, MessageDelivery
from .channels import get_channel, policy_channels
from .tasks import queue_deliveries, queue_delivery

logger = logging.getLogger(__name__)

Status = MessageDelivery.Status

CREATE_BATCH_SIZE = 1000  # rows per INSERT in send_message
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


def _channels(channels, kind=""):
    if isinstance(channels, str):
        channels = (channels,)
    keys = list(dict.fromkeys([*(channels or ()), *(policy_channels(kind) if kind else ())]))
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

def send_message(*, recipients, subject, body, channels=("inbox",), sender=None, link="", kind=""):
    """Record a message for `recipients` on `channels` and queue its delivery.

    `recipients`: a queryset or iterable of users (inactive ones are left out).
    `channels`: registered channel keys, e.g. ("inbox", "email").
    `link`: optional site-relative path shown as “查看详情”.
    `kind`: the notification's kind (e.g. "event_reminder"); channel policies may add channels for it.
    Returns the `Message`, or None when no active recipient is left. Raises
    ValidationError for a bad subject or link (show it on the form) and ValueError for
    an unknown channel (a programming error). Bounded queries: one for a recipient
    queryset, one for the message, one INSERT per 1,000 deliveries.
    """
    keys = _channels(channels, kind)
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
                                          subject=subject, body=body or "", link=link, channels=keys, kind=kind)
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


def send_messages(items, *, channels=("inbox",), sender=None, kind=""):
    """`send_message` for many different messages at once (nightly digests to thousands of users).

    `items`: iterable of (recipients, subject, body, link), recipients as for send_message. Same
    validation and rows as one send_message call per item, but a fixed number of INSERTs per 1,000
    messages / deliveries instead of a few queries each, and one delivery task per 1,000 messages.
    Returns the created messages (items left without an active recipient are skipped). Deliveries
    are queued after the transaction commits.
    """
    keys = _channels(channels, kind)
    immediate = {key for key in keys if get_channel(key).immediate}
    sender = sender if getattr(sender, "pk", None) else None
    prepared = []
    for recipients, subject, body, link in items:
        link = (link or "").strip()
        validate_link(link)
        recipient_ids = _recipient_ids(recipients)
        if recipient_ids:
            prepared.append((Message(sender=sender, subject=_clean_subject(subject), body=body or "", link=link,
                                     channels=keys, kind=kind), recipient_ids))
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


