"""`fake_wechat`: a running fake WeChat with 微信接入设置 configured to use it (settings point every base at it).
`wechat_push`: post a push (plaintext XML, e.g. official.event_xml(...)) to /wechat/callback/ through Django's test
client, signed and encrypted like WeChat; returns (response, the reply in plaintext or "")."""

import pytest

from careers.wechat.fake.server import FakeWechat

APP_ID = "wx1234567890abcdef"
APP_SECRET = "0123456789abcdef0123456789abcdef"
TOKEN = "careerstoken2026"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # 43 characters


def _forget_credentials():
    from careers.wechat.api.client import drop_credential

    for kind in ("token", "jsapi_ticket"):
        drop_credential(APP_ID, kind)


@pytest.fixture
def fake_wechat(settings, db):
    from careers.wechat.account.models import MessageMode, WechatAccount

    _forget_credentials()  # a token cached by an earlier test's fake means nothing to this one
    with FakeWechat(app_id=APP_ID, app_secret=APP_SECRET, token=TOKEN, encoding_aes_key=AES_KEY) as fake:
        settings.WECHAT_FAKE_URL = fake.url
        settings.WECHAT_API_BASE = fake.url + "/"
        settings.WECHAT_OPEN_BASE = fake.url + "/"
        settings.WECHAT_MP_BASE = fake.url + "/"
        settings.WECHATPAY_API_BASE = fake.url
        WechatAccount.objects.update_or_create(pk=1, defaults=dict(
            name="某某大学就业指导中心", original_id="gh_0123456789ab", app_id=APP_ID, app_secret=APP_SECRET,
            token=TOKEN, encoding_aes_key=AES_KEY, message_mode=MessageMode.SAFE, enabled=True))
        yield fake
    _forget_credentials()


@pytest.fixture
def wechat_push(client, fake_wechat):
    from careers.wechat.fake import official

    def push(xml):
        query, body = official.signed_push(fake_wechat, xml)
        response = client.post(f"/wechat/callback/?{query}", data=body, content_type="text/xml")
        reply = response.content if response.status_code == 200 and response.content != b"success" else b""
        return response, official.decrypt_reply(fake_wechat, reply) if reply else ""

    return push


# -- binding area: the stub official-account client and fresh rate-limit counters ---------------------------------
@pytest.fixture
def bind_stub(monkeypatch):
    """careers.wechat.api.client.api() answers with tests.wechat.binding_support.StubClient."""
    from careers.wechat.api import client as module
    from tests.wechat.binding_support import StubClient

    stub = StubClient()
    monkeypatch.setattr(module, "api", lambda: stub)
    return stub


@pytest.fixture
def fresh_rate_limits():
    """Rate-limit counters live in the cache for a minute: the test starts with none (the limit tests fill them)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def wechat(fake_wechat, monkeypatch, settings):
    """The fake WeChat ready for the WeChat channel: the demo-style templates, its followers, a generous send rate."""
    from careers.wechat.template_messages import channel as wechat_channel

    from .batch_support import install_client, install_render, prepare_fake

    prepare_fake(fake_wechat)
    install_client(monkeypatch)
    install_render(monkeypatch)
    settings.MESSAGE_RATE_LIMITS = {**settings.MESSAGE_RATE_LIMITS, "wechat": 1000}
    wechat_channel.clear_quota_pause()
    yield fake_wechat
    wechat_channel.clear_quota_pause()


@pytest.fixture(autouse=True)
def real_wechat_channel():
    """A test that swaps the "wechat" messaging channel for a stand-in must not leave this worker without the real
    one: put it back after every test here."""
    yield
    from careers.core.messaging import get_channel, register_channel
    from careers.wechat.template_messages.channel import WechatChannel

    if not isinstance(get_channel("wechat"), WechatChannel):
        register_channel("wechat", WechatChannel)
