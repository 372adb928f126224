"""render(): the kind's template, else 通用通知, else None; placeholders filled and cut to WeChat's limits; the
tracked read link (first open only, tampered → 404, never an open redirect); the channel policy."""

import pytest
from django.core import signing
from django.urls import reverse

from careers.core.messaging import Channel, policy_channels, send_message
from careers.core.models import Message, MessageDelivery
from careers.wechat.account.models import WechatAccount
from careers.wechat.template_messages import kinds, render
from careers.wechat.template_messages.models import TemplateSetting
from careers.wechat.template_messages.policy import wechat_for_kind
from tests.factories import UserFactory
from tests.wechat.reminders_support import _restore, _swap

pytestmark = pytest.mark.django_db


@pytest.fixture
def recipient():
    return UserFactory(username="stu1", name="张三", kind="student")


def message_for(user, *, kind="", subject="面试通知", body="请于明天上午到三号楼面试。", link="/me/"):
    message = Message.objects.create(subject=subject, body=body, link=link, channels=["inbox"], kind=kind)
    delivery = MessageDelivery.objects.create(message=message, recipient=user, channel="inbox")
    return message, delivery


def test_kind_template_is_used_and_fields_filled(settings, recipient):
    settings.SITE_URL = "https://careers.example.edu.cn"
    TemplateSetting.objects.create(kind=kinds.REVIEW, template_id="TPL_REVIEW", enabled=True,
                                   fields={"first": "{subject}", "keyword1.DATA": "{recipient}", "remark": "{body}"})
    message, delivery = message_for(recipient, kind=kinds.REVIEW)
    template_id, data, url = render.render(message, delivery)
    assert template_id == "TPL_REVIEW"
    assert data == {"first": {"value": "面试通知"}, "keyword1": {"value": "张三"},
                    "remark": {"value": "请于明天上午到三号楼面试。"}}
    assert url.startswith("https://careers.example.edu.cn/wechat/r/") and url.endswith("/")


def test_falls_back_to_general_then_none(recipient):
    message, delivery = message_for(recipient, kind=kinds.JOB_MATCH)  # re-read: render caches per message object
    assert render.render(Message.objects.get(pk=message.pk), delivery) is None  # nothing set
    TemplateSetting.objects.create(kind=kinds.JOB_MATCH, template_id="", enabled=True)  # no id: not usable
    TemplateSetting.objects.create(kind=kinds.GENERAL, template_id="TPL_GENERAL", enabled=False)
    assert render.render(Message.objects.get(pk=message.pk), delivery) is None
    TemplateSetting.objects.filter(kind=kinds.GENERAL).update(enabled=True)
    assert render.render(Message.objects.get(pk=message.pk), delivery)[0] == "TPL_GENERAL"
    # no kind at all → general too; the default mapping of 通用通知 when the row has no fields
    plain, plain_delivery = message_for(recipient, kind="")
    template_id, data, _ = render.render(plain, plain_delivery)
    assert template_id == "TPL_GENERAL" and set(data) == set(kinds.KINDS[kinds.GENERAL].fields)
    TemplateSetting.objects.filter(kind=kinds.JOB_MATCH).update(template_id="TPL_JOB")
    assert render.render(Message.objects.get(pk=message.pk), delivery)[0] == "TPL_JOB"


def test_values_are_cut_to_wechat_limits(recipient):
    TemplateSetting.objects.create(kind=kinds.GENERAL, template_id="T", enabled=True,
                                   fields={"thing1": "{body}", "phrase2": "{subject}", "keyword3": "{body}",
                                           "character_string4": "{body}"})
    body = "很长的内容" * 60  # 300 characters, with line breaks collapsed in typed fields
    message, delivery = message_for(recipient, body=body, subject="审核通过了")
    _, data, _ = render.render(message, delivery)
    assert len(data["thing1"]["value"]) == 20 and data["thing1"]["value"].endswith("…")
    assert data["phrase2"]["value"] == "审核通过了"  # exactly 5: kept
    assert len(data["keyword3"]["value"]) == 200
    assert len(data["character_string4"]["value"]) == 32
    assert render.limit_of("keyword12.DATA") == 200 and render.limit_of("unknown_type1") == 200


def test_tracked_link_marks_read_once_and_redirects_to_the_message_link(client, recipient):
    message, delivery = message_for(recipient, link="/me/events/")
    path = reverse("wechat_site:template_read", args=[render.read_token(delivery)])
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == "/me/events/"
    delivery.refresh_from_db()
    first = delivery.read_at
    assert first is not None
    client.get(path)
    delivery.refresh_from_db()
    assert delivery.read_at == first  # the first open only


def test_tracked_link_tampered_is_404_and_no_open_redirect(client, recipient):
    message, delivery = message_for(recipient, link="")
    token = render.read_token(delivery)
    assert client.get(reverse("wechat_site:template_read", args=[token[:-2] + "xx"])).status_code == 404
    forged = signing.dumps(delivery.pk, salt="other")
    assert client.get(reverse("wechat_site:template_read", args=[forged])).status_code == 404
    # no link → the inbox
    assert client.get(reverse("wechat_site:template_read", args=[token]))["Location"] == reverse("core:inbox")
    # a link written around send_message's validation is never followed off-site
    Message.objects.filter(pk=message.pk).update(link="//evil.example.com/x")
    assert client.get(reverse("wechat_site:template_read", args=[token]))["Location"] == reverse("core:inbox")
    MessageDelivery.objects.filter(pk=delivery.pk).update(read_at=None)
    Message.objects.filter(pk=message.pk).update(link="https://evil.example.com/")
    assert client.get(reverse("wechat_site:template_read", args=[token]))["Location"] == reverse("core:inbox")


def test_expired_link_goes_to_the_inbox_without_marking(client, recipient, monkeypatch):
    message, delivery = message_for(recipient)
    token = render.read_token(delivery)
    monkeypatch.setattr(render, "TOKEN_MAX_AGE", -1)
    response = client.get(reverse("wechat_site:template_read", args=[token]))
    assert response["Location"] == reverse("core:inbox")
    delivery.refresh_from_db()
    assert delivery.read_at is None


class FakeWechatChannel(Channel):
    label = "微信"

    def send(self, message, delivery, address):
        return None


@pytest.fixture
def wechat_channel():
    previous = _swap(FakeWechatChannel)  # the real channel is put back afterwards: other tests in this worker use it
    yield
    _restore(previous)


def configure_account(enabled=True):
    WechatAccount.objects.update_or_create(pk=1, defaults=dict(app_id="wx1", app_secret="s", token="t",
                                                               enabled=enabled))


def test_policy_adds_wechat_only_for_an_enabled_template_on_a_configured_account(wechat_channel, recipient):
    assert wechat_for_kind(kinds.REVIEW) == ()  # no template, no account
    TemplateSetting.objects.create(kind=kinds.REVIEW, template_id="T", enabled=True)
    assert wechat_for_kind(kinds.REVIEW) == ()  # no account
    configure_account(enabled=False)
    assert wechat_for_kind(kinds.REVIEW) == ()  # switched off
    configure_account()
    assert wechat_for_kind(kinds.REVIEW) == ("wechat",)
    assert "wechat" in policy_channels(kinds.REVIEW)
    assert wechat_for_kind(kinds.JOB_MATCH) == () and wechat_for_kind("") == ()
    TemplateSetting.objects.filter(kind=kinds.REVIEW).update(enabled=False)
    assert wechat_for_kind(kinds.REVIEW) == ()
    TemplateSetting.objects.filter(kind=kinds.REVIEW).update(enabled=True, template_id="")
    assert wechat_for_kind(kinds.REVIEW) == ()


def test_send_message_gains_the_wechat_delivery(wechat_channel, recipient, django_capture_on_commit_callbacks):
    configure_account()
    TemplateSetting.objects.create(kind=kinds.REVIEW, template_id="T", enabled=True)
    message = send_message(recipients=[recipient], subject="审核结果", body="通过", kind=kinds.REVIEW)
    assert message.channels == ["inbox", "wechat"]
    assert set(message.deliveries.values_list("channel", flat=True)) == {"inbox", "wechat"}


def test_policy_without_a_registered_wechat_channel_adds_nothing(recipient):
    configure_account()
    TemplateSetting.objects.create(kind=kinds.REVIEW, template_id="T", enabled=True)
    previous = _swap(None)
    try:
        assert policy_channels(kinds.REVIEW) == []
        message = send_message(recipients=[recipient], subject="审核结果", body="通过", kind=kinds.REVIEW)
        assert message.channels == ["inbox"]
    finally:
        _restore(previous)


def test_a_batch_of_one_message_looks_the_setting_up_once(recipient, django_assert_num_queries):
    TemplateSetting.objects.create(kind=kinds.GENERAL, template_id="T", enabled=True)
    message, first = message_for(recipient)
    second = MessageDelivery.objects.create(message=message, recipient=UserFactory(username="stu2"), channel="email")
    first.recipient, second.recipient = recipient, second.recipient
    with django_assert_num_queries(1):
        render.render(message, first)
        render.render(message, second)
