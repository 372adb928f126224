"""微信扫码登录 (LoginProvider "wechat"): the login QR, the scan, the single use, and every refusal."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.core.models import OperationLog
from careers.wechat.binding import actions
from careers.wechat.binding.models import BindingSource, QrLogin, QrPurpose, QrStatus
from careers.wechat.binding.provider import SESSION_KEY
from tests.factories import UserFactory
from tests.wechat.binding_support import scan, student_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]

CALLBACK = reverse("accounts:provider_callback", args=["wechat"])


def open_login(client):
    response = client.get(reverse("wechat_site:scan_login"))
    assert response.status_code == 200
    code = QrLogin.objects.filter(purpose=QrPurpose.LOGIN).latest("pk")
    assert client.session[SESSION_KEY] == code.token and code.user is None
    assert (code.expires_at - timezone.now()) <= datetime.timedelta(minutes=2)
    return code, response.content.decode()


def test_login_page_button_leads_to_the_qr(client, bind_stub):
    from careers.wechat.account.models import WechatAccount

    assert "微信扫码登录" not in client.get(reverse("accounts:login")).content.decode()  # not configured: no button
    WechatAccount.objects.update_or_create(pk=1, defaults=dict(app_id="wx1", app_secret="s" * 32, token="t",
                                                               enabled=True))
    assert "微信扫码登录" in client.get(reverse("accounts:login")).content.decode()
    start = client.get(reverse("accounts:provider_start", args=["wechat"]))
    assert start["Location"] == reverse("wechat_site:scan_login")
    code, body = open_login(client)
    assert "<svg" in body and reverse("wechat_site:qr_status", args=[code.token]) in body


def test_scan_login_end_to_end_and_single_use(client, bind_stub):
    user = student_user()
    actions.bind(user, "o_login", source=BindingSource.QR)
    code, _ = open_login(client)
    status_url = reverse("wechat_site:qr_status", args=[code.token])
    assert "请使用微信" in client.get(status_url).content.decode()

    reply = scan("o_login", code)

    assert reply.startswith("扫码成功") and user.username in reply
    polled = client.get(status_url)
    assert polled["HX-Redirect"] == CALLBACK
    assert user.username not in polled.content.decode()  # the poll says the status, nothing about the account
    response = client.get(CALLBACK)
    assert response["Location"] == reverse("core:home")
    assert client.session["_auth_user_id"] == str(user.pk)
    code.refresh_from_db()
    assert code.status == QrStatus.USED
    assert OperationLog.objects.filter(action="login", object_id=str(user.pk), message__contains="微信扫码登录").exists()

    # single use: the same token again, even planted in another browser's session, signs nobody in
    other = client.__class__()
    session = other.session
    session[SESSION_KEY] = code.token
    session.save()
    assert other.get(CALLBACK)["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in other.session
    assert scan("o_login", code) == actions.CODE_USED


def test_a_code_only_works_in_the_browser_that_opened_it(client, bind_stub):
    user = UserFactory()
    actions.bind(user, "o_mine", source=BindingSource.QR)
    code, _ = open_login(client)
    scan("o_mine", code)
    thief = client.__class__()
    assert thief.get(reverse("wechat_site:qr_status", args=[code.token])).status_code == 404
    assert thief.get(CALLBACK)["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in thief.session
    assert client.get(CALLBACK)["Location"] == reverse("core:home")  # the opener still can


def test_unbound_wechat_is_refused_and_told_to_bind(client, bind_stub):
    code, _ = open_login(client)
    assert scan("o_stranger", code) == actions.NOT_BOUND
    code.refresh_from_db()
    assert code.status == QrStatus.REFUSED
    body = client.get(reverse("wechat_site:qr_status", args=[code.token])).content.decode()
    assert "尚未绑定" in body and "hx-get" not in body
    assert client.get(CALLBACK)["Location"] == reverse("accounts:login")


def test_inactive_account_is_refused(client, bind_stub):
    user = UserFactory(is_active=False)
    from careers.wechat.binding.models import WechatBinding

    WechatBinding.objects.create(user=user, openid="o_off")
    code, _ = open_login(client)
    assert scan("o_off", code) == actions.INACTIVE
    assert client.get(CALLBACK)["Location"] == reverse("accounts:login")

    # deactivated between the scan and the sign-in
    active = UserFactory()
    actions.bind(active, "o_on", source=BindingSource.QR)
    code, _ = open_login(client)
    scan("o_on", code)
    active.is_active = False
    active.save()
    assert client.get(CALLBACK)["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session


def test_expired_code_is_refused(client, bind_stub):
    user = UserFactory()
    actions.bind(user, "o_slow", source=BindingSource.QR)
    code, _ = open_login(client)
    QrLogin.objects.filter(pk=code.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert scan("o_slow", code) == actions.CODE_EXPIRED
    assert "已过期" in client.get(reverse("wechat_site:qr_status", args=[code.token])).content.decode()

    code, _ = open_login(client)
    scan("o_slow", code)
    QrLogin.objects.filter(pk=code.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=5))
    assert client.get(CALLBACK)["Location"] == reverse("accounts:login")


def test_account_locked_by_axes_is_refused(client, bind_stub, settings):
    from careers.accounts.models import User

    user = UserFactory()
    actions.bind(user, "o_locked", source=BindingSource.QR)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("accounts:login"), {"username": user.username, "password": "wrong"})
    code, _ = open_login(client)
    scan("o_locked", code)
    assert client.get(CALLBACK)["Location"] == reverse("accounts:login")
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(pk=user.pk).exists()


def test_login_codes_are_rate_limited_and_signed_in_users_go_home(client, bind_stub, monkeypatch):
    from careers.core import ratelimit
    from careers.wechat.binding import site

    now = ratelimit.time.time()
    monkeypatch.setattr(ratelimit.time, "time", lambda: now)  # one fixed window, whatever the clock

    statuses = [client.get(reverse("wechat_site:scan_login")).status_code
                for _ in range(site.LOGIN_CODES_PER_MINUTE + 1)]
    assert statuses[-1] == 429
    client.force_login(UserFactory())
    assert client.get(reverse("wechat_site:scan_login"))["Location"] == reverse("core:home")


def test_not_configured_says_so(client):
    body = client.get(reverse("wechat_site:scan_login")).content.decode()
    assert "暂时无法使用微信扫码登录" in body and "使用账号密码登录" in body
