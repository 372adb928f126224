"""The WeChat messaging channel (微信消息, manual 8.6): one template message per delivery, sent exactly once.

core's delivery loop (careers/core/messaging/delivery.py) claims deliveries with a lease and hands them to
`WechatChannel.send_batch`. A worker can be killed at any instant, so the channel does not trust the batch:

1. Before the API call it commits a `TemplateSend(delivery, openid, state=IN_FLIGHT)` row. The row is one-to-one
   with the delivery, so two workers can never both start the same send (the second one's INSERT fails).
2. It calls WeChat (`api().send_template`), then at once records ACCEPTED + msgid and marks the delivery SENT, one
   delivery at a time: a kill loses at most the one send in flight.
3. A delivery handed out again (its lease expired after a worker died, or 立即发送) that already has a TemplateSend:
   - ACCEPTED / DELIVERED (a msgid): WeChat has it. Mark the delivery SENT (or FAILED for BLOCKED / a failed
     result) and never call WeChat again.
   - FAILED without a msgid: WeChat answered with an error, nothing was sent: send again.
   - IN_FLIGHT: the worker died between writing the row and recording the answer. The send may or may not have
     reached WeChat, and WeChat will tell us: every template send is followed by a TEMPLATESENDJOBFINISH event
     (results.py), which matches the row by openid and time and records it. So the delivery waits (FAILED with
     `next_attempt_at` = the row's time + `grace`, error "发送结果待确认") instead of being resent blindly. When
     the grace period passes without an event the send is taken as never made and is sent again. The grace
     (setting WECHAT_SEND_GRACE, seconds, default 600) must be longer than WeChat's event latency (seconds in
     practice): a shorter one trades a possible duplicate for speed, a longer one only delays the resend.
   An API call that ends without a clear answer (a timeout, a dropped connection) is treated like a kill: the row
   stays IN_FLIGHT and waits for the event.

WeChat errors: permanent ones (invalid openid, user refused, template gone) fail the delivery with a Chinese
reason (DeliveryError(permanent=True)); token errors are retried by the client; quota exceeded (45009) stops the
batch: the delivery in hand and every remaining one go back to wait (FAILED with a retry time, error
QUOTA_REASON, not given up; attempts not counted) until WECHAT_QUOTA_PAUSE seconds pass (default one hour) or an
admin presses 立即发送 (which clears the pause, `clear_quota_pause`). While the pause flag is set no API call is
made. The send rate is core's: settings.MESSAGE_RATE_LIMITS["wechat"], shared by every worker (take_tokens).

The outcomes are written here, per delivery (failures with core's retry backoff, MAX_RETRIES / RETRY_BACKOFF), and
send_batch leaves core's loop nothing to record afterwards (see the end of send_batch).
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.db.models.functions import Greatest
from django.utils import timezone

from careers.core.messaging import Channel, DeliveryError
from careers.core.models import Message, MessageDelivery

from .models import SendState, TemplateSend

logger = logging.getLogger(__name__)

Status = MessageDelivery.Status

QUOTA_CODES = {45009}
QUOTA_CACHE_KEY = "wechat:template-quota-paused-until"
QUOTA_REASON = "微信模板消息已达今日调用上限（45009），已暂停，稍后自动继续或点击“立即发送”"
PENDING_REASON = "发送结果待确认（等待微信回执）"
NO_TEMPLATE_REASON = "未设置微信消息模板"

# WeChat errcodes after which retrying cannot help, with what the admin reads.
PERMANENT_REASONS = {
    40003: "微信用户标识（OpenID）无效",
    40036: "微信消息模板ID无效",
    40037: "微信消息模板ID无效",
    43004: "接收人未关注服务号",
    43019: "接收人已将服务号加入黑名单",
    43101: "接收人拒绝接收该消息",
    47003: "模板消息参数不符合要求",
    48001: "服务号未获得发送模板消息的权限",
}
BLOCKED_REASON = "接收人拒收服务号消息（微信回执）"
RESULT_FAILED_REASON = "微信发送失败（系统原因，微信回执）"


def grace():
    return timedelta(seconds=float(getattr(settings, "WECHAT_SEND_GRACE", 600)))


def quota_pause():
    return timedelta(seconds=float(getattr(settings, "WECHAT_QUOTA_PAUSE", 3600)))


def clear_quota_pause():
    cache.delete(QUOTA_CACHE_KEY)


def quota_paused_until():
    value = cache.get(QUOTA_CACHE_KEY)
    return value if value and value > timezone.now() else None


def _definite(exc):
    """True when the failed call surely sent nothing: WeChat answered with an errcode (or we never reached it)."""
    from careers.wechat.api.client import WechatError

    if isinstance(exc, WechatError):
        code = exc.code
        return exc.permanent or isinstance(code, int) or (isinstance(code, str) and code.lstrip("-").isdigit()) \
            or code in ("not_configured", "token")
    try:
        import requests
    except ImportError:  # pragma: no cover
        return False
    return isinstance(exc, requests.exceptions.ConnectTimeout)


def _code(exc):
    code = getattr(exc, "code", None)
    if isinstance(code, str) and code.lstrip("-").isdigit():
        return int(code)
    return code


def _reason(exc):
    code = _code(exc)
    if code in PERMANENT_REASONS:
        return f"{PERMANENT_REASONS[code]}（{code}）"
    if code == "not_configured":
        return "微信服务号尚未配置（微信接入设置）"
    text = str(exc) or type(exc).__name__
    return f"微信接口错误（{code}）：{text}" if code is not None else f"微信接口错误：{text}"


def _permanent(exc):
    return bool(getattr(exc, "permanent", False)) or _code(exc) in PERMANENT_REASONS


# --- delivery status writes (each one its own statement: committed at once under autocommit) ------------------

def mark_sent(delivery_id, now=None):
    """The send is WeChat's: SENT, whatever the row's lease says (the TemplateSend row is the truth)."""
    return MessageDelivery.objects.filter(pk=delivery_id).exclude(status=Status.SENT).update(
        status=Status.SENT, sent_at=now or timezone.now(), error="", next_attempt_at=None)


def mark_result_failed(delivery_id, reason):
    """WeChat accepted the send but its result event says it did not arrive: given up, never resent."""
    return MessageDelivery.objects.filter(pk=delivery_id).update(
        status=Status.FAILED, error=reason[:500], next_attempt_at=None)


def _wait(delivery_ids, until, reason):
    """Hand claimed deliveries back to wait until `until` (not given up; the attempt is not counted)."""
    if not delivery_ids:
        return 0
    return MessageDelivery.objects.filter(pk__in=delivery_ids, status=Status.SENDING).update(
        status=Status.FAILED, error=reason[:500], next_attempt_at=until, attempts=Greatest(F("attempts") - 1, 0))


def _skip(delivery_id, reason):
    return MessageDelivery.objects.filter(pk=delivery_id, status=Status.SENDING).update(
        status=Status.SKIPPED, error=reason[:500], next_attempt_at=None, attempts=Greatest(F("attempts") - 1, 0))


def _fail(delivery, error):
    """FAILED with core's retry backoff (or given up): written now, so the batch's progress is final when the
    channel hands the batch back."""
    from careers.core.messaging.delivery import MAX_RETRIES, RETRY_BACKOFF

    retry = not error.permanent and delivery.attempts <= MAX_RETRIES
    next_at = (timezone.now() + timedelta(seconds=RETRY_BACKOFF[min(max(delivery.attempts, 1), len(RETRY_BACKOFF)) - 1])
               if retry else None)
    return MessageDelivery.objects.filter(pk=delivery.pk, status=Status.SENDING).update(
        status=Status.FAILED, error=str(error)[:500], next_attempt_at=next_at)


def apply_final_state(send):
    """A reclaimed delivery whose send WeChat already has: record it from the TemplateSend row, never resend."""
    if send.state == SendState.BLOCKED:
        mark_result_failed(send.delivery_id, BLOCKED_REASON)
    elif send.state == SendState.FAILED and send.msgid:
        mark_result_failed(send.delivery_id, RESULT_FAILED_REASON)
    else:
        mark_sent(send.delivery_id)


def _accepted(send):
    return send.state in (SendState.ACCEPTED, SendState.DELIVERED, SendState.BLOCKED) or (
        send.state == SendState.FAILED and send.msgid)


class WechatChannel(Channel):
    label = "微信消息"
    missing_address_reason = "未绑定微信或已取消关注"

    # -- addresses ---------------------------------------------------------------------------------------------
    def address(self, user):
        from careers.wechat.binding.models import WechatBinding

        return WechatBinding.objects.filter(user=user, subscribed=True).values_list("openid", flat=True).first() or ""

    def load_addresses(self, deliveries):
        """One query for the batch's bound, subscribed openids (plus one for sends already on record, so a
        reclaimed delivery that WeChat already has is recorded even if the user has since unsubscribed)."""
        from careers.wechat.binding.models import WechatBinding

        from careers.wechat.reminders.prefs import muted

        deliveries = list(deliveries)
        user_ids = {d.recipient_id for d in deliveries}
        # 微信提醒设置: a student who turned this kind off (职位匹配推送, 投递状态提醒 …) gets no WeChat copy of it
        kind = Message.objects.filter(pk=deliveries[0].message_id).values_list("kind", flat=True).first() \
            if deliveries else ""
        user_ids -= muted(kind, user_ids) if kind else set()
        openids = dict(WechatBinding.objects.filter(user_id__in=user_ids, subscribed=True)
                       .values_list("user_id", "openid"))
        addresses = {d.pk: openids.get(d.recipient_id, "") for d in deliveries}
        missing = [d.pk for d in deliveries if not addresses[d.pk]]
        if missing:
            for delivery_id, openid in TemplateSend.objects.filter(delivery_id__in=missing).exclude(
                    state=SendState.IN_FLIGHT).exclude(msgid=None).values_list("delivery_id", "openid"):
                addresses[delivery_id] = openid
        return addresses

    # -- rendering ---------------------------------------------------------------------------------------------
    def render(self, message, delivery):
        """(template_id, data, url) for the message's kind, else the 通用通知 template ("general"), else None."""
        from . import render as render_module

        rendered = render_module.render(message, delivery)
        if rendered is None and message.kind != "general":
            general = getattr(render_module, "render_general", None)
            if general is not None:
                rendered = general(message, delivery)
            else:
                original = message.kind
                message.kind = "general"
                try:
                    rendered = render_module.render(message, delivery)
                finally:
                    message.kind = original
        if not rendered or not rendered[0]:
            return None
        return rendered

    # -- sending -----------------------------------------------------------------------------------------------
    def send_batch(self, message, deliveries, addresses):
        deliveries_in = deliveries if isinstance(deliveries, list) else []
        deliveries = list(deliveries)
        results = {d.pk: None for d in deliveries}
        existing = {s.delivery_id: s for s in TemplateSend.objects.filter(delivery_id__in=[d.pk for d in deliveries])}
        paused = quota_paused_until()
        if paused:
            _wait([d.pk for d in deliveries], paused, QUOTA_REASON)
            self._after_batch(message)
            deliveries_in.clear()
            return results
        client = None
        for index, delivery in enumerate(deliveries):
            openid = addresses[delivery.pk]
            send = existing.get(delivery.pk)
            if send is not None:
                send = self._take_over(send)
                if send is None:  # recorded or waiting: nothing to call
                    continue
            rendered = self.render(message, delivery)
            if rendered is None:
                if send is not None:  # give the row back as it was: nothing was sent
                    TemplateSend.objects.filter(pk=send.pk).update(state=SendState.FAILED, error=NO_TEMPLATE_REASON)
                _skip(delivery.pk, NO_TEMPLATE_REASON)
                continue
            template_id, data, url = rendered
            if send is None:
                send = self._start(delivery, openid, template_id)
                if send is None:  # another worker started it a moment ago
                    continue
            # The IN_FLIGHT row is committed: from here a crash leaves it for reconciliation (results.py).
            try:
                if client is None:
                    from careers.wechat.api.client import api

                    client = api()
                msgid = client.send_template(openid, template_id, data, url or "")
            except Exception as exc:  # noqa: BLE001 - every outcome is recorded below
                if not _definite(exc):
                    # Unknown whether WeChat has it (timeout, dropped connection): like a crash, wait for the event.
                    logger.warning("WeChat template send for delivery %s ended without an answer: %s", delivery.pk, exc)
                    _wait([delivery.pk], send.created_at + grace(), PENDING_REASON)
                    continue
                TemplateSend.objects.filter(pk=send.pk, state=SendState.IN_FLIGHT).update(
                    state=SendState.FAILED, error=_reason(exc)[:300])
                if _code(exc) in QUOTA_CODES:
                    until = timezone.now() + quota_pause()
                    cache.set(QUOTA_CACHE_KEY, until, timeout=int(quota_pause().total_seconds()) + 60)
                    _wait([d.pk for d in deliveries[index:]], until, QUOTA_REASON)
                    logger.warning("WeChat template quota exceeded; message %s paused until %s", message.pk, until)
                    break
                _fail(delivery, DeliveryError(_reason(exc), permanent=_permanent(exc)))
                continue
            self._record(send, delivery.pk, msgid)
        self._after_batch(message)
        # Every outcome is on record already. core's loop records the same list it passed in (delivery.py
        # `_record(sendable, results, now)`), unconditionally for failures and by status alone for successes: a
        # delivery that 立即发送 re-queued meanwhile and another worker claimed would be marked SENT by it. So
        # the list is emptied: core records nothing for this batch.
        deliveries_in.clear()
        return results

    def _start(self, delivery, openid, template_id):
        """Commit the IN_FLIGHT row; None when the delivery already has one (another worker got there first)."""
        try:
            with transaction.atomic():
                return TemplateSend.objects.create(delivery_id=delivery.pk, openid=openid, template_id=template_id,
                                                   state=SendState.IN_FLIGHT)
        except IntegrityError:
            send = TemplateSend.objects.filter(delivery_id=delivery.pk).first()
            if send is not None:
                self._take_over(send, resend=False)
            return None

    def _take_over(self, send, *, resend=True):
        """A delivery that already has a send on record. Returns the row to send again (now IN_FLIGHT, its time
        reset), or None when the outcome is recorded or must wait for WeChat's result event."""
        if _accepted(send):
            apply_final_state(send)
            return None
        now = timezone.now()
        if send.state == SendState.IN_FLIGHT:
            if not resend or send.created_at + grace() > now:
                _wait([send.delivery_id], send.created_at + grace(), PENDING_REASON)
                return None
            # No result event within the grace period: the send never reached WeChat. Take it over (one
            # worker only: the UPDATE is conditional on the row being unchanged).
            taken = TemplateSend.objects.filter(pk=send.pk, state=SendState.IN_FLIGHT, msgid=None,
                                                created_at=send.created_at).update(created_at=now, error="")
        else:  # FAILED without a msgid: WeChat refused it, nothing was sent
            if not resend:  # another worker is on it right now: look again in a minute
                _wait([send.delivery_id], now + timedelta(seconds=60), "正由其他发送进程处理，稍后核对")
                return None
            taken = TemplateSend.objects.filter(pk=send.pk, state=SendState.FAILED, msgid=None).update(
                state=SendState.IN_FLIGHT, created_at=now, error="")
        if not taken:
            fresh = TemplateSend.objects.filter(pk=send.pk).first()
            if fresh is not None:
                self._take_over(fresh, resend=False)
            return None
        send.state, send.created_at, send.error = SendState.IN_FLIGHT, now, ""
        return send

    def _record(self, send, delivery_id, msgid):
        """WeChat took it: ACCEPTED + msgid and the delivery SENT in one commit, now (not at the end of the batch)."""
        now = timezone.now()
        try:
            with transaction.atomic():
                updated = TemplateSend.objects.filter(pk=send.pk, state=SendState.IN_FLIGHT).update(
                    state=SendState.ACCEPTED, msgid=msgid, error="")
                if updated:
                    mark_sent(delivery_id, now)
                    return
                # The result event came first (results.py) and recorded the delivery: keep its state, add the msgid.
                TemplateSend.objects.filter(pk=send.pk, msgid=None).update(msgid=msgid)
        except IntegrityError:  # the msgid was matched to another row of the same user by the event: keep that
            TemplateSend.objects.filter(pk=send.pk, state=SendState.IN_FLIGHT).update(state=SendState.ACCEPTED)
        send = TemplateSend.objects.filter(pk=send.pk).first() or send
        if send.state in (SendState.BLOCKED, SendState.FAILED) and send.msgid:
            apply_final_state(send)
        else:
            mark_sent(delivery_id, now)

    def _after_batch(self, message):
        if message.kind == "batch":
            from careers.wechat.batches.progress import refresh_state

            refresh_state(message_id=message.pk)
