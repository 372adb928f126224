"""A batch's progress: counts by status from its deliveries (one aggregate query), and the state machine

    DRAFT ──发送──> RUNNING ──(nothing left to send)──> DONE
                      │  └──(all that is left waits on WeChat's daily quota)──> PAUSED ──立即发送──> RUNNING
                      └──立即发送 (re-queue the unsent) keeps it RUNNING

Statuses as the panel shows them (MessageDelivery rows; a waiting row is FAILED with a retry time in core):
待发送 = QUEUED, or waiting for a retry / the quota; 发送中 = SENDING, or a send whose result WeChat has not told us
yet (channel.PENDING_REASON); 已发送 = SENT; 失败 = FAILED with no retry left; 无法发送 = SKIPPED (no bound WeChat).
"""

from django.db.models import Count, Q
from django.utils import timezone

from careers.core.models import MessageDelivery

from ..template_messages.channel import PENDING_REASON, QUOTA_REASON
from .models import BatchSend, BatchState

Status = MessageDelivery.Status

WAITING = Q(status=Status.FAILED, next_attempt_at__isnull=False)
BUCKETS = {  # key: (label, condition)
    "queued": ("待发送", Q(status=Status.QUEUED) | (WAITING & ~Q(error=PENDING_REASON))),
    "sending": ("发送中", Q(status=Status.SENDING) | (WAITING & Q(error=PENDING_REASON))),
    "sent": ("已发送", Q(status=Status.SENT)),
    "failed": ("失败", Q(status=Status.FAILED, next_attempt_at__isnull=True)),
    "skipped": ("无法发送", Q(status=Status.SKIPPED)),
}
BUCKET_COLOURS = {"queued": "secondary", "sending": "info", "sent": "success", "failed": "danger",
                  "skipped": "warning"}


def counts(message_id):
    """{"total", "queued", "sending", "sent", "failed", "skipped", "quota"}: one aggregate query."""
    if not message_id:
        return {"total": 0, **{key: 0 for key in BUCKETS}, "quota": 0}
    aggregates = {key: Count("pk", filter=condition) for key, (_, condition) in BUCKETS.items()}
    aggregates["quota"] = Count("pk", filter=WAITING & Q(error=QUOTA_REASON))
    aggregates["total"] = Count("pk")
    return MessageDelivery.objects.filter(message_id=message_id).aggregate(**aggregates)


def bars(figures):
    total = figures["total"] or 1
    return [{"key": key, "label": label, "count": figures[key], "colour": BUCKET_COLOURS[key],
             "percent": round(figures[key] * 100 / total, 1)} for key, (label, _) in BUCKETS.items()]


def unfinished(figures):
    return figures["queued"] + figures["sending"]


def refresh_state(*, batch=None, message_id=None, figures=None):
    """Move a RUNNING / PAUSED batch to DONE or PAUSED from its counts (conditional UPDATEs: safe to race)."""
    if batch is None:
        batch = BatchSend.objects.filter(message_id=message_id).only("pk", "state", "message_id").first()
    if batch is None or batch.state not in (BatchState.RUNNING, BatchState.PAUSED) or not batch.message_id:
        return batch
    figures = figures or counts(batch.message_id)
    now = timezone.now()
    if unfinished(figures) == 0:
        new = BatchState.DONE
    elif batch.state == BatchState.RUNNING and figures["quota"] and figures["quota"] == unfinished(figures):
        new = BatchState.PAUSED
    else:
        return batch
    values = {"state": new, "updated_at": now}
    if new == BatchState.DONE:
        values["finished_at"] = now
    if BatchSend.objects.filter(pk=batch.pk, state=batch.state).update(**values):
        batch.state = new
        if new == BatchState.DONE:
            batch.finished_at = now
    return batch
