# ruff: noqa: F811  (pytest fixtures imported from tests/wechat/pay_support.py)
"""微信商户设置: validation (32-character APIv3 key, a private key that loads, public key with its ID), write-only
keys, permissions (school admins change; others read or are refused), logging, and 测试支付 end to end against
the fake (QR, the fake's payer page, the notification over HTTP, the polling status)."""

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from careers.core.models import OperationLog
from careers.wechat.fake.pay_demo_keys import DEMO_API_V3_KEY, DEMO_MERCHANT_PRIVATE_KEY
from careers.wechat.pay.models import MerchantSettings, PayState, PayTransaction
from tests.factories import SchoolAdminFactory, UserFactory
from tests.wechat.pay_support import merchant  # noqa: F401

pytestmark = pytest.mark.django_db
URL = reverse("wechat:merchantsettings_edit")


BOTH = ["wechat.merchantsettings.view", "wechat.merchantsettings.change"]


def user_with(codes, factory=SchoolAdminFactory):
    user = factory()
    user.set_permissions(codes)
    user.save()
    return user


@pytest.fixture
def admin_client(client):
    client.force_login(user_with(BOTH))
    return client


def form(**overrides):
    return {"mch_id": "1900000109", "api_v3_key": DEMO_API_V3_KEY, "cert_serial_no": "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
            "private_key": DEMO_MERCHANT_PRIVATE_KEY, "platform_public_key": "", "platform_public_key_id": "",
            "enabled": "on", **overrides}


def test_save_encrypts_and_never_shows_the_keys(admin_client):
    response = admin_client.post(URL, form())
    assert response.status_code == 302, response.content.decode()[:3000]
    m = MerchantSettings.objects.get(pk=1)
    assert m.api_v3_key == DEMO_API_V3_KEY and m.private_key.startswith("-----BEGIN PRIVATE KEY-----")
    from django.db import connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT api_v3_key, private_key FROM wechat_merchantsettings WHERE id = 1")
        raw = cursor.fetchone()
    assert DEMO_API_V3_KEY not in raw[0] and "PRIVATE KEY" not in raw[1]
    page = admin_client.get(URL).content.decode()
    assert DEMO_API_V3_KEY not in page and "PRIVATE KEY-----\nMII" not in page and "已保存" in page
    assert 'id="pay-directory"' in page and "/company/wechat/pay/jsapi/" in page and "/wxpay/notify/" in page
    log = OperationLog.objects.get(module="微信管理", action="change")
    assert log.changes["APIv3密钥"] == "已更新" and DEMO_API_V3_KEY not in str(log.changes)
    # blank keys keep the stored ones
    assert admin_client.post(URL, form(api_v3_key="", private_key="", mch_id="1900000110")).status_code == 302
    m.refresh_from_db()
    assert m.mch_id == "1900000110" and m.api_v3_key == DEMO_API_V3_KEY and m.private_key


@pytest.mark.parametrize("field,value,message", [
    ("api_v3_key", "short", "必须正好 32 个字符（当前 5 个）"),
    ("api_v3_key", "x" * 33, "必须正好 32 个字符"),
    ("private_key", "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----", "私钥无法读取"),
    ("mch_id", "abc", "商户号应为 8 到 12 位数字"),
    ("cert_serial_no", "XYZ!", "十六进制"),
    ("platform_public_key", "garbage", "微信支付公钥无法读取"),
])
def test_validation(admin_client, field, value, message):
    response = admin_client.post(URL, form(**{field: value}))
    assert response.status_code == 400 and message in response.content.decode()
    assert not MerchantSettings.objects.exists()


def test_small_rsa_key_and_enable_without_keys_refused(admin_client):
    small = rsa.generate_private_key(public_exponent=65537, key_size=1024).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption())
    assert "2048 位" in admin_client.post(URL, form(private_key=small.decode())).content.decode()
    response = admin_client.post(URL, form(api_v3_key="", private_key=""))
    assert response.status_code == 400 and "启用微信支付前请填写APIv3密钥、商户API证书私钥" in response.content.decode()


def test_pem_upload(admin_client):
    upload = SimpleUploadedFile("apiclient_key.pem", DEMO_MERCHANT_PRIVATE_KEY.encode(), content_type="text/plain")
    assert admin_client.post(URL, {**form(private_key=""), "private_key_file": upload}).status_code == 302
    assert MerchantSettings.objects.get(pk=1).private_key.strip() == DEMO_MERCHANT_PRIVATE_KEY.strip()
    bad = SimpleUploadedFile("apiclient_key.pem", b"\x89PNG\r\n", content_type="image/png")
    response = admin_client.post(URL, {**form(private_key=""), "private_key_file": bad})
    assert response.status_code == 400 and "私钥文件" in response.content.decode()


def test_permissions(client):
    from tests.factories import EmployerFactory

    assert client.get(URL).status_code == 302  # login
    client.force_login(user_with([]))
    assert client.get(URL).status_code == 403
    client.force_login(user_with(["wechat.merchantsettings.view"]))
    page = client.get(URL)
    assert page.status_code == 200 and 'id="merchant-readonly"' in page.content.decode()
    assert client.post(URL, form()).status_code == 403
    assert client.post(reverse("wechat:pay_test")).status_code == 403
    client.force_login(user_with(BOTH, UserFactory))  # a college admin
    assert client.post(URL, form()).status_code == 403
    client.force_login(EmployerFactory(admitted=True).user)
    assert client.get(URL).status_code == 403
    assert not MerchantSettings.objects.exists()


def test_test_payment_end_to_end(admin_client, merchant, live_server, settings):
    """测试支付: a 0.10-yuan Native order, its QR, paid in the fake's payer page, notified over HTTP, polled."""
    import urllib.request

    settings.SITE_URL = live_server.url
    response = admin_client.post(reverse("wechat:pay_test"))
    tx = PayTransaction.objects.get(is_test=True)
    assert response.status_code == 302 and response["Location"] == reverse("wechat:pay_test_detail", args=[tx.pk])
    assert tx.amount_fen == 10 and tx.trade_type == "NATIVE" and tx.order is None
    page = admin_client.get(response["Location"]).content.decode()
    assert 'id="test-qr"' in page and "<svg" in page and f"/_sim/pay/{tx.out_trade_no}" in page
    assert "等待支付" in admin_client.get(reverse("wechat:pay_test_status", args=[tx.pk])).content.decode()
    sim = urllib.request.urlopen(f"{merchant.url}/_sim/pay/{tx.out_trade_no}").read().decode()
    assert "确认支付" in sim and "¥0.10" in sim
    done = urllib.request.urlopen(urllib.request.Request(f"{merchant.url}/_sim/pay/{tx.out_trade_no}", data=b"",
                                                         method="POST")).read().decode()
    assert "商户已确认收到通知" in done
    tx.refresh_from_db()
    assert tx.state == PayState.SUCCESS
    assert "支付成功" in admin_client.get(reverse("wechat:pay_test_status", args=[tx.pk])).content.decode()
    assert OperationLog.objects.filter(module="微信管理", action="test_payment").exists()
    assert OperationLog.objects.filter(module="微信支付", action="test_paid").exists()


def test_test_payment_with_wrong_api_key_fails_clearly(admin_client, merchant):
    MerchantSettings.objects.filter(pk=1).update(api_v3_key="Z" * 32)
    from careers.wechat.pay import client as pay_client
    pay_client._cache.clear()
    response = admin_client.post(reverse("wechat:pay_test"), follow=True)
    assert "无法获取微信支付平台证书" in response.content.decode()
    assert not PayTransaction.objects.exists()


def test_public_key_mode(merchant, settings):
    """With 微信支付公钥 + ID no certificate download; answers signed by that key are verified."""
    from careers.wechat.pay.client import pay_client

    platform = merchant.pay_platform
    MerchantSettings.objects.filter(pk=1).update(platform_public_key=platform["public_pem"],
                                                 platform_public_key_id=platform["serial"])
    client = pay_client()
    assert client._core._public_key is not None and not client._core._certificates
