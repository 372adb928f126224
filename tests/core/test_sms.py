"""The SMS gateway: console/locmem backends and the Alibaba Cloud backend against a local fake server."""

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from careers.core import sms
from careers.core.sms import aliyun
from tests.fake_sms import FakeSmsServer, expected_signature

TEMPLATE = "SMS_460725013"


@pytest.fixture
def fake_sms(settings):
    with FakeSmsServer() as fake:
        settings.SMS = {"backend": "careers.core.sms.aliyun.AliyunBackend", "access_key_id": fake.access_key_id,
                        "access_key_secret": fake.secret, "sign_name": fake.sign_name, "endpoint": fake.url,
                        "timeout": 3, "templates": {"appeal_password": TEMPLATE}}
        yield fake


def test_real_backend_sends_signed_request_and_fake_accepts_it(fake_sms):
    result = sms.send_sms("138 0013 8000", "appeal_password", {"password": "Kp7m Xq*4r~"})
    assert result.request_id and result.biz_id
    assert fake_sms.sent == [{"phone": "13800138000", "template": TEMPLATE, "params": {"password": "Kp7m Xq*4r~"},
                              "sign_name": "高校就业服务平台"}]
    request = fake_sms.requests[0]
    assert request["Action"] == "SendSms" and request["SignatureMethod"] == "HMAC-SHA1"
    assert request["Timestamp"].endswith("Z") and len(request["SignatureNonce"]) >= 16


def test_wrong_secret_is_a_signature_error_in_chinese(fake_sms, settings):
    settings.SMS = {**settings.SMS, "access_key_secret": "wrong"}
    with pytest.raises(sms.SmsError) as exc:
        sms.send_sms("13800138000", "appeal_password", {"password": "x"})
    assert exc.value.code == "SignatureDoesNotMatch"
    assert "签名校验失败" in exc.value.message
    assert fake_sms.sent == []


def test_unknown_access_key(fake_sms, settings):
    settings.SMS = {**settings.SMS, "access_key_id": "LTAI-other"}
    with pytest.raises(sms.SmsError, match="AccessKey ID 不存在"):
        sms.send_sms("13800138000", "appeal_password", {"password": "x"})


def test_rate_limit_maps_to_chinese_message(fake_sms):
    for _ in range(3):
        sms.send_sms("13900139000", "appeal_password", {"password": "x"})
    with pytest.raises(sms.SmsError) as exc:
        sms.send_sms("13900139000", "appeal_password", {"password": "x"})
    assert exc.value.code == "isv.BUSINESS_LIMIT_CONTROL"
    assert "频率限制" in exc.value.message
    assert "139****9000" in exc.value.message and "13900139000" not in exc.value.message


def test_provider_refusing_the_number(fake_sms):
    fake_sms.force_code = "isv.MOBILE_NUMBER_ILLEGAL"
    with pytest.raises(sms.SmsError, match="手机号码格式错误"):
        sms.send_sms("13800138000", "appeal_password", {"password": "x"})


def test_unknown_template_and_unknown_error_code(fake_sms):
    with pytest.raises(sms.SmsError, match="模板不存在"):
        sms.send_sms("13800138000", "SMS_000", {"password": "x"})
    fake_sms.force_code = "isv.SOMETHING_NEW"
    with pytest.raises(sms.SmsError, match="短信服务拒绝发送") as exc:
        sms.send_sms("13800138000", "appeal_password", {"password": "x"})
    assert exc.value.code == "isv.SOMETHING_NEW"


def test_timeout_and_unreachable_server(fake_sms, settings):
    fake_sms.delay = 1.5
    settings.SMS = {**settings.SMS, "timeout": 0.5}
    with pytest.raises(sms.SmsError, match="超时") as exc:
        sms.send_sms("13800138000", "appeal_password", {"password": "x"})
    assert exc.value.code == "timeout"
    settings.SMS = {**settings.SMS, "endpoint": "http://127.0.0.1:9/"}
    with pytest.raises(sms.SmsError, match="无法连接短信服务"):
        sms.send_sms("13800138000", "appeal_password", {"password": "x"})


def test_missing_configuration_is_reported(settings):
    settings.SMS = {"backend": "careers.core.sms.aliyun.AliyunBackend"}
    with pytest.raises(sms.SmsError, match="未配置完整"):
        sms.send_sms("13800138000", "appeal_password", {"password": "x"})


@pytest.mark.parametrize("phone", ["12345", "23800138000", "1380013800a", "", "010-12345678"])
def test_bad_phone_is_refused_before_any_request(fake_sms, phone):
    with pytest.raises(sms.SmsError, match="格式不正确"):
        sms.send_sms(phone, "appeal_password", {"password": "x"})
    assert fake_sms.requests == []


def test_plus86_prefix_is_accepted():
    assert sms.backends.normalise_phone("+86 138-0013-8000") == "13800138000"


def test_console_backend_logs_masked_number(settings, caplog):
    settings.SMS = {"backend": "careers.core.sms.backends.ConsoleBackend"}
    with caplog.at_level(logging.INFO, logger="careers.sms"):
        result = sms.send_sms("13800138000", "appeal_password", {"password": "Secret-123"})
    assert result.request_id == "console"
    text = caplog.text
    assert "138****8000" in text and "13800138000" not in text
    assert "Secret-123" not in text  # the password itself never reaches the log


def test_locmem_backend_keeps_an_outbox(settings):
    settings.SMS = {"backend": "careers.core.sms.backends.LocMemBackend"}
    sms.outbox.clear()
    sms.send_sms("13800138000", "appeal_password", {"password": "x"})
    assert [(m.phone, m.params) for m in sms.outbox] == [("13800138000", {"password": "x"})]


def test_default_settings_use_the_console_backend():
    from django.conf import settings

    assert settings.SMS["backend"] == "careers.core.sms.backends.ConsoleBackend"


@given(st.dictionaries(st.text(min_size=1, max_size=8).filter(lambda k: k != "Signature"), st.text(max_size=20), min_size=1, max_size=6))
def test_signature_matches_independent_implementation(params):
    """The production signer and the fake's (the documented recipe) agree on any text, incl. Chinese."""
    assert aliyun.sign(params, "k3y") == expected_signature(params, "k3y")


@given(st.text(alphabet="0123456789", min_size=7, max_size=15))
def test_mask_phone_hides_the_middle(phone):
    masked = sms.mask_phone(phone)
    assert len(masked) == len(phone) and masked[:3] == phone[:3] and masked[-4:] == phone[-4:]
    assert "*" * (len(phone) - 7) in masked
