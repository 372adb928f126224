"""batches/demo.py: a batch in every state, pages render, idempotent."""

import random

from django.urls import reverse

from careers.wechat.batches import demo
from careers.wechat.batches.models import BatchSend, BatchState
from careers.wechat.batches.progress import counts

from .batch_support import student_users


def test_demo_batches_in_every_state(client, school_admin, org):
    student_users(40, major=org["majors"]["a1"], prefix="d", bound=False)
    demo.seed(random.Random(1), [2027])
    demo.seed(random.Random(1), [2027])  # idempotent
    batches = {b.state: b for b in BatchSend.objects.all()}
    assert set(batches) == set(BatchState.values) and BatchSend.objects.count() == 4
    assert counts(batches[BatchState.RUNNING].message_id)["sending"] > 0
    assert counts(batches[BatchState.PAUSED].message_id)["quota"] > 0
    done = counts(batches[BatchState.DONE].message_id)
    assert done["failed"] and done["skipped"] and done["sent"]
    client.force_login(school_admin)
    assert client.get(reverse("wechat:batchsend_list")).status_code == 200
    for batch in batches.values():
        page = client.get(reverse("wechat:batchsend_detail", args=[batch.pk]))
        assert page.status_code == 200, batch.state
        if batch.state == BatchState.PAUSED:
            assert "立即发送" in page.content.decode()
