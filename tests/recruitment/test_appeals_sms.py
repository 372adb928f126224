"""(3) 验证手机: a random password texted through the real Alibaba backend to a local fake server."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from careers.core.models import OperationLog
from careers.recruitment.appeals import actions
from tests.factories import TEST_PASSWORD
from tests.fake_sms import FakeSmsServer
from tests.recruitment.appeals_support import clear_cache, make_appeal, private_media  # noqa: F401

pytestmark = pytest.mark.django_db
User = get_user_model()
TEMPLATE = "SMS_460725013"


@pytest.fixture
def fake_sms(settings):
    with FakeSmsServer(per_number_limit=1) as fake:
        settings.SMS = {"backend": "careers.core.sms.aliyun.AliyunBackend", "access_key_id": fake.access_key_id,
                        "access_key_secret": fake.secret, "sign_name": fake.sign_name, "endpoint": fake.url,
                        "timeout": 3, "templates": {actions.SMS_TEMPLATE: TEMPLATE}}
        yield fake


@pytest.fixture
def appeal(db):
    return make_appeal()


def handle_sms(client, appeal):
    return client.post(reverse("recruitment:accountappeal_handle", args=[appeal.pk]), {"method": "sms"}, follow=True)


def test_password_is_texted_and_set(client, school_admin, appeal, fake_sms):
    client.force_login(school_admin)
    body = handle_sms(client, appeal).content.decode()
    assert "新密码已通过短信发送至 139****5678" in body
    (sent,) = fake_sms.sent
    assert sent["phone"] == "13912345678" and sent["template"] == TEMPLATE
    password = sent["params"]["password"]
    user = User.objects.get(pk=appeal.employer.user_id)
    assert sent["params"]["account"] == user.username
    assert user.check_password(password) and user.must_change_password
    assert (user.phone, user.email) == ("13912345678", "new-hr@unit.example.cn")
    appeal.refresh_from_db()
    assert (appeal.status, appeal.method) == ("handled", "sms")
    logs = " ".join(OperationLog.objects.filter(object_id=str(appeal.pk)).values_list("message", flat=True))
    assert "139****5678" in logs and password not in logs and "13912345678" not in logs
    # the appellant logs in with the texted password and is sent to change it at once
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": password})
    assert response.status_code == 302
    assert reverse("accounts:password_change") in client.get("/company/appeal/")["Location"]


@pytest.mark.parametrize("code, text", [
    ("isv.MOBILE_NUMBER_ILLEGAL", "手机号码格式错误"),
    ("isv.BUSINESS_LIMIT_CONTROL", "频率限制"),
    ("isv.AMOUNT_NOT_ENOUGH", "余额不足"),
])
def test_gateway_error_changes_nothing_and_is_shown_in_chinese(client, school_admin, appeal, fake_sms, code, text):
    fake_sms.force_code = code
    client.force_login(school_admin)
    body = handle_sms(client, appeal).content.decode()
    assert text in body and "账号密码未修改" in body
    appeal.refresh_from_db()
    user = User.objects.get(pk=appeal.employer.user_id)
    assert appeal.status == "pending" and appeal.method == ""
    assert user.check_password(TEST_PASSWORD) and user.phone != "13912345678"
    appeal.employer.refresh_from_db()
    assert appeal.employer.contact_person == "王旧"
    assert not OperationLog.objects.filter(object_type="recruitment.employer", object_id=str(appeal.employer_id),
                                           message__contains="账号申诉处理").exists()


def test_rate_limit_from_the_provider(client, school_admin, fake_sms):
    client.force_login(school_admin)
    first, second = make_appeal(), make_appeal()  # two units, one appellant phone
    handle_sms(client, first)
    body = handle_sms(client, second).content.decode()
    assert "触发了短信发送频率限制" in body
    second.refresh_from_db()
    assert second.status == "pending"


def test_unreachable_gateway(client, school_admin, appeal, settings):
    settings.SMS = {"backend": "careers.core.sms.aliyun.AliyunBackend", "access_key_id": "k",
                    "access_key_secret": "s", "sign_name": "n", "endpoint": "http://127.0.0.1:9/", "timeout": 1}
    client.force_login(school_admin)
    assert "无法连接短信服务" in handle_sms(client, appeal).content.decode()
    appeal.refresh_from_db()
    assert appeal.status == "pending"


def test_console_backend_by_default(client, school_admin, appeal, caplog):
    client.force_login(school_admin)
    with caplog.at_level("INFO", logger="careers.sms"):
        assert "新密码已通过短信发送" in handle_sms(client, appeal).content.decode()
    assert "139****5678" in caplog.text and "13912345678" not in caplog.text
