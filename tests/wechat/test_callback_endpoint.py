"""/wechat/callback/: URL verification, signatures (good, bad, missing, stale), the three message modes, unsafe XML
(XXE, billion laughs), retries dropped by their receipt, replies (encrypted in safe mode), arbitrary bytes."""

import time
import urllib.parse

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st
from wechatpy.replies import ArticlesReply

from careers.wechat.account.models import CallbackReceipt, MessageMode, WechatAccount
from careers.wechat.callback import dispatch as dispatch_module
from careers.wechat.callback.tasks import purge_receipts
from careers.wechat.fake import official

URL = "/wechat/callback/"


@pytest.fixture
def handlers(monkeypatch):
    """Replace the registered handlers with the test's own (restored afterwards)."""
    from collections import defaultdict

    monkeypatch.setattr(dispatch_module, "_events", defaultdict(list))
    monkeypatch.setattr(dispatch_module, "_messages", defaultdict(list))
    return dispatch_module


def post(client, fake, xml, **kwargs):
    query, body = official.signed_push(fake, xml, **kwargs)
    return client.post(f"{URL}?{query}", data=body, content_type="text/xml")


def set_mode(fake, mode):
    WechatAccount.objects.filter(pk=1).update(message_mode=mode)
    fake.message_mode = mode


def test_route_name():
    assert reverse("wechat_site:callback") == URL


def test_url_verification(client, fake_wechat):
    ts, nonce = str(int(time.time())), "12345"
    sig = official.sha1_signature(fake_wechat.token, ts, nonce)
    ok = client.get(URL, {"signature": sig, "timestamp": ts, "nonce": nonce, "echostr": "hello123"})
    assert ok.status_code == 200 and ok.content == b"hello123"
    bad = client.get(URL, {"signature": "0" * 40, "timestamp": ts, "nonce": nonce, "echostr": "hello123"})
    assert bad.status_code == 403 and b"hello123" not in bad.content


@pytest.mark.parametrize("mode", [MessageMode.PLAIN, MessageMode.COMPATIBLE, MessageMode.SAFE])
def test_three_modes_text_reply(client, fake_wechat, handlers, mode):
    set_mode(fake_wechat, mode)
    seen = []

    @handlers.on_message("text")
    def echo(msg):
        seen.append(msg.content)
        return f"你说：{msg.content}"

    openid = fake_wechat.add_user("张三")
    response = post(client, fake_wechat, official.text_xml(fake_wechat, openid, "招聘会"))
    assert response.status_code == 200
    encrypted = b"<Encrypt>" in response.content
    assert encrypted == (mode != MessageMode.PLAIN)
    reply = official.decrypt_reply(fake_wechat, response.content)
    assert "你说：招聘会" in reply and f"<ToUserName><![CDATA[{openid}]]>" in reply
    assert seen == ["招聘会"]


def test_event_reply_object_and_no_reply(client, fake_wechat, handlers):
    @handlers.on_event("click")
    def articles(msg):
        reply = ArticlesReply(message=msg)
        reply.add_article({"title": "招聘信息", "description": "", "image": "", "url": "https://e/jobs/"})
        return reply

    openid = fake_wechat.add_user("李四")
    response = post(client, fake_wechat, official.event_xml(fake_wechat, openid, "CLICK", EventKey="JOBS"))
    assert "<ArticleCount>1</ArticleCount>" in official.decrypt_reply(fake_wechat, response.content)
    response = post(client, fake_wechat, official.event_xml(fake_wechat, openid, "VIEW", EventKey="https://e/"))
    assert response.status_code == 200 and response.content == b"success"


def test_signature_failures(client, fake_wechat, handlers):
    ran = []
    handlers.on_message("text")(lambda msg: ran.append(1))
    openid = fake_wechat.add_user("王五")
    xml = official.text_xml(fake_wechat, openid, "hi")
    query, body = official.signed_push(fake_wechat, xml)
    params = dict(urllib.parse.parse_qsl(query))
    for broken in ({**params, "signature": "0" * 40}, {**params, "msg_signature": "0" * 40},
                   {k: v for k, v in params.items() if k != "signature"},
                   {k: v for k, v in params.items() if k != "msg_signature"}):
        response = client.post(f"{URL}?{urllib.parse.urlencode(broken)}", data=body, content_type="text/xml")
        assert response.status_code == 403
    stale_query, stale_body = official.signed_push(fake_wechat, xml, timestamp=time.time() - 301)
    assert client.post(f"{URL}?{stale_query}", data=stale_body, content_type="text/xml").status_code == 403
    future_query, future_body = official.signed_push(fake_wechat, xml, timestamp=time.time() + 400)
    assert client.post(f"{URL}?{future_query}", data=future_body, content_type="text/xml").status_code == 403
    # safe mode refuses a plaintext push even when its plain signature is right
    plain_query, plain_body = official.signed_push(fake_wechat, xml, mode="plain")
    assert client.post(f"{URL}?{plain_query}", data=plain_body, content_type="text/xml").status_code == 403
    assert ran == [] and not CallbackReceipt.objects.exists()


def test_refusals_are_logged(client, fake_wechat, caplog):
    client.post(URL, data=b"<xml/>", content_type="text/xml")
    assert any("refused" in r.getMessage() and "missing signature" in r.getMessage() for r in caplog.records)


def test_not_configured_is_refused(client, db):
    assert client.post(URL, data=b"<xml/>", content_type="text/xml").status_code == 403


XXE = """<?xml version="1.0"?>
<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime>
<MsgType>text</MsgType><Content>&xxe;</Content><MsgId>1</MsgId></xml>"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>1</CreateTime>
<MsgType>text</MsgType><Content>&lol9;</Content><MsgId>2</MsgId></xml>"""


@pytest.mark.parametrize("mode", [MessageMode.PLAIN, MessageMode.SAFE])
@pytest.mark.parametrize("payload", [XXE, LAUGHS], ids=["xxe", "billion-laughs"])
def test_unsafe_xml_refused(client, fake_wechat, handlers, monkeypatch, mode, payload):
    set_mode(fake_wechat, mode)
    ran = []
    handlers.on_message("text")(lambda msg: ran.append(msg.content))
    opened = []
    real_open = open

    def spy_open(path, *args, **kwargs):
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr("builtins.open", spy_open)
    response = post(client, fake_wechat, payload)
    assert response.status_code == 400
    assert ran == [] and "/etc/passwd" not in opened and b"root:" not in response.content


def test_duplicate_msgid_runs_handler_once(client, fake_wechat, handlers):
    ran = []
    handlers.on_message("text")(lambda msg: ran.append(msg.id) or "收到")
    openid = fake_wechat.add_user("赵六")
    xml = official.text_xml(fake_wechat, openid, "重复", msg_id=987654321)
    first = post(client, fake_wechat, xml)
    retry = post(client, fake_wechat, xml)  # WeChat re-signs each retry with a new nonce
    assert "收到" in official.decrypt_reply(fake_wechat, first.content)
    assert retry.status_code == 200 and retry.content == b"success"
    assert ran == [987654321] and CallbackReceipt.objects.count() == 1


def test_duplicate_event_by_sender_and_time(client, fake_wechat, handlers):
    ran = []
    handlers.on_event("subscribe")(lambda msg: ran.append(msg.source))
    openid = fake_wechat.add_user("孙七")
    xml = official.event_xml(fake_wechat, openid, "subscribe", create_time=1_800_000_000)
    for _ in range(3):
        assert post(client, fake_wechat, xml).status_code == 200
    other_second = official.event_xml(fake_wechat, openid, "subscribe", create_time=1_800_000_001)
    post(client, fake_wechat, other_second)
    assert ran == [openid, openid]


def test_failing_handler_still_answers_and_others_run(client, fake_wechat, handlers):
    def broken(msg):
        raise RuntimeError("boom")

    handlers.on_message("text", priority=10)(broken)
    handlers.on_message("text", priority=20)(lambda msg: "备用回复")
    openid = fake_wechat.add_user("周八")
    response = post(client, fake_wechat, official.text_xml(fake_wechat, openid, "x"))
    assert "备用回复" in official.decrypt_reply(fake_wechat, response.content)


def test_template_result_event_from_the_outbox(client, fake_wechat, handlers):
    from careers.wechat.api.client import api

    seen = []
    handlers.on_event("templatesendjobfinish")(lambda msg: seen.append((msg.id, msg.status)))
    openid = fake_wechat.add_user("吴九")
    msgid = api().send_template(openid, "TPL", {"first": {"value": "x"}})
    query, body = fake_wechat.outbox.pop()
    assert client.post(f"{URL}?{query}", data=body, content_type="text/xml").status_code == 200
    assert seen == [(msgid, "success")]


def test_purge_old_receipts(db):
    from datetime import timedelta

    from django.utils import timezone

    old = CallbackReceipt.objects.create(key="msg:1")
    CallbackReceipt.objects.filter(pk=old.pk).update(received_at=timezone.now() - timedelta(days=4))
    CallbackReceipt.objects.create(key="msg:2")
    assert purge_receipts() == 1
    assert list(CallbackReceipt.objects.values_list("key", flat=True)) == ["msg:2"]


@hsettings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=2000), signed=st.booleans(), encrypted=st.booleans())
def test_arbitrary_bytes_never_5xx(client, fake_wechat, body, signed, encrypted):
    ts, nonce = str(int(time.time())), "42"
    params = {}
    if signed:
        params = {"signature": official.sha1_signature(fake_wechat.token, ts, nonce), "timestamp": ts, "nonce": nonce}
        if encrypted:
            params.update(encrypt_type="aes", msg_signature=official.sha1_signature(
                fake_wechat.token, ts, nonce, body.decode("latin-1")))
    response = client.post(f"{URL}?{urllib.parse.urlencode(params)}", data=body, content_type="text/xml")
    assert response.status_code < 500


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(inner=st.binary(max_size=600) | st.text(max_size=300).map(str.encode))
def test_arbitrary_encrypted_plaintext_never_5xx(client, fake_wechat, inner):
    """A correctly signed and encrypted push whose plaintext is garbage: refused, never a server error."""
    set_mode(fake_wechat, MessageMode.SAFE)
    encrypted = official.aes_encrypt(fake_wechat, inner.decode("utf-8", "replace"))
    ts, nonce = str(int(time.time())), "7"
    params = {"signature": official.sha1_signature(fake_wechat.token, ts, nonce), "timestamp": ts, "nonce": nonce,
              "encrypt_type": "aes", "msg_signature": official.sha1_signature(fake_wechat.token, ts, nonce, encrypted)}
    body = f"<xml><ToUserName>gh</ToUserName><Encrypt>{encrypted}</Encrypt></xml>".encode()
    response = client.post(f"{URL}?{urllib.parse.urlencode(params)}", data=body, content_type="text/xml")
    assert response.status_code < 500
