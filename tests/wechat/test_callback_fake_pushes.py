"""The fake WeChat's pushes end to end: over HTTP to a live site (text reply; the template-send result event arriving
on its own), QR scans (subscribe with the scene for a new follower, SCAN for a follower), the OAuth hook."""

import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from careers.wechat.api.client import api
from careers.wechat.callback import dispatch as dispatch_module
from careers.wechat.fake import official


@pytest.fixture
def handlers(monkeypatch):
    from collections import defaultdict

    monkeypatch.setattr(dispatch_module, "_events", defaultdict(list))
    monkeypatch.setattr(dispatch_module, "_messages", defaultdict(list))
    return dispatch_module


@pytest.mark.django_db(transaction=True)
def test_live_push_and_template_result_event(live_server, code_tables, fake_wechat, handlers):
    fake_wechat.callback_url = live_server.url + "/wechat/callback/"
    seen = []
    handlers.on_event("templatesendjobfinish")(lambda msg: seen.append((msg.id, msg.status)))
    handlers.on_message("text")(lambda msg: "收到：" + msg.content)
    openid = fake_wechat.add_user("张三")
    assert "收到：宣讲会" in official.push_text(fake_wechat, openid, "宣讲会")
    msgid = api().send_template(openid, "TPL", {"first": {"value": "报名成功"}})
    deadline = time.time() + 10
    while not seen and time.time() < deadline:
        time.sleep(0.05)
    assert seen == [(msgid, "success")] and not fake_wechat.push_errors


def test_scan_new_follower_and_follower(wechat_push, fake_wechat, handlers, settings):
    fake_wechat.callback_url = ""  # pushes go to the outbox; posted through the test client below
    events = []
    handlers.on_event("subscribe_scan", "scan")(lambda msg: events.append((msg.event, msg.scene_id)) or "已绑定")
    code = api().create_temp_qrcode("bind:42", 300)
    newcomer = fake_wechat.add_user("新用户", subscribed=False)
    official.scan(fake_wechat, newcomer, code["url"])
    follower = fake_wechat.add_user("老用户")
    official.scan(fake_wechat, follower, code["ticket"])
    replies = [wechat_push(_plain(fake_wechat, q, body))[1]
               for q, body in fake_wechat.outbox]
    assert events == [("subscribe_scan", "bind:42"), ("scan", "bind:42")]
    assert all("已绑定" in reply for reply in replies)
    assert fake_wechat.state["official"]["users"][newcomer]["subscribed"]
    assert api().user_info(newcomer)["qr_scene_str"] == "bind:42"


def _plain(fake, query, body):
    """The plaintext XML inside an outbox push (to re-post it through wechat_push)."""
    tag = body.decode().split("<Encrypt><![CDATA[", 1)[1].split("]]>", 1)[0]
    return official.aes_decrypt(fake, tag)


def test_expired_qr_pushes_nothing(fake_wechat, monkeypatch):
    code = api().create_temp_qrcode("login:1", 60)
    user = fake_wechat.add_user("迟到的人")
    fake_wechat.state["official"]["qrcodes"][code["ticket"]]["expires_at"] = time.time() - 1
    assert official.scan(fake_wechat, user, code["ticket"]) is None and fake_wechat.outbox == []


def test_oauth_hook_decides(fake_wechat):
    chosen = fake_wechat.add_user("被选中的人")

    def hook(fake, request):
        return official.oauth_redirect(fake, request.query["redirect_uri"], request.query.get("state", ""), chosen)

    fake_wechat.state["oauth_authorize"] = hook
    url = api().oauth_authorize_url("http://testserver/back/", "st").split("#")[0]

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    with pytest.raises(urllib.error.HTTPError) as redirect:
        urllib.request.build_opener(NoRedirect).open(url)
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(redirect.value.headers["Location"]).query))
    assert api().oauth_exchange(query["code"])["openid"] == chosen


def test_oauth_code_expires(fake_wechat):
    user = fake_wechat.add_user("慢吞吞")
    code = official.issue_oauth_code(fake_wechat, user)
    openid, _ = fake_wechat.state["official"]["oauth_codes"][code]
    fake_wechat.state["official"]["oauth_codes"][code] = (openid, time.time() - 1)
    from careers.wechat.api.client import WechatError

    with pytest.raises(WechatError) as err:
        api().oauth_exchange(code)
    assert err.value.code == 40163
