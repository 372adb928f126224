"""The demo step: a TemplateSetting per kind (one disabled, one without an id), messages whose WeChat deliveries are
in every state; idempotent; the pages render them (and the tracked links and 编辑重发 pages work on them)."""

import random

import pytest
from django.urls import reverse

from careers.core.models import Message, MessageDelivery
from careers.wechat.template_messages import demo, kinds
from careers.wechat.template_messages.models import SendState, TemplateSend, TemplateSetting
from careers.wechat.template_messages.render import read_token
from tests.factories import EmployerFactory
from tests.studentfiles.helpers import student_account

pytestmark = pytest.mark.django_db


def test_demo_covers_every_state_and_is_idempotent(client, school_admin, org):
    for student in org["students"].values():
        student_account(student)
    for _ in range(3):
        EmployerFactory()
    demo.seed(random.Random(1), [2027])
    counts = (TemplateSetting.objects.count(), Message.objects.count(), MessageDelivery.objects.count())
    demo.seed(random.Random(2), [2027])
    assert (TemplateSetting.objects.count(), Message.objects.count(), MessageDelivery.objects.count()) == counts
    assert set(TemplateSetting.objects.values_list("kind", flat=True)) == set(kinds.KINDS)
    assert not TemplateSetting.objects.get(kind=demo.DISABLED).enabled
    assert TemplateSetting.objects.get(kind=demo.WITHOUT_ID).template_id == ""
    assert set(TemplateSend.objects.values_list("state", flat=True)) == set(SendState.values)
    client.force_login(school_admin)
    for name in ("wechat:templatesetting_list", "wechat:student_messages", "wechat:employer_messages"):
        assert client.get(reverse(name)).status_code == 200, name
    for key in kinds.KINDS:
        assert client.get(reverse("wechat:templatesetting_edit", args=[key])).status_code == 200
    failed = MessageDelivery.objects.filter(channel="wechat", status=MessageDelivery.Status.FAILED)
    for delivery in failed.select_related("recipient"):
        name = "employer" if hasattr(delivery.recipient, "employer") else "student"
        assert client.get(reverse(f"wechat:{name}_message_resend", args=[delivery.message_id])).status_code == 200
    delivery = MessageDelivery.objects.filter(channel="wechat").first()
    assert client.get(reverse("wechat_site:template_read", args=[read_token(delivery)])).status_code == 302
