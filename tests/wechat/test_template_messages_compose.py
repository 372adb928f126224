"""发送消息 to a selection (manual 8.6): at most 100; 电子邮件 only when 默认同时发送邮件 is on and fewer than 5
recipients (hidden on the form, refused if posted); the employer list's 发送消息 uses the same page."""

import pytest
from django.urls import reverse

from careers.core.messaging import offered_channels
from careers.core.models import Message, MessageDelivery, OperationLog
from careers.wechat.account.models import WechatAccount
from careers.wechat.template_messages.policy import email_offer_rule
from tests.factories import EmployerFactory, StudentFactory
from tests.studentfiles.helpers import student_account

pytestmark = pytest.mark.django_db
STUDENTS = "students:student_message"
EMPLOYERS = "recruitment:employer_message"


@pytest.fixture(autouse=True)
def quiet(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MESSAGE_RATE_LIMITS = {}


def email_default(on):
    WechatAccount.objects.update_or_create(pk=1, defaults={"email_by_default": on})


def students(org, n):
    return [StudentFactory(major=org["majors"]["a1"]) for _ in range(n)]


def test_the_rule():
    assert "默认同时发送邮件" in email_offer_rule("email", 1)
    email_default(True)
    assert email_offer_rule("email", 4) == ""
    assert "少于 5 人" in email_offer_rule("email", 5)
    assert email_offer_rule("inbox", 100) == ""
    assert "email" in dict(offered_channels(4)) and "email" not in dict(offered_channels(5))


@pytest.mark.parametrize("setting, count, offered", [(False, 2, False), (True, 4, True), (True, 5, False)])
def test_form_offers_email_only_by_the_rule(client, school_admin, org, setting, count, offered):
    email_default(setting)
    chosen = students(org, count)
    client.force_login(school_admin)
    body = client.post(reverse(STUDENTS), {"pk": [s.pk for s in chosen]}).content.decode()
    assert ('value="email"' in body) is offered
    assert ("因邮件发送限制" in body) is not offered


def test_posting_email_anyway_is_refused(client, school_admin, org):
    email_default(True)
    chosen = students(org, 5)
    for s in chosen:
        student_account(s, email=f"{s.student_number}@example.edu.cn")
    client.force_login(school_admin)
    response = client.post(reverse(STUDENTS), {"pk": [s.pk for s in chosen], "_send": "1", "subject": "通知",
                                               "body": "内容", "channels": ["inbox", "email"]})
    assert response.status_code == 400 and "所选发送渠道“email”不可用" in response.content.decode()
    assert not Message.objects.exists()
    small = chosen[:4]
    response = client.post(reverse(STUDENTS), {"pk": [s.pk for s in small], "_send": "1", "subject": "通知",
                                               "body": "内容", "channels": ["inbox", "email"]})
    assert response.status_code == 302
    assert MessageDelivery.objects.filter(channel="email").count() == 4


def test_hand_written_send_adds_no_channel_by_policy(client, school_admin, org):
    chosen = students(org, 1)
    student_account(chosen[0])
    client.force_login(school_admin)
    client.post(reverse(STUDENTS), {"pk": [chosen[0].pk], "_send": "1", "subject": "通知", "body": "x",
                                    "channels": ["inbox"]})
    message = Message.objects.get()
    assert message.channels == ["inbox"] and message.kind == ""


def test_employer_list_sends_to_checked_units(client, school_admin):
    units = [EmployerFactory() for _ in range(3)]
    client.force_login(school_admin)
    listing = client.get(reverse("recruitment:employer_list")).content.decode()
    assert 'id="employer-message"' in listing
    compose = client.post(reverse(EMPLOYERS), {"pk": [u.pk for u in units[:2]]}).content.decode()
    assert units[0].name in compose and units[2].name not in compose and "发送给 2 家单位" in compose
    response = client.post(reverse(EMPLOYERS), {"pk": [u.pk for u in units[:2]], "_send": "1", "subject": "招聘会邀请",
                                                "body": "欢迎参加", "channels": ["inbox"],
                                                "return_url": "/recruitment/employers/"})
    assert response.status_code == 302
    assert set(MessageDelivery.objects.values_list("recipient", flat=True)) == {units[0].user_id, units[1].user_id}
    log = OperationLog.objects.get(module="recruitment", object_type="core.message")
    assert sorted(log.changes["employers"]) == sorted(u.credit_code for u in units[:2])


def test_employer_send_checks_permission_and_limit(client, college_admin):
    units = [EmployerFactory() for _ in range(2)]
    client.force_login(college_admin)
    codes = [c for c in college_admin.permissions if c != "recruitment.employer.message"]
    college_admin.set_permissions(codes)
    college_admin.save()
    assert client.post(reverse(EMPLOYERS), {"pk": [units[0].pk]}).status_code == 403
    assert 'id="employer-message"' not in client.get(reverse("recruitment:employer_list")).content.decode()
    college_admin.set_permissions(codes + ["recruitment.employer.message"])
    college_admin.save()
    missing = client.post(reverse(EMPLOYERS), {"pk": [units[0].pk, 999999], "_send": "1", "subject": "x",
                                               "body": "y", "channels": ["inbox"]}, follow=True)
    assert "无权查看或已不存在" in missing.content.decode() and not Message.objects.exists()


def test_employer_send_at_most_100(client, school_admin, monkeypatch):
    from careers.core.views import compose

    monkeypatch.setattr(compose.ComposeMessageView, "max_recipients", 2)
    units = [EmployerFactory() for _ in range(3)]
    client.force_login(school_admin)
    body = client.post(reverse(EMPLOYERS), {"pk": [u.pk for u in units]}, follow=True).content.decode()
    assert "每次最多向 2 家单位发送消息，您选择了 3 家" in body
