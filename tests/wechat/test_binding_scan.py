"""Binding by scanning a bind QR: 扫码关注 (subscribe + qrscene_) and SCAN; conflicts, expired and used codes,
subscribe / unsubscribe."""

import datetime

import pytest
from django.utils import timezone

from careers.core.models import OperationLog
from careers.wechat.binding import actions
from careers.wechat.binding.models import BindingSource, QrLogin, QrPurpose, QrStatus, WechatBinding
from tests.factories import UserFactory
from tests.wechat.binding_support import push, scan, student_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


def test_subscribe_with_scene_binds(bind_stub):
    user = student_user()
    code = actions.open_code(QrPurpose.BIND, user)
    assert bind_stub.qrcodes == [(code.scene, 300)]
    assert code.ticket and code.qr_url and len(code.token) >= 40

    reply = scan("o_new_1", code, subscribe=True)

    assert reply.startswith("绑定成功：") and user.username in reply
    binding = WechatBinding.objects.get(user=user)
    assert (binding.openid, binding.source, binding.subscribed) == ("o_new_1", BindingSource.QR, True)
    code.refresh_from_db()
    assert (code.status, code.openid) == (QrStatus.DONE, "o_new_1")
    assert OperationLog.objects.filter(module="wechat", action="create", object_id=str(binding.pk)).exists()


def test_scan_event_binds_and_second_scan_is_refused(bind_stub):
    user = UserFactory()
    code = actions.open_code(QrPurpose.BIND, user)
    assert "绑定成功" in scan("o_new_2", code)
    assert scan("o_new_2", code) == actions.CODE_USED
    assert WechatBinding.objects.filter(openid="o_new_2").count() == 1


def test_openid_bound_to_another_account_is_refused_and_logged(bind_stub):
    other = UserFactory()
    actions.bind(other, "o_taken", source=BindingSource.QR)
    user = student_user()
    code = actions.open_code(QrPurpose.BIND, user)

    assert scan("o_taken", code) == actions.OPENID_TAKEN

    assert WechatBinding.objects.get(openid="o_taken").user == other
    assert not WechatBinding.objects.filter(user=user).exists()
    code.refresh_from_db()
    assert code.status == QrStatus.REFUSED
    assert OperationLog.objects.filter(module="wechat", action="other", object_id=str(user.pk),
                                       message__contains="已绑定其他账号").exists()


def test_account_bound_to_another_wechat_must_unbind_first(bind_stub):
    user = UserFactory()
    actions.bind(user, "o_first", source=BindingSource.QR)
    code = actions.new_code(QrPurpose.BIND, user)
    code.save()
    assert scan("o_second", code) == actions.USER_TAKEN
    assert actions.unbind(user, acting_user=user)
    code = actions.open_code(QrPurpose.BIND, user)
    assert "绑定成功" in scan("o_second", code)
    assert WechatBinding.objects.get(user=user).openid == "o_second"


def test_same_pair_again_is_a_no_op():
    user = UserFactory()
    first = actions.bind(user, "o_same", source=BindingSource.QR)
    again = actions.bind(user, "o_same", source=BindingSource.QR)
    assert first.pk == again.pk and WechatBinding.objects.count() == 1


def test_expired_code_is_refused(bind_stub):
    user = UserFactory()
    code = actions.open_code(QrPurpose.BIND, user)
    QrLogin.objects.filter(pk=code.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert scan("o_late", code) == actions.CODE_EXPIRED
    code.refresh_from_db()
    assert code.status == QrStatus.EXPIRED
    assert not WechatBinding.objects.exists()


def test_opening_a_new_code_expires_the_old_one(bind_stub):
    user = UserFactory()
    old = actions.open_code(QrPurpose.BIND, user)
    actions.open_code(QrPurpose.BIND, user)
    assert scan("o_old", old) == actions.CODE_EXPIRED


def test_inactive_account_cannot_bind(bind_stub):
    user = UserFactory()
    code = actions.open_code(QrPurpose.BIND, user)
    user.is_active = False
    user.save()
    assert "停用" in scan("o_x", code)
    assert not WechatBinding.objects.exists()


def test_unknown_scene_and_other_events_are_not_ours():
    assert push("o_any", "SCAN", "some_other_scene") is None
    assert push("o_any", "SCAN", "ccb_forged") is None
    welcome = push("o_any", "subscribe")  # a plain follow: no binding; the 被关注自动回复 (replies area) answers
    assert welcome is None or "绑定成功" not in welcome.content
    assert not WechatBinding.objects.filter(openid="o_any").exists()


def test_unsubscribe_and_subscribe_flag():
    user = UserFactory()
    actions.bind(user, "o_follow", source=BindingSource.QR)
    push("o_follow", "unsubscribe")
    assert WechatBinding.objects.get(user=user).subscribed is False
    push("o_follow", "subscribe")
    assert WechatBinding.objects.get(user=user).subscribed is True


def test_unbind_logs_and_expires_open_codes(bind_stub):
    user = UserFactory()
    actions.bind(user, "o_gone", source=BindingSource.QR)
    admin = UserFactory()
    assert actions.unbind(user, acting_user=admin, reason="学生申请")
    assert not WechatBinding.objects.exists()
    entry = OperationLog.objects.get(module="wechat", action="delete")
    assert entry.user == admin and "管理员解除微信绑定" in entry.message and "学生申请" in entry.message
    assert actions.unbind(user, acting_user=admin) is False
