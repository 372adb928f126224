"""`fake_wechat`: a running fake WeChat with 微信接入设置 configured to use it (settings point every base at it)."""

import pytest

from careers.wechat.fake.server import FakeWechat

APP_ID = "wx1234567890abcdef"
APP_SECRET = "0123456789abcdef0123456789abcdef"
TOKEN = "careerstoken2026"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # 43 characters


@pytest.fixture
def fake_wechat(settings, db):
    from careers.wechat.account.models import MessageMode, WechatAccount

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
