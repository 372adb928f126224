"""批量消息发送面板: create (scoped dropdowns, recipient count before sending), send (one batch Message, a delivery per
recipient, in scope only), progress counts and the state machine, 立即发送 (only the unsent), logs, query bounds."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from careers.core.messaging import deliver_pending
from careers.core.models import MessageDelivery, OperationLog
from careers.wechat.batches import actions
from careers.wechat.batches.models import BatchSend, BatchState
from careers.wechat.batches.progress import counts

from .batch_support import TEMPLATE_PATH, sent_openids, student_users

Status = MessageDelivery.Status


@pytest.fixture
def school(org):
    """Bound students: three in 甲专业一, two in 乙专业一 (plus org's students without accounts)."""
    a1 = student_users(3, major=org["majors"]["a1"], prefix="a")
    b1 = student_users(2, major=org["majors"]["b1"], prefix="b")
    return {**org, "a1": a1, "b1": b1}


def form(**overrides):
    data = {"title": "双选会通知", "body": "本周五举行双选会。", "link": "/fairs/", "channels": ["wechat"],
            "graduation_year": "", "college": "", "major": "", "saved_query": ""}
    data.update(overrides)
    return data


def test_school_admin_creates_sees_the_count_and_sends(client, school_admin, school, wechat,
                                                       django_capture_on_commit_callbacks):
    client.force_login(school_admin)
    response = client.post(reverse("wechat:batchsend_add"), form(college=school["college_a"].pk))
    batch = BatchSend.objects.get()
    assert response.status_code == 302 and batch.state == BatchState.DRAFT
    page = client.get(reverse("wechat:batchsend_detail", args=[batch.pk])).content.decode()
    assert "3 人" in page and "发送（3 人）" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("wechat:batchsend_send", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.message.kind == "batch" and batch.total == 3
    assert set(batch.message.deliveries.values_list("recipient_id", flat=True)) == {u.pk for u in school["a1"]}
    deliver_pending(batch.message_id)
    figures = counts(batch.message_id)
    assert (figures["sent"], figures["total"]) == (3, 3)
    response = client.get(reverse("wechat:batchsend_progress", args=[batch.pk]))
    assert "已完成" in response.content.decode()
    batch.refresh_from_db()
    assert batch.state == BatchState.DONE and batch.finished_at
    assert len(sent_openids(wechat)) == 3
    logs = OperationLog.objects.filter(module="wechat", object_id=str(batch.pk))
    assert logs.count() == 2  # created, sent


def test_email_is_not_offered_and_link_must_be_on_site(client, school_admin, school):
    client.force_login(school_admin)
    page = client.get(reverse("wechat:batchsend_add")).content.decode()
    assert 'value="wechat"' in page and 'value="email"' not in page
    response = client.post(reverse("wechat:batchsend_add"), form(channels=["email"], link="https://evil.example/"))
    assert response.status_code == 200 and not BatchSend.objects.exists()
    text = response.content.decode()
    assert "消息链接必须是本站内的地址" in text


def test_college_admin_needs_a_major_of_theirs(client, college_admin, school, wechat):
    client.force_login(college_admin)
    response = client.post(reverse("wechat:batchsend_add"), form())
    assert "请选择您管辖的专业" in response.content.decode() and not BatchSend.objects.exists()
    response = client.post(reverse("wechat:batchsend_add"), form(major=school["majors"]["b1"].pk))
    assert not BatchSend.objects.exists()  # a major outside the scope is not even a choice
    client.post(reverse("wechat:batchsend_add"), form(major=school["majors"]["a1"].pk))
    assert BatchSend.objects.get().college_id == school["college_a"].pk


def test_college_admin_never_sees_other_batches_or_students(client, college_admin, school_admin, school):
    wide = actions.save_draft(BatchSend(title="全校", body="x", channels=["wechat"]), acting_user=school_admin)
    other = actions.save_draft(BatchSend(title="乙", body="x", channels=["wechat"], major=school["majors"]["b1"]),
                               acting_user=school_admin)
    client.force_login(college_admin)
    for batch in (wide, other):
        assert client.get(reverse("wechat:batchsend_detail", args=[batch.pk])).status_code == 404
        assert client.post(reverse("wechat:batchsend_send", args=[batch.pk])).status_code == 404
    assert "全校" not in client.get(reverse("wechat:batchsend_list")).content.decode()
    # the recipients are cut to the sender's scope even for a school-wide batch definition
    assert actions.recipient_count(wide, college_admin) == 3
    assert actions.recipient_count(wide, school_admin) == 5


def test_saved_query_narrows_the_recipients(school_admin, school):
    from careers.students.models import SavedQuery

    target = school["a1"][0].student
    saved = SavedQuery.objects.create(user=school_admin, name="一个人", query=f"q={target.student_number}")
    batch = actions.save_draft(BatchSend(title="t", body="b", channels=["wechat"]), acting_user=school_admin,
                               saved_query=saved)
    assert batch.query["params"] == saved.query
    assert list(actions.recipients_for(batch, school_admin)) == [school["a1"][0]]


def test_no_permission_is_refused(client, school, db):
    from tests.factories import UserFactory

    nobody = UserFactory(username="nobody")
    client.force_login(nobody)
    assert client.get(reverse("wechat:batchsend_list")).status_code == 403
    assert client.post(reverse("wechat:batchsend_add"), form()).status_code == 403


def test_quota_pauses_and_resume_sends_only_the_unsent(school_admin, school, wechat,
                                                      django_capture_on_commit_callbacks):
    batch = actions.save_draft(BatchSend(title="t", body="b", channels=["wechat"], college=school["college_a"]),
                               acting_user=school_admin)
    batch = actions.start(batch, acting_user=school_admin)
    wechat.fail_next(TEMPLATE_PATH, errcode=45009, errmsg="quota")
    MessageDelivery.objects.filter(message=batch.message).update(status=Status.QUEUED, attempts=0)
    deliver_pending(batch.message_id)
    batch.refresh_from_db()
    assert batch.state == BatchState.PAUSED
    assert counts(batch.message_id)["queued"] == 3  # waiting, not failed
    with django_capture_on_commit_callbacks(execute=True):  # clears the pause, queues the (eager) task
        count = actions.resume(batch, acting_user=school_admin)
    assert count == 3
    batch.refresh_from_db()
    assert batch.state == BatchState.DONE
    assert sorted(sent_openids(wechat)) == sorted(u.wechat_binding.openid for u in school["a1"])
    assert actions.resume(batch, acting_user=school_admin) == 0  # nothing unsent: nothing re-queued
    assert len(sent_openids(wechat)) == 3


def test_detail_and_progress_query_bounds(client, school_admin, school, wechat, django_assert_max_num_queries):
    batch = actions.save_draft(BatchSend(title="t", body="b", channels=["wechat", "inbox"]), acting_user=school_admin)
    batch = actions.start(batch, acting_user=school_admin)
    deliver_pending(batch.message_id)
    client.force_login(school_admin)
    client.get(reverse("wechat:batchsend_detail", args=[batch.pk]))  # warm the session / permission caches
    with django_assert_max_num_queries(14):
        page = client.get(reverse("wechat:batchsend_detail", args=[batch.pk]) + "?status=sent")
    assert page.status_code == 200 and "已发送" in page.content.decode()
    with django_assert_max_num_queries(8):
        assert client.get(reverse("wechat:batchsend_progress", args=[batch.pk])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("wechat:batchsend_list")).status_code == 200


def test_view_only_admin_sees_the_batch_without_buttons(client, school, school_admin):
    from tests.factories import SchoolAdminFactory

    batch = actions.save_draft(BatchSend(title="只读", body="x", channels=["wechat"]), acting_user=school_admin)
    viewer = SchoolAdminFactory(username="viewer1")
    viewer.set_permissions(["wechat.batchsend.view"])
    viewer.save()
    client.force_login(viewer)
    page = client.get(reverse("wechat:batchsend_detail", args=[batch.pk]))
    assert page.status_code == 200 and "batch-send" not in page.content.decode()
    assert client.post(reverse("wechat:batchsend_send", args=[batch.pk])).status_code == 403
    batch.refresh_from_db()
    assert batch.state == BatchState.DRAFT


def test_a_started_batch_can_no_longer_be_edited(client, school_admin, school):
    """Its edit link leads back to its page; a stale form (sent meanwhile) never turns it back into a draft."""
    client.force_login(school_admin)
    client.post(reverse("wechat:batchsend_add"), form(college=school["college_a"].pk))
    batch = BatchSend.objects.get()
    stale = BatchSend.objects.get(pk=batch.pk)
    actions.start(batch, acting_user=school_admin)
    response = client.get(reverse("wechat:batchsend_edit", args=[batch.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("wechat:batchsend_detail", args=[batch.pk])
    assert "已开始发送，不能再修改" in response.content.decode()
    response = client.post(reverse("wechat:batchsend_edit", args=[batch.pk]), form(title="改过的标题"))
    assert response.status_code == 302
    stale.title = "改过的标题"
    with pytest.raises(ValidationError):
        actions.save_draft(stale, acting_user=school_admin)
    batch.refresh_from_db()
    assert batch.state != BatchState.DRAFT and batch.title == "双选会通知"
