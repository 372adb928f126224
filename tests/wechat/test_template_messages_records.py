"""学生消息管理 / 企业消息管理: scope (a college admin never sees another college's students' messages, in rows,
counts or filters), WeChat delivery and read state, bounded queries, 编辑重发 (unchanged → resend_failed; edited →
a new message to the failed recipients in scope), logged."""

import pytest
from django.urls import reverse

from careers.core.models import Message, MessageDelivery, OperationLog
from careers.wechat.template_messages.models import SendState, TemplateSend
from tests.factories import EmployerFactory, StudentFactory
from tests.studentfiles.helpers import student_account

pytestmark = pytest.mark.django_db
Status = MessageDelivery.Status
STUDENTS = "wechat:student_messages"
EMPLOYERS = "wechat:employer_messages"


@pytest.fixture
def accounts(org):
    return {key: student_account(s) for key, s in org["students"].items()}


def sent(users, subject, *, channel="wechat", status=Status.SENT, state=SendState.DELIVERED, read=False):
    from django.utils import timezone

    message = Message.objects.create(subject=subject, body="内容" + subject, channels=[channel], kind="batch")
    for user in users:
        delivery = MessageDelivery.objects.create(
            message=message, recipient=user, channel=channel, status=status,
            error="invalid openid" if status == Status.FAILED else "", read_at=timezone.now() if read else None)
        if channel == "wechat":
            TemplateSend.objects.create(delivery=delivery, openid=f"o{user.pk}", state=state)
    return message


def page(client, name=STUDENTS, **params):
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    return response.content.decode()


def test_college_admin_sees_only_own_students(client, college_admin, accounts):
    sent([accounts["a1"], accounts["b1"]], "两院都发")
    sent([accounts["b2"]], "只发乙院")
    client.force_login(college_admin)
    body = page(client)
    assert "甲专业一学生" in body and "两院都发" in body
    assert "乙专业一学生" not in body and "只发乙院" not in body
    # filters never widen the scope
    assert "共 <strong>1</strong> 条" in body  # counted in the same scope: b1's delivery is not counted
    assert "乙专业一学生" not in page(client, q="乙专业")
    assert "没有符合条件的消息记录" in page(client, subject="只发乙院")


def test_school_admin_sees_every_student_and_filters(client, school_admin, accounts):
    sent([accounts["a1"]], "已送达消息", state=SendState.DELIVERED, read=True)
    sent([accounts["b1"]], "被拒收消息", status=Status.FAILED, state=SendState.BLOCKED)
    client.force_login(school_admin)
    body = page(client)
    assert "已送达消息" in body and "被拒收消息" in body and "已送达" in body and "用户拒收" in body
    assert "已读" in body and "未读" in body
    assert "被拒收消息" not in page(client, wechat=SendState.DELIVERED)
    assert "已送达消息" not in page(client, read="0")
    assert "被拒收消息" not in page(client, status=Status.SENT)
    failed = page(client, status=Status.FAILED)
    assert "被拒收消息" in failed and "共 <strong>1</strong> 条" in failed and "发送失败 <strong>1</strong>" in failed
    assert "编辑重发" in page(client, status=Status.FAILED)


def test_no_scope_sees_nothing(client, college_admin, accounts):
    college_admin.managed_majors.clear()
    sent([accounts["a1"]], "某条消息")
    client.force_login(college_admin)
    assert "某条消息" not in page(client)


def test_summary_reads_at_most_the_cap_like_every_list(client, school_admin, accounts, monkeypatch):
    """One query gives the total and the per-status figures; past the cap only "N+" shows, 精确计数 counts all."""
    from careers.core import pagination

    monkeypatch.setattr(pagination, "COUNT_CAP", 2)
    sent([accounts["a1"], accounts["a2"], accounts["b1"]], "三人消息")
    client.force_login(school_admin)
    body = page(client)
    assert "共 <strong>2+</strong> 条" in body and "精确计数" in body and "已发送 <strong>" not in body
    exact = page(client, exact_count="1")
    assert "共 <strong>3</strong> 条" in exact and "已发送 <strong>3</strong>" in exact
    assert "共 <strong>1</strong> 条" in page(client, q=accounts["b1"].student.student_number)


def test_an_unscoped_account_matches_no_delivery(accounts):
    from careers.wechat.template_messages.records import STUDENTS as audience

    sent([accounts["a1"]], "某条消息")
    assert not audience.deliveries(None).exists()


def test_permission_required(client, college_admin, accounts):
    college_admin.set_permissions(["students.student.view"])
    college_admin.save()
    client.force_login(college_admin)
    assert client.get(reverse(STUDENTS)).status_code == 403
    assert client.get(reverse(EMPLOYERS)).status_code == 403


def test_employer_page_needs_the_employers_permission_too(client, college_admin, accounts):
    employer = EmployerFactory()
    sent([employer.user], "致单位的消息")
    sent([accounts["a1"]], "致学生的消息")
    client.force_login(college_admin)
    body = page(client, EMPLOYERS)
    assert "致单位的消息" in body and "致学生的消息" not in body
    assert "致单位的消息" not in page(client)
    codes = [c for c in college_admin.permissions if not c.startswith("recruitment.employer.")]
    college_admin.set_permissions(codes)
    college_admin.save()
    assert client.get(reverse(EMPLOYERS)).status_code == 403


def test_bounded_queries(client, school_admin, org, django_assert_max_num_queries):
    users = [student_account(StudentFactory(major=org["majors"]["a1"])) for _ in range(30)]
    for n in range(3):
        sent(users, f"消息{n}", state=[SendState.DELIVERED, SendState.FAILED, SendState.ACCEPTED][n])
    client.force_login(school_admin)
    with django_assert_max_num_queries(12):  # session, user, menus…, the summary (also the count), the page
        body = page(client)
    assert body.count("消息0") + body.count("消息1") + body.count("消息2") >= 50  # 50 per page


def test_resend_unchanged_uses_resend_failed(client, school_admin, accounts):
    message = sent([accounts["a1"], accounts["b1"]], "失败的消息", channel="email", status=Status.FAILED)
    client.force_login(school_admin)
    url = reverse("wechat:student_message_resend", args=[message.pk])
    form = client.get(url).content.decode()
    assert "失败的消息" in form and "甲专业一学生" in form
    response = client.post(url, {"subject": "失败的消息", "body": message.body})
    assert response.status_code == 302
    assert set(message.deliveries.values_list("status", flat=True)) == {Status.QUEUED}
    assert Message.objects.count() == 1
    assert OperationLog.objects.filter(message__contains="重新发送消息“失败的消息”").exists()


def test_resend_edited_sends_a_new_message_to_failed_recipients_in_scope(client, college_admin, accounts):
    message = sent([accounts["a1"], accounts["b1"], accounts["a2"]], "原标题", channel="email", status=Status.FAILED)
    MessageDelivery.objects.filter(message=message, recipient=accounts["a2"]).update(status=Status.SENT)
    client.force_login(college_admin)
    url = reverse("wechat:student_message_resend", args=[message.pk])
    assert "乙专业一学生" not in client.get(url).content.decode()
    response = client.post(url, {"subject": "修改后的标题", "body": "修改后的内容"})
    assert response.status_code == 302
    new = Message.objects.get(subject="修改后的标题")
    assert set(new.deliveries.values_list("recipient", flat=True)) == {accounts["a1"].pk}
    assert new.channels == ["email"] and new.sender == college_admin
    # unchanged text by a college admin who cannot see every failed recipient: a new message too, never b1
    client.post(url, {"subject": "原标题", "body": message.body})
    assert not MessageDelivery.objects.filter(message__subject="原标题", recipient=accounts["b1"],
                                              status=Status.QUEUED).exists()
    assert OperationLog.objects.filter(module="wechat", message__contains="编辑后重新发送").count() == 2


def test_resend_of_an_out_of_scope_message_is_refused(client, college_admin, accounts):
    message = sent([accounts["b1"]], "乙院失败", channel="email", status=Status.FAILED)
    client.force_login(college_admin)
    url = reverse("wechat:student_message_resend", args=[message.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"subject": "x", "body": "y"}).status_code == 403
    assert Message.objects.count() == 1
