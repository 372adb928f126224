"""发送消息 to the students selected on a list: scope re-checked, at most 100, audited."""

import pytest
from django.urls import reverse

from careers.core.models import Message, MessageDelivery, OperationLog
from careers.resumes.models import Resume
from careers.studentfiles.models import ArchiveRecord
from tests.factories import StudentFactory
from tests.studentfiles.helpers import student_account

pytestmark = pytest.mark.django_db

URL = "students:student_message"


@pytest.fixture(autouse=True)
def quiet_email(settings, db):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MESSAGE_RATE_LIMITS = {}
    # manual 8.6: e-mail is offered only when the school sets 默认同时发送邮件 (and < 5 recipients)
    from careers.wechat.account.models import WechatAccount

    WechatAccount.objects.update_or_create(pk=1, defaults={"email_by_default": True})


@pytest.fixture
def accounts(org):
    return {key: student_account(s, email=f"{key}@example.edu.cn") for key, s in org["students"].items()}


def send(client, pks, source="students.student", **extra):
    data = {"pk": pks, "_send": "1", "subject": "请上传材料", "body": "请在我的图库上传成绩单。", "channels": ["inbox"],
            "source": source, **extra}
    return client.post(reverse(URL), data)


def recipients():
    return set(MessageDelivery.objects.values_list("recipient__username", flat=True))


def test_compose_lists_only_the_selected_students(client, school_admin, org, accounts):
    client.force_login(school_admin)
    a1, b1 = org["students"]["a1"], org["students"]["b1"]
    response = client.post(reverse(URL) + "?source=students.student", {"pk": [a1.pk, b1.pk]})
    body = response.content.decode()
    assert response.status_code == 200
    assert a1.student_number in body and b1.student_number in body
    assert org["students"]["a2"].student_number not in body
    assert "发送给 2 名学生" in body and "电子邮件" in body


def test_send_reaches_exactly_the_selected_students_and_is_logged(client, school_admin, org, accounts):
    client.force_login(school_admin)
    a1, b1 = org["students"]["a1"], org["students"]["b1"]
    response = send(client, [a1.pk, b1.pk], channels=["inbox", "email"], return_url="/students/")
    assert response.status_code == 302 and response["Location"] == "/students/"
    assert recipients() == {a1.student_number, b1.student_number}
    assert MessageDelivery.objects.count() == 4  # 2 students × 2 channels
    message = Message.objects.get()
    assert message.sender == school_admin and message.channels == ["inbox", "email"]
    log = OperationLog.objects.get(module="students", object_type="core.message")
    assert sorted(log.changes["students"]) == sorted([a1.student_number, b1.student_number])


def test_out_of_scope_student_in_selection_sends_nothing(client, college_admin, org, accounts):
    client.force_login(college_admin)
    response = send(client, [org["students"]["a1"].pk, org["students"]["b1"].pk])
    assert response.status_code == 302
    assert not Message.objects.exists() and not MessageDelivery.objects.exists()
    response = client.post(reverse(URL), {"pk": [org["students"]["b1"].pk]}, follow=True)
    assert "无权查看" in response.content.decode()
    send(client, [org["students"]["a1"].pk, org["students"]["a2"].pk])
    assert recipients() == {org["students"]["a1"].student_number, org["students"]["a2"].student_number}


@pytest.mark.parametrize("source", ["studentfiles.archiverecord", "resumes.resume"])
def test_other_lists_pass_their_rows_and_reach_the_rows_students(client, college_admin, org, accounts, source):
    a1, b1 = org["students"]["a1"], org["students"]["b1"]
    if source == "resumes.resume":
        mine, theirs = (Resume.objects.create(student=s, title="简历") for s in (a1, b1))
    else:
        mine, theirs = (ArchiveRecord.objects.create(student=s, receiving_unit="单位") for s in (a1, b1))
    client.force_login(college_admin)
    compose = client.post(f"{reverse(URL)}?source={source}", {"pk": [mine.pk]})
    assert compose.status_code == 200 and a1.student_number in compose.content.decode()
    # the compose form posts student pks back with source=students.student
    send(client, [a1.pk])
    assert recipients() == {a1.student_number}
    MessageDelivery.objects.all().delete()
    client.post(f"{reverse(URL)}?source={source}", {"pk": [theirs.pk], "_send": "1", "subject": "x", "body": "y",
                                                    "channels": ["inbox"]})
    assert not MessageDelivery.objects.exists()


def test_unsupported_source_is_refused(client, school_admin, org, accounts):
    client.force_login(school_admin)
    response = client.post(f"{reverse(URL)}?source=accounts.user", {"pk": [school_admin.pk]}, follow=True)
    assert "不支持发送消息" in response.content.decode()
    response = client.post(f"{reverse(URL)}?source=nope.nothing", {"pk": [1]}, follow=True)
    assert "无法识别" in response.content.decode()
    assert not Message.objects.exists()


def test_at_most_100_recipients_per_send(client, school_admin, org):
    students = [StudentFactory(major=org["majors"]["a1"]) for _ in range(101)]
    client.force_login(school_admin)
    response = send(client, [s.pk for s in students])
    assert response.status_code == 302 and not Message.objects.exists()
    response = client.post(reverse(URL), {"pk": [s.pk for s in students]}, follow=True)
    assert "每次最多向 100 名学生发送消息，您选择了 101 名" in response.content.decode()


def test_students_without_account_are_reported_and_skipped(client, school_admin, org, accounts):
    extra = StudentFactory(major=org["majors"]["a1"], name="无账号学生")
    client.force_login(school_admin)
    compose = client.post(reverse(URL), {"pk": [extra.pk, org["students"]["a1"].pk]}).content.decode()
    assert "没有可用的登录账号" in compose and "无账号学生" in compose
    response = send(client, [extra.pk, org["students"]["a1"].pk], return_url="/students/")
    assert recipients() == {org["students"]["a1"].student_number}
    assert response.status_code == 302


def test_message_permission_is_required(client, college_admin, org, accounts):
    college_admin.set_permissions(["students.student.view"])
    college_admin.save()
    client.force_login(college_admin)
    assert send(client, [org["students"]["a1"].pk]).status_code == 403
    assert client.get(reverse(URL)).status_code == 403
    assert not Message.objects.exists()


def test_students_cannot_send(client, org, accounts):
    client.force_login(accounts["a1"])
    assert send(client, [org["students"]["a2"].pk]).status_code == 403


def test_invalid_form_keeps_the_selection(client, school_admin, org, accounts):
    client.force_login(school_admin)
    response = send(client, [org["students"]["a1"].pk], subject="", channels=[])
    body = response.content.decode()
    assert response.status_code == 400 and "请至少选择一个发送渠道" in body
    assert org["students"]["a1"].student_number in body
    assert not Message.objects.exists()


def test_list_pages_show_the_action(client, school_admin, org):
    client.force_login(school_admin)
    for name in ("students:student_list", "studentfiles:studentimage_list", "studentfiles:archiverecord_list",
                 "resumes:resume_list"):
        body = client.get(reverse(name), {"graduation_year": ""}).content.decode()
        assert 'data-action="message"' in body, name
