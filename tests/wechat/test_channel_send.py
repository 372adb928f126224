"""The WeChat channel against the fake WeChat: success, unbound → SKIPPED, invalid openid (permanent), an expired
token mid-batch, the daily quota (45009) stopping the batch and 立即发送-style resume."""


from careers.core.messaging import deliver_pending
from careers.core.models import MessageDelivery
from careers.wechat.template_messages import channel as wechat_channel
from careers.wechat.template_messages.models import SendState, TemplateSend

from .batch_support import (
    TEMPLATE_PATH,
    batch_message,
    sent_openids,
    student_users,
)

Status = MessageDelivery.Status


def statuses(message):
    return dict(message.deliveries.values_list("recipient_id", "status"))


def test_sends_each_bound_student_once_and_records_msgid(wechat):
    users = student_users(3)
    message = batch_message(users)  # eager Celery: delivered on commit; run the loop explicitly too
    deliver_pending(message.pk)
    assert set(statuses(message).values()) == {Status.SENT}
    assert sorted(sent_openids(wechat)) == sorted(u.wechat_binding.openid for u in users)
    sends = TemplateSend.objects.filter(delivery__message=message)
    assert sends.count() == 3
    assert all(s.state == SendState.ACCEPTED and s.msgid for s in sends)
    deliver_pending(message.pk)  # nothing left: no second call
    assert len(sent_openids(wechat)) == 3


def test_unbound_or_unsubscribed_is_skipped_with_reason(wechat):
    from .batch_support import bind

    bound = student_users(1, prefix="b")
    unbound = student_users(1, bound=False, prefix="n")
    gone = student_users(1, bound=False, prefix="g")
    bind(gone[0], subscribed=False)
    message = batch_message(bound + unbound + gone)
    deliver_pending(message.pk)
    rows = {d.recipient_id: d for d in message.deliveries.all()}
    assert rows[bound[0].pk].status == Status.SENT
    for user in unbound + gone:
        assert rows[user.pk].status == Status.SKIPPED
        assert rows[user.pk].error == "未绑定微信或已取消关注"
    assert len(sent_openids(wechat)) == 1


def test_no_template_at_all_is_skipped(wechat, monkeypatch):
    from careers.wechat.template_messages import render as render_module

    monkeypatch.setattr(render_module, "render", lambda message, delivery: None)
    message = batch_message(student_users(1))
    deliver_pending(message.pk)
    delivery = message.deliveries.get()
    assert (delivery.status, delivery.error) == (Status.SKIPPED, "未设置微信消息模板")
    assert sent_openids(wechat) == []


def test_general_template_is_the_fallback(wechat, monkeypatch):
    from careers.wechat.template_messages import render as render_module

    seen = []

    def render(message, delivery):
        seen.append(message.kind)
        return ("TPL_GENERAL", {"first": {"value": message.subject}}, "") if message.kind == "general" else None

    monkeypatch.setattr(render_module, "render", render)
    monkeypatch.delattr(render_module, "render_general", raising=False)
    message = batch_message(student_users(1))
    deliver_pending(message.pk)
    assert message.deliveries.get().status == Status.SENT
    assert seen[:2] == ["batch", "general"]
    assert TemplateSend.objects.get().template_id == "TPL_GENERAL"


def test_invalid_openid_fails_permanently_in_chinese(wechat):
    users = student_users(2)
    message = batch_message(users)
    MessageDelivery.objects.filter(message=message).update(status=Status.FAILED, next_attempt_at=None)  # hold
    wechat.fail_next(TEMPLATE_PATH, errcode=40003, errmsg="invalid openid")
    MessageDelivery.objects.filter(message=message).update(status=Status.QUEUED)
    deliver_pending(message.pk)
    rows = list(message.deliveries.order_by("pk"))
    assert rows[0].status == Status.FAILED and rows[0].next_attempt_at is None
    assert "OpenID" in rows[0].error and "40003" in rows[0].error
    assert rows[1].status == Status.SENT
    failed = TemplateSend.objects.get(delivery=rows[0])
    assert failed.state == SendState.FAILED and failed.msgid is None


def test_expired_token_mid_batch_recovers(wechat):
    users = student_users(4)
    message = batch_message(users)
    MessageDelivery.objects.filter(message=message).update(status=Status.FAILED)
    wechat.fail_next(TEMPLATE_PATH, errcode=42001, errmsg="access_token expired")
    MessageDelivery.objects.filter(message=message).update(status=Status.QUEUED)
    deliver_pending(message.pk)
    assert set(statuses(message).values()) == {Status.SENT}
    assert len(sent_openids(wechat)) == 4


def test_quota_stops_the_batch_and_resume_continues_without_duplicates(wechat):
    users = student_users(5)
    message = batch_message(users)
    MessageDelivery.objects.filter(message=message).update(status=Status.FAILED)
    first = list(message.deliveries.order_by("pk"))[:2]
    MessageDelivery.objects.filter(pk__in=[d.pk for d in first]).update(status=Status.QUEUED)
    deliver_pending(message.pk)
    assert len(sent_openids(wechat)) == 2
    MessageDelivery.objects.filter(message=message, status=Status.FAILED).update(status=Status.QUEUED)
    wechat.fail_next(TEMPLATE_PATH, errcode=45009, errmsg="reach max api daily quota limit", times=1)
    report = deliver_pending(message.pk)
    rows = list(message.deliveries.order_by("pk"))
    waiting = [d for d in rows if d.status == Status.FAILED]
    assert len(waiting) == 3  # stopped, put back to wait: not given up
    assert all(d.next_attempt_at is not None and d.error == wechat_channel.QUOTA_REASON for d in waiting)
    assert report.retry_in is not None and report.retry_in > 60
    assert len(sent_openids(wechat)) == 2  # one 45009 call; no call at all for the other two
    assert wechat_channel.quota_paused_until() is not None
    # 立即发送: clear the pause, re-queue the unsent; nothing sent twice
    from careers.wechat.batches.actions import resendable

    wechat_channel.clear_quota_pause()
    resendable(message.pk).update(status=Status.QUEUED, attempts=0, next_attempt_at=None, error="")
    deliver_pending(message.pk)
    assert set(statuses(message).values()) == {Status.SENT}
    assert sorted(sent_openids(wechat)) == sorted(u.wechat_binding.openid for u in users)


def test_timeout_is_in_doubt_and_waits_for_the_result(wechat, monkeypatch):
    from careers.wechat.api import client as client_module

    real = client_module.api()

    class Flaky:
        calls = 0

        def send_template(self, *args, **kwargs):
            Flaky.calls += 1
            msgid = real.send_template(*args, **kwargs)
            if Flaky.calls == 1:
                raise TimeoutError("read timed out")  # WeChat got it; we never saw the answer
            return msgid

    monkeypatch.setattr(client_module, "api", lambda: Flaky())
    message = batch_message(student_users(2))
    MessageDelivery.objects.filter(message=message).update(status=Status.QUEUED, attempts=0)
    deliver_pending(message.pk)
    rows = list(message.deliveries.order_by("pk"))
    assert rows[0].status == Status.FAILED and rows[0].error == wechat_channel.PENDING_REASON
    assert TemplateSend.objects.get(delivery=rows[0]).state == SendState.IN_FLIGHT
    assert rows[1].status == Status.SENT
    # WeChat's result event settles it: SENT, never resent
    from .batch_support import push_results

    push_results(wechat)
    assert MessageDelivery.objects.get(pk=rows[0].pk).status == Status.SENT
    MessageDelivery.objects.filter(pk=rows[0].pk).update(status=Status.QUEUED)  # even if handed out again
    deliver_pending(message.pk)
    assert len(sent_openids(wechat)) == 2
