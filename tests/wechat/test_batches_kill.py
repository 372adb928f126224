"""A worker process SIGKILLed mid-batch, then resumed: every recipient gets the template exactly once, as counted by
the fake WeChat (fake.sent_templates). PostgreSQL only: a second process cannot see SQLite's in-memory test database."""

import pytest
from django.urls import reverse

from careers.core.models import MessageDelivery
from careers.wechat.batches import actions
from careers.wechat.batches.models import BatchSend, BatchState

from .batch_support import duplicates_and_lost, kill_and_resume, student_users

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]
Status = MessageDelivery.Status


@pytest.fixture
def slow_wechat(wechat, code_tables):
    wechat.delay = 0.01  # slow enough to kill the worker in the middle
    return wechat


def test_sigkill_mid_batch_then_resume_sends_each_exactly_once(slow_wechat, school_admin, client, org):
    wechat = slow_wechat
    users = student_users(80, major=org["majors"]["a1"], prefix="k")
    batch = actions.save_draft(BatchSend(title="双选会", body="周五", channels=["wechat"],
                                         major=org["majors"]["a1"]), acting_user=school_admin)
    batch = actions.start(batch, acting_user=school_admin)  # transaction=True: the eager task runs on commit...
    wechat.sent_templates.clear()  # ...so start again from nothing sent: re-queue everything for the real test
    MessageDelivery.objects.filter(message=batch.message).update(status=Status.QUEUED, attempts=0,
                                                                 next_attempt_at=None, error="")
    from careers.wechat.template_messages.models import TemplateSend

    TemplateSend.objects.filter(delivery__message=batch.message).delete()
    BatchSend.objects.filter(pk=batch.pk).update(state=BatchState.RUNNING)
    result = kill_and_resume(wechat, batch.message_id, kill_after=30, lease=1.5, grace=3.0, workers=2,
                             batch_size=10)
    assert 30 <= result["sent_at_kill"] < 80, result  # killed in the middle
    duplicates, lost = duplicates_and_lost(wechat, [u.wechat_binding.openid for u in users])
    assert (duplicates, lost) == (0, 0)
    assert set(batch.message.deliveries.values_list("status", flat=True)) == {Status.SENT}
    client.force_login(school_admin)
    page = client.get(reverse("wechat:batchsend_progress", args=[batch.pk])).content.decode()
    assert "已完成" in page
