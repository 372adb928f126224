"""Fixtures of the reminders tests: students with accounts, a dummy WeChat channel (registered for one test,
then put back as it was) and no WeChat channel at all."""

import pytest

from careers.accounts.models import User
from careers.core.messaging import Channel, get_channel, register_channel, unregister_channel
from careers.wechat.reminders.models import ReminderPreference
from tests.factories import StudentFactory, UserFactory


class DummyWechat(Channel):
    label = "微信（测试）"
    missing_address_reason = "未绑定微信"

    def send(self, message, delivery, address):
        return None


def _swap(channel_cls):
    previous = get_channel("wechat")
    if channel_cls is None:
        if previous is not None:
            unregister_channel("wechat")
    else:
        register_channel("wechat", channel_cls)
    return previous


def _restore(previous):
    if previous is None:
        if get_channel("wechat") is not None:
            unregister_channel("wechat")
    else:
        register_channel("wechat", type(previous))


@pytest.fixture
def wechat_channel():
    previous = _swap(DummyWechat)
    yield get_channel("wechat")
    _restore(previous)


@pytest.fixture
def no_wechat_channel():
    previous = _swap(None)
    yield
    _restore(previous)


def student_user(major=None, username=None, **prefs):
    """A student with an account; `prefs` (field=bool) saves a ReminderPreference."""
    kw = {"major": major} if major is not None else {}
    user = UserFactory(kind=User.Kind.STUDENT, **({"username": username} if username else {}))
    student = StudentFactory(user=user, **kw)
    if prefs:
        ReminderPreference.objects.create(user=user, **prefs)
    return student
