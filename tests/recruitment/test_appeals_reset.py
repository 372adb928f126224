"""(2) 验证邮箱: the e-mailed single-use reset link — sent, used, reused, expired, unknown, raced."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from careers.core.models import OperationLog
from careers.recruitment.appeals import actions
from careers.recruitment.models import AccountAppeal, PasswordResetLink
from tests.factories import TEST_PASSWORD, EmployerFactory
from tests.recruitment.appeals_support import clear_cache, make_appeal, private_media  # noqa: F401

User = get_user_model()
NEW_PASSWORD = "Fresh#Pass2027"


def send_link(client, admin, appeal):
    client.force_login(admin)
    response = client.post(reverse("recruitment:accountappeal_handle", args=[appeal.pk]), {"method": "email"},
                           follow=True)
    assert "重置密码链接已发送至 new-hr@unit.example.cn" in response.content.decode()
    client.logout()
    (message,) = mail.outbox
    link = re.search(r"http://testserver/company/reset/[\w-]+/", message.body).group(0)
    return message, link.replace("http://testserver", "")


def set_password(client, path, password=NEW_PASSWORD, confirm=None):
    return client.post(path, {"new_password1": password, "new_password2": confirm or password})


@pytest.fixture
def appeal(db):
    return make_appeal()


@pytest.mark.django_db
def test_link_is_emailed_used_once_and_logs_in(client, school_admin, appeal):
    message, path = send_link(client, school_admin, appeal)
    assert message.to == ["new-hr@unit.example.cn"]
    assert "30 分钟" in message.body and appeal.employer.user.username in message.body
    token = path.rstrip("/").rsplit("/", 1)[-1]
    stored = PasswordResetLink.objects.get()
    # only the sha256 of the token is stored, never the token
    assert stored.token_hash == actions.token_hash(token) and token not in stored.token_hash
    assert len(token) >= 40
    expiry = stored.expires_at - stored.created_at
    assert timedelta(minutes=29) < expiry <= timedelta(minutes=30, seconds=1)
    appeal.refresh_from_db()
    assert (appeal.status, appeal.method) == ("handled", "email")
    user = User.objects.get(pk=appeal.employer.user_id)
    assert user.email == "new-hr@unit.example.cn" and user.check_password(TEST_PASSWORD)  # unchanged until used

    page = client.get(path)
    assert page.status_code == 200 and user.username in page.content.decode()
    assert "no-cache" in page["Cache-Control"] or "max-age=0" in page["Cache-Control"]
    response = set_password(client, path)
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) and not user.must_change_password
    stored.refresh_from_db()
    assert stored.used_at is not None
    assert OperationLog.objects.filter(object_id=str(appeal.pk), message__contains="通过邮件链接重置").exists()
    # the appellant logs in with the new password
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": NEW_PASSWORD})
    assert response.status_code == 302 and client.get("/").wsgi_request.user == user
    client.logout()

    # reused
    response = client.get(path)
    assert response.status_code == 410 and "链接已使用" in response.content.decode()
    response = set_password(client, path, "Other#Pass2028")
    assert response.status_code == 410
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_expired_link(client, school_admin, appeal):
    _, path = send_link(client, school_admin, appeal)
    PasswordResetLink.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.get(path)
    assert response.status_code == 410
    assert "链接已过期（有效期30分钟）" in response.content.decode() and "重新申诉" in response.content.decode()
    assert set_password(client, path).status_code == 410
    assert User.objects.get(pk=appeal.employer.user_id).check_password(TEST_PASSWORD)


@pytest.mark.django_db
def test_link_expires_after_30_minutes_by_the_clock(client, school_admin, appeal, monkeypatch):
    _, path = send_link(client, school_admin, appeal)
    later = timezone.now() + timedelta(minutes=29)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(path).status_code == 200
    later = timezone.localtime() + timedelta(minutes=2)  # 31 minutes after sending
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(path).status_code == 410


@pytest.mark.django_db
def test_unknown_or_tampered_token(client, school_admin, appeal):
    _, path = send_link(client, school_admin, appeal)
    for bad in ("/company/reset/nonsense/", path[:-5] + "AAAA/"):
        response = client.get(bad)
        assert response.status_code == 404 and "找不到这个重置密码链接" in response.content.decode()
        assert set_password(client, bad).status_code == 404


@pytest.mark.django_db
def test_weak_password_keeps_the_link_usable(client, school_admin, appeal):
    _, path = send_link(client, school_admin, appeal)
    response = set_password(client, path, "weak")
    assert response.status_code == 200 and "至少需要 8 个字符" in response.content.decode()
    response = set_password(client, path, NEW_PASSWORD, "Mismatch#2027")
    assert "两次输入的新密码不一致" in response.content.decode()
    assert PasswordResetLink.objects.get().used_at is None
    assert set_password(client, path).status_code == 302


@pytest.mark.django_db
def test_old_sessions_end_after_reset(client, school_admin, appeal):
    from django.test import Client

    employer_session = Client()
    employer_session.force_login(appeal.employer.user)
    assert employer_session.get("/").wsgi_request.user.is_authenticated
    _, path = send_link(client, school_admin, appeal)
    set_password(client, path)
    assert employer_session.get("/").wsgi_request.user.is_anonymous


@pytest.mark.django_db
def test_mail_failure_rolls_everything_back(client, school_admin, appeal, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(actions, "send_mail", broken)
    client.force_login(school_admin)
    response = client.post(reverse("recruitment:accountappeal_handle", args=[appeal.pk]), {"method": "email"},
                           follow=True)
    assert "重置密码邮件发送失败" in response.content.decode()
    appeal.refresh_from_db()
    assert appeal.status == "pending" and not PasswordResetLink.objects.exists()
    assert appeal.employer.contact_person == "王旧"


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_use_sets_the_password_once(school_admin, code_tables):
    """Two requests with the same token at the same moment: the row lock lets exactly one through."""
    appeal = make_appeal(EmployerFactory(admitted=True))
    token, digest = actions.reset_link_token()
    PasswordResetLink.objects.create(appeal=appeal, user=appeal.employer.user, token_hash=digest,
                                     email=appeal.email, expires_at=timezone.now() + timedelta(minutes=30))
    from tests.concurrency import run_concurrently

    def use(password):
        try:
            actions.reset_password_with_link(token, password)
            return ("ok", password)
        except actions.ResetLinkError as exc:
            return (exc.kind, password)

    results = run_concurrently(use, args=("First#Pass2027", "Second#Pass2027"))
    assert sorted(kind for kind, _ in results) == ["ok", "used"]
    winner = next(p for kind, p in results if kind == "ok")
    user = User.objects.get(pk=appeal.employer.user_id)
    assert user.check_password(winner)
    assert AccountAppeal.objects.get().status == "pending"  # made directly here; handling is tested above
