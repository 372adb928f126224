"""TEMPLATESENDJOBFINISH: WeChat's result for each template message (registered in careers/wechat/registry.py).

    <xml><ToUserName>gh_…</ToUserName><FromUserName>openid</FromUserName><CreateTime>…</CreateTime>
    <MsgType>event</MsgType><Event>TEMPLATESENDJOBFINISH</Event><MsgID>200163836</MsgID><Status>success</Status></xml>

Status is "success" (→ DELIVERED), "failed:user block" (→ BLOCKED) or "failed: system failed" (→ FAILED).

1. The row with that msgid gets the result and `result_at`; its delivery follows (SENT, or FAILED for a block /
   a failed result: never resent, WeChat had it).
2. No row has that msgid: the worker that made the call died before recording WeChat's answer (or has not
   recorded it yet). The oldest IN_FLIGHT row without a msgid for that openid whose time is within the
   reconciliation window of the event is the one: it gets the msgid and the result, and its delivery is recorded,
   so the channel never resends it (see channel.py). Ambiguity: two sends in doubt for the same user at the same
   time are matched oldest first; both were sent, so each event settles one of them.

Idempotent: a repeated event (WeChat retries, the callback's de-duplication aside) finds its row by msgid and
changes nothing; a result never goes back to ACCEPTED or IN_FLIGHT. Two or three queries: well inside WeChat's
5-second limit.
"""

import datetime
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from .channel import BLOCKED_REASON, RESULT_FAILED_REASON, grace, mark_result_failed, mark_sent
from .models import SendState, TemplateSend

logger = logging.getLogger(__name__)

CLOCK_SKEW = datetime.timedelta(minutes=5)  # WeChat's CreateTime against our clock


def result_state(status):
    status = (status or "").strip().lower()
    if status == "success":
        return SendState.DELIVERED
    if "block" in status:
        return SendState.BLOCKED
    return SendState.FAILED


def _event_time(msg):
    try:
        seconds = int(getattr(msg, "time", 0) or 0)
    except (TypeError, ValueError):
        seconds = 0
    if seconds <= 0:
        return timezone.now()
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC)


def _apply(send, state, now):
    """Write the result on the row and its delivery (state transitions only forward)."""
    TemplateSend.objects.filter(pk=send.pk).update(state=state, result_at=now)
    if state == SendState.DELIVERED:
        mark_sent(send.delivery_id, now)
    elif state == SendState.BLOCKED:
        mark_result_failed(send.delivery_id, BLOCKED_REASON)
    else:
        mark_result_failed(send.delivery_id, RESULT_FAILED_REASON)


def handle_result(msg):
    """The callback handler: never raises for unknown msgids; returns None (WeChat gets "success")."""
    try:
        msgid = int(getattr(msg, "id", 0) or 0)
    except (TypeError, ValueError):
        msgid = 0
    openid = str(getattr(msg, "source", "") or "")
    state = result_state(getattr(msg, "status", ""))
    record_result(msgid=msgid, openid=openid, state=state, at=_event_time(msg))
    return None


def record_result(*, msgid, openid, state, at=None):
    """Record one result; returns the TemplateSend it settled (or None: unknown send, e.g. a test message)."""
    now = timezone.now()
    at = at or now
    if msgid:
        send = TemplateSend.objects.filter(msgid=msgid).first()
        if send is not None:
            if send.result_at is not None or send.state in (SendState.DELIVERED, SendState.BLOCKED):
                return send  # a repeated event: already recorded
            if send.state == SendState.FAILED and send.msgid:
                return send
            _apply(send, state, now)
            return send
    if not openid:
        return None
    # Reconciliation: a send whose worker died after calling WeChat and before recording its answer.
    window = grace() + CLOCK_SKEW
    candidates = (TemplateSend.objects.filter(openid=openid, state=SendState.IN_FLIGHT, msgid=None,
                                              created_at__gte=at - window, created_at__lte=at + CLOCK_SKEW)
                  .order_by("created_at", "pk"))
    for send in candidates[:5]:
        try:
            with transaction.atomic():
                taken = TemplateSend.objects.filter(pk=send.pk, state=SendState.IN_FLIGHT, msgid=None).update(
                    msgid=msgid or None, state=state, result_at=now)
        except IntegrityError:  # the msgid was recorded by the worker a moment ago on another row
            return TemplateSend.objects.filter(msgid=msgid).first()
        if taken:
            send.state, send.msgid = state, msgid or None
            _apply(send, state, now)
            logger.info("WeChat result %s reconciled the in-flight send of delivery %s", msgid, send.delivery_id)
            return send
    return None
