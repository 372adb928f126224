"""TEMPLATESENDJOBFINISH: matched by msgid (delivered / blocked / failed), repeated events, in-flight rows matched by
openid and time, and the event racing ahead of the worker's own record."""

import pytest
from django.utils import timezone
from wechatpy import parse_message

from careers.core.messaging import deliver_pending
from careers.core.models import MessageDelivery
from careers.wechat.callback.dispatch import dispatch
from careers.wechat.template_messages import channel as wechat_channel
from careers.wechat.template_messages.models import SendState, TemplateSend
from careers.wechat.template_messages.results import record_result

from .batch_support import batch_message, sent_openids, student_users

Status = MessageDelivery.Status


def event_xml(msgid, openid, status):
    return (f"<xml><ToUserName><![CDATA[gh_0123456789ab]]></ToUserName><FromUserName><![CDATA[{openid}]]>"
            f"</FromUserName><CreateTime>{int(timezone.now().timestamp())}</CreateTime><MsgType><![CDATA[event]]>"
            f"</MsgType><Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event><MsgID>{msgid}</MsgID>"
            f"<Status><![CDATA[{status}]]></Status></xml>")


def sent_message(wechat, n=3):
    users = student_users(n)
    message = batch_message(users)
    MessageDelivery.objects.filter(message=message).update(status=Status.QUEUED, attempts=0)
    deliver_pending(message.pk)
    return message, list(wechat.sent_templates)


@pytest.mark.parametrize("status, state, delivery_status", [
    ("success", SendState.DELIVERED, Status.SENT),
    ("failed:user block", SendState.BLOCKED, Status.FAILED),
    ("failed: system failed", SendState.FAILED, Status.FAILED),
])
def test_result_event_through_the_callback_dispatch(wechat, status, state, delivery_status):
    message, sent = sent_message(wechat, 1)
    dispatch(parse_message(event_xml(sent[0]["msgid"], sent[0]["touser"], status)))
    send = TemplateSend.objects.get()
    assert send.state == state and send.result_at is not None
    delivery = send.delivery
    assert delivery.status == delivery_status
    if delivery_status == Status.FAILED:
        assert delivery.next_attempt_at is None and "微信回执" in delivery.error


def test_repeated_events_change_nothing_and_never_resend(wechat):
    message, sent = sent_message(wechat, 2)
    for _ in range(3):
        record_result(msgid=sent[0]["msgid"], openid=sent[0]["touser"], state=SendState.BLOCKED)
    first = TemplateSend.objects.get(msgid=sent[0]["msgid"])
    at = first.result_at
    record_result(msgid=sent[0]["msgid"], openid=sent[0]["touser"], state=SendState.DELIVERED)  # late duplicate
    first.refresh_from_db()
    assert first.state == SendState.BLOCKED and first.result_at == at
    # 立即发送 hands out the blocked one again: recorded from the row, no second call
    from careers.wechat.batches.actions import resendable

    assert not resendable(message.pk).filter(pk=first.delivery_id).exists()
    MessageDelivery.objects.filter(pk=first.delivery_id).update(status=Status.QUEUED)
    deliver_pending(message.pk)
    assert len(sent_openids(wechat)) == 2
    assert MessageDelivery.objects.get(pk=first.delivery_id).status == Status.FAILED


def test_unknown_msgid_is_ignored(wechat):
    assert record_result(msgid=999, openid="nobody", state=SendState.DELIVERED) is None


def test_in_flight_row_matched_by_openid_and_time(wechat):
    users = student_users(1)
    message = batch_message(users)
    delivery = message.deliveries.get()
    openid = users[0].wechat_binding.openid
    TemplateSend.objects.create(delivery=delivery, openid=openid, template_id="T", state=SendState.IN_FLIGHT)
    MessageDelivery.objects.filter(pk=delivery.pk).update(status=Status.FAILED, error=wechat_channel.PENDING_REASON,
                                                          next_attempt_at=timezone.now())
    send = record_result(msgid=424242, openid=openid, state=SendState.DELIVERED)
    assert send is not None and send.delivery_id == delivery.pk
    send.refresh_from_db()
    assert (send.msgid, send.state) == (424242, SendState.DELIVERED)
    assert MessageDelivery.objects.get(pk=delivery.pk).status == Status.SENT
    assert record_result(msgid=424242, openid=openid, state=SendState.DELIVERED).pk == send.pk  # idempotent


def test_event_before_the_worker_records_keeps_the_result(wechat):
    users = student_users(1)
    message = batch_message(users)
    delivery = message.deliveries.get()
    openid = users[0].wechat_binding.openid
    send = TemplateSend.objects.create(delivery=delivery, openid=openid, template_id="T", state=SendState.IN_FLIGHT)
    record_result(msgid=555, openid=openid, state=SendState.DELIVERED)  # WeChat is faster than our UPDATE
    wechat_channel.WechatChannel()._record(send, delivery.pk, 555)
    send.refresh_from_db()
    assert (send.state, send.msgid) == (SendState.DELIVERED, 555)
    assert MessageDelivery.objects.get(pk=delivery.pk).status == Status.SENT
