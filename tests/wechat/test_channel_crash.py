"""Exactly once after a worker dies at each point of a send (simulated in-process: the "kill" is an exception no
handler catches, like SIGKILL it leaves the claim behind; the real SIGKILL test is test_batches_kill.py)."""

import datetime

import pytest
from django.utils import timezone

from careers.core.messaging import deliver_pending
from careers.core.models import MessageDelivery
from careers.wechat.template_messages import channel as wechat_channel
from careers.wechat.template_messages.models import SendState, TemplateSend

from .batch_support import batch_message, push_results, sent_openids, \
    student_users

Status = MessageDelivery.Status


class Killed(BaseException):
    """Not an Exception: nothing in the delivery loop catches it, as nothing survives a SIGKILL."""


def expire_leases(message):
    MessageDelivery.objects.filter(message=message, status=Status.SENDING).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1))


def age_in_flight(message, seconds):
    TemplateSend.objects.filter(delivery__message=message, state=SendState.IN_FLIGHT).update(
        created_at=timezone.now() - datetime.timedelta(seconds=seconds))


def kill_on_call(monkeypatch, number, *, after):
    """Kill the worker on the `number`-th API call, before it reaches WeChat or after WeChat answered."""
    from careers.wechat.api import client as client_module

    real = client_module.api()
    calls = {"n": 0}

    class Dying:
        def send_template(self, *args, **kwargs):
            calls["n"] += 1
            if calls["n"] == number and not after:
                raise Killed
            msgid = real.send_template(*args, **kwargs)
            if calls["n"] == number and after:
                raise Killed
            return msgid

    monkeypatch.setattr(client_module, "api", lambda: Dying())
    return lambda: monkeypatch.setattr(client_module, "api", lambda: real)


def run_killed(message):
    with pytest.raises(Killed):
        deliver_pending(message.pk)


def assert_exactly_once(fake, users, message):
    openids = sent_openids(fake)
    assert sorted(openids) == sorted(u.wechat_binding.openid for u in users), "duplicates or lost sends"
    assert set(message.deliveries.values_list("status", flat=True)) == {Status.SENT}


def test_killed_before_the_api_call_is_sent_once_after_the_grace(wechat, monkeypatch, settings):
    users = student_users(5)
    message = batch_message(users)
    MessageDelivery.objects.filter(message=message).update(status=Status.QUEUED, attempts=0)
    restore = kill_on_call(monkeypatch, 3, after=False)
    run_killed(message)
    restore()
    assert len(sent_openids(wechat)) == 2
    expire_leases(message)
    deliver_pending(message.pk)  # the in-flight row is young: it waits for WeChat's result event
    waiting = message.deliveries.get(status=Status.FAILED)
    assert waiting.error == wechat_channel.PENDING_REASON
    assert len(sent_openids(wechat)) == 4
    push_results(wechat)  # events for the four WeChat has: none matches the in-flight row's send
    assert message.deliveries.get(pk=waiting.pk).status == Status.FAILED
    age_in_flight(message, 601)  # no event within the grace period: it never reached WeChat
    MessageDelivery.objects.filter(pk=waiting.pk).update(next_attempt_at=timezone.now())
    deliver_pending(message.pk)
    assert_exactly_once(wechat, users, message)


def test_killed_after_the_call_before_the_record_is_not_resent(wechat, monkeypatch):
    users = student_users(5)
    message = batch_message(users)
    MessageDelivery.objects.filter(message=message).update(status=Status.QUEUED, attempts=0)
    restore = kill_on_call(monkeypatch, 3, after=True)
    run_killed(message)
    restore()
    assert len(sent_openids(wechat)) == 3
    in_flight = TemplateSend.objects.get(state=SendState.IN_FLIGHT)
    assert in_flight.msgid is None
    push_results(wechat)  # WeChat's TEMPLATESENDJOBFINISH for the third send settles the row
    in_flight.refresh_from_db()
    assert in_flight.state == SendState.DELIVERED and in_flight.msgid
    expire_leases(message)
    deliver_pending(message.pk)
    assert_exactly_once(wechat, users, message)


def test_killed_after_the_call_resumed_before_the_event_waits(wechat, monkeypatch):
    users = student_users(3)
    message = batch_message(users)
    MessageDelivery.objects.filter(message=message).update(status=Status.QUEUED, attempts=0)
    restore = kill_on_call(monkeypatch, 1, after=True)
    run_killed(message)
    restore()
    expire_leases(message)
    deliver_pending(message.pk)  # resumed at once: the first waits, the others go
    assert len(sent_openids(wechat)) == 3
    push_results(wechat)  # the late event arrives
    MessageDelivery.objects.filter(message=message).update(next_attempt_at=timezone.now())
    deliver_pending(message.pk)
    assert_exactly_once(wechat, users, message)


def test_killed_while_recording_keeps_nothing_of_the_record(wechat, monkeypatch):
    """ACCEPTED + SENT are one commit: a kill inside it is a kill after the call (the event settles it)."""
    users = student_users(3)
    message = batch_message(users)
    MessageDelivery.objects.filter(message=message).update(status=Status.QUEUED, attempts=0)
    real = wechat_channel.mark_sent
    calls = {"n": 0}

    def dying(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise Killed
        return real(*args, **kwargs)

    monkeypatch.setattr(wechat_channel, "mark_sent", dying)
    run_killed(message)
    monkeypatch.setattr(wechat_channel, "mark_sent", real)
    assert TemplateSend.objects.filter(state=SendState.IN_FLIGHT).count() == 1
    push_results(wechat)
    expire_leases(message)
    deliver_pending(message.pk)
    assert_exactly_once(wechat, users, message)


def test_two_workers_cannot_start_the_same_delivery(wechat):
    users = student_users(1)
    message = batch_message(users)
    delivery = message.deliveries.get()
    channel = wechat_channel.WechatChannel()
    first = channel._start(delivery, "oX", "TPL")
    assert first is not None
    MessageDelivery.objects.filter(pk=delivery.pk).update(status=Status.SENDING)
    assert channel._start(delivery, "oX", "TPL") is None  # the INSERT fails: the other worker has it
    assert TemplateSend.objects.count() == 1


def test_a_row_requeued_and_claimed_elsewhere_mid_batch_is_not_marked_sent(wechat, monkeypatch):
    """The first delivery is in doubt and waits; while the batch goes on, 立即发送 re-queues it and another worker
    claims it. The first worker's end of batch must not record it as SENT."""
    from careers.wechat.api import client as client_module

    users = student_users(3)
    message = batch_message(users)
    MessageDelivery.objects.filter(message=message).update(status=Status.QUEUED, attempts=0)
    first = message.deliveries.order_by("pk").first()
    TemplateSend.objects.create(delivery=first, openid=users[0].wechat_binding.openid, state=SendState.IN_FLIGHT)
    real = client_module.api()
    other_token = timezone.now() + datetime.timedelta(minutes=7)

    class Hooked:
        def send_template(self, *args, **kwargs):
            MessageDelivery.objects.filter(pk=first.pk).update(status=Status.SENDING, next_attempt_at=other_token)
            return real.send_template(*args, **kwargs)

    monkeypatch.setattr(client_module, "api", lambda: Hooked())
    deliver_pending(message.pk)
    first.refresh_from_db()
    assert first.status == Status.SENDING  # still the other worker's
    assert len(sent_openids(wechat)) == 2
