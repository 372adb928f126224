"""Channel policies: a message's `kind` may add channels (the WeChat template channel) without the sender naming them."""

import pytest

from careers.core.messaging import Channel, channels as channel_module, register_channel, send_message, unregister_channel
from careers.core.models import MessageDelivery
from tests.factories import UserFactory


class Recorder(Channel):
    label = "测试渠道"
    immediate = True

    def send(self, message, delivery, address):
        return None


@pytest.fixture
def policy():
    register_channel("probe", Recorder)
    added = channel_module.register_channel_policy(lambda kind: ["probe"] if kind == "probe_kind" else [])
    yield
    channel_module._policies.remove(added)
    unregister_channel("probe")


@pytest.mark.django_db
def test_kind_adds_policy_channel(policy):
    user = UserFactory()
    message = send_message(recipients=[user], subject="标题", body="内容", kind="probe_kind")
    assert message.kind == "probe_kind" and message.channels == ["inbox", "probe"]
    assert set(MessageDelivery.objects.filter(message=message).values_list("channel", flat=True)) == {"inbox", "probe"}


@pytest.mark.django_db
def test_other_kinds_and_unknown_channels_untouched(policy):
    user = UserFactory()
    assert send_message(recipients=[user], subject="标题", body="内容", kind="other").channels == ["inbox"]
    channel_module._policies.append(lambda kind: ["no-such-channel"])
    try:
        assert send_message(recipients=[user], subject="标题", body="内容", kind="x").channels == ["inbox"]
    finally:
        channel_module._policies.pop()
