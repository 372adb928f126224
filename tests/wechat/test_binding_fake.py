"""The fake WeChat's 模拟微信 (simulator.py) and, once the API client and official.py are in, scan binding and scan
login end to end against the fake server (the production code path: real client, signed/encrypted pushes)."""

import urllib.parse
import urllib.request

import pytest
from django.urls import NoReverseMatch, reverse
from wechatpy import parse_message

from careers.wechat.binding import actions
from careers.wechat.binding.models import QrPurpose, QrStatus, WechatBinding
from careers.wechat.callback.dispatch import dispatch
from careers.wechat.fake import official, simulator
from careers.wechat.fake.server import FakeWechat
from tests.factories import UserFactory
from tests.wechat.binding_support import event_xml


pytestmark = pytest.mark.usefixtures("fresh_rate_limits")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def bare_fake():
    with FakeWechat() as fake:
        yield fake


def test_simulator_home_and_oauth_approval(bare_fake):
    page = urllib.request.urlopen(bare_fake.url + "/_sim/?scene=ccb_abc").read().decode()
    assert "模拟微信" in page and 'value="ccb_abc"' in page
    openid = simulator.new_user(bare_fake, "小明")
    assert any(o == openid and n == "小明" for o, n, _ in simulator.users(bare_fake))
    form = urllib.parse.urlencode({"openid": openid, "redirect_uri": "http://testserver/wechat/oauth/callback/",
                                   "state": "S1"}).encode()
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as answer:
        opener.open(bare_fake.url + "/_sim/oauth", form)
    location = answer.value.headers["Location"]
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
    assert location.startswith("http://testserver/wechat/oauth/callback/?") and query["state"] == ["S1"]


def test_simulator_refuses_a_foreign_redirect_scheme(bare_fake):
    form = urllib.parse.urlencode({"nickname": "x", "redirect_uri": "javascript:alert(1)"}).encode()
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(bare_fake.url + "/_sim/oauth", form)
    assert answer.value.code == 400


@pytest.mark.django_db
def test_simulated_scan_subscribes_then_scans(bare_fake, bind_stub, monkeypatch):
    """simulator.scan → official.push_event (stood in here by parse + dispatch, as the callback would)."""
    pushed = []

    def push_event(fake, openid, event, **fields):
        pushed.append((event, fields["EventKey"]))
        return dispatch(parse_message(event_xml(openid, event, fields.get("EventKey", ""))))

    monkeypatch.setattr(official, "push_event", push_event, raising=False)
    monkeypatch.setattr(official, "add_user", None, raising=False)
    user = UserFactory()
    code = actions.open_code(QrPurpose.BIND, user)
    openid = simulator.new_user(bare_fake, "模拟管理员")
    reply = simulator.scan(bare_fake, openid, scene=code.scene)
    assert "绑定成功" in reply and WechatBinding.objects.get(user=user).openid == openid
    login = actions.open_code(QrPurpose.LOGIN)
    assert simulator.scan(bare_fake, openid, scene=login.scene).startswith("扫码成功")
    assert pushed == [("subscribe", "qrscene_" + code.scene), ("SCAN", login.scene)]
    login.refresh_from_db()
    assert (login.status, login.user) == (QrStatus.DONE, user)


def _callback_path():
    for name in ("wechat_site:callback", "wechat_site:wechat_callback"):
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return None


@pytest.mark.django_db
def test_scan_login_end_to_end_with_the_fake(client, fake_wechat):
    """Real client → fake /cgi-bin/qrcode/create; the fake's signed, encrypted push → our callback endpoint."""
    if not hasattr(official, "signed_push") or _callback_path() is None:
        pytest.skip("official.py's pushes and the callback endpoint land with the other areas")
    user = UserFactory()
    code = actions.open_code(QrPurpose.BIND, user)
    assert code.ticket and code.qr_url
    openid = "o_e2e_fake"

    def push(event, key):
        xml = official.event_xml(fake_wechat, openid, event, EventKey=key, Ticket=code.ticket)
        query, body = official.signed_push(fake_wechat, xml)
        return client.post(f"{_callback_path()}?{query}", body, content_type="text/xml")

    assert push("subscribe", "qrscene_" + code.scene).status_code == 200
    assert WechatBinding.objects.get(user=user).openid == openid

    client.get(reverse("wechat_site:scan_login"))
    login = actions.QrLogin.objects.filter(purpose=QrPurpose.LOGIN).latest("pk")
    query, body = official.signed_push(
        fake_wechat, official.event_xml(fake_wechat, openid, "SCAN", EventKey=login.scene, Ticket=login.ticket))
    assert client.post(f"{_callback_path()}?{query}", body, content_type="text/xml").status_code == 200
    assert client.get(reverse("accounts:provider_callback", args=["wechat"]))["Location"] == reverse("core:home")
    assert client.session["_auth_user_id"] == str(user.pk)
    login.refresh_from_db()
    assert login.status == QrStatus.USED
