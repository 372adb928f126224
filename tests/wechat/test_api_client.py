"""The official-account client against the fake WeChat: token caching, refresh on token errors, the refresh lock,
error mapping, and every call of the documented interface."""

import threading
import time
import urllib.parse
import urllib.request

import pytest
from django.core.cache import cache

from careers.wechat.api import client as client_module
from careers.wechat.api.client import WechatError, api, cached_credential


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def token_fetches(fake):
    return sum(1 for method, path in fake.requests if path == "/cgi-bin/token")


def test_not_configured(db):
    with pytest.raises(WechatError) as err:
        api()
    assert err.value.code == "not_configured" and err.value.permanent


def test_one_token_fetch_for_many_calls_and_template_send(fake_wechat):
    openid = fake_wechat.add_user("张三")
    for _ in range(5):
        msgid = api().send_template(openid, "TPL-REVIEW-0001", {"first": {"value": "审核通过"}}, url="https://x/y")
        assert msgid > 0
    assert token_fetches(fake_wechat) == 1
    sent = fake_wechat.sent_templates
    assert len(sent) == 5 and sent[0]["touser"] == openid and sent[0]["url"] == "https://x/y"
    # no callback_url: the TEMPLATESENDJOBFINISH events wait in the outbox, signed and encrypted
    assert len(fake_wechat.outbox) == 5 and b"<Encrypt>" in fake_wechat.outbox[0][1]


def test_token_rejected_mid_use_is_refreshed_once(fake_wechat):
    openid = fake_wechat.add_user("李四")
    client = api()
    client.user_info(openid)
    fake_wechat.expire_tokens()  # 42001 from now on
    assert client.user_info(openid)["nickname"] == "李四"
    assert token_fetches(fake_wechat) == 2
    fake_wechat.fail_next("/cgi-bin/user/info", errcode=40001)
    assert client.user_info(openid)["subscribe"] == 1
    assert token_fetches(fake_wechat) == 3
    # a second rejection in a row is not retried forever
    fake_wechat.fail_next("/cgi-bin/user/info", errcode=40001, times=2)
    with pytest.raises(WechatError) as err:
        client.user_info(openid)
    assert err.value.code == 40001


def test_token_refreshed_before_expiry(fake_wechat, monkeypatch):
    client = api()
    first = client.access_token()
    real = time.time
    monkeypatch.setattr(client_module.time, "time", lambda: real() + 7200 - 200)  # inside the 5-minute margin
    second = client.access_token()
    assert second != first and token_fetches(fake_wechat) == 2


def test_concurrent_refreshes_fetch_once(fake_wechat):
    calls = []
    started = threading.Barrier(8)

    def slow_fetch():
        calls.append(1)
        time.sleep(0.3)
        return "the-token", 7200

    results = []

    def worker():
        started.wait()
        results.append(cached_credential("wxlock", "token", slow_fetch))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and results == ["the-token"] * 8


@pytest.mark.parametrize("errcode, permanent", [(40003, True), (43004, True), (43101, True), (40037, True),
                                                (45009, False), (-1, False)])
def test_error_mapping(fake_wechat, errcode, permanent):
    openid = fake_wechat.add_user("王五")
    fake_wechat.fail_next("/cgi-bin/message/template/send", errcode=errcode)
    with pytest.raises(WechatError) as err:
        api().send_template(openid, "TPL", {})
    assert err.value.code == errcode and err.value.permanent is permanent
    assert f"错误码 {errcode}" in str(err.value)


def test_http_5xx_and_real_fake_errors(fake_wechat):
    openid = fake_wechat.add_user("赵六")
    fake_wechat.fail_next("/cgi-bin/message/template/send", http_status=503)
    with pytest.raises(WechatError) as err:
        api().send_template(openid, "TPL", {})
    assert err.value.code == "http_503" and not err.value.permanent
    with pytest.raises(WechatError) as err:
        api().send_template("o-unknown", "TPL", {})
    assert err.value.code == 40003 and err.value.permanent
    gone = fake_wechat.add_user("已取关", subscribed=False)
    with pytest.raises(WechatError) as err:
        api().send_template(gone, "TPL", {})
    assert err.value.code == 43004
    fake_wechat.add_template("TPL-KNOWN")
    with pytest.raises(WechatError) as err:
        api().send_template(openid, "TPL-OTHER", {})
    assert err.value.code == 40037
    fake_wechat.state["official"]["quota_per_day"] = 0
    with pytest.raises(WechatError) as err:
        api().send_template(openid, "TPL-KNOWN", {})
    assert err.value.code == 45009 and not err.value.permanent


def test_bad_secret(fake_wechat):
    from careers.wechat.account.models import WechatAccount

    WechatAccount.objects.filter(pk=1).update(app_id="wxwrong")
    with pytest.raises(WechatError) as err:
        api().access_token()
    assert err.value.code == 40013 and err.value.permanent


def test_network_error(fake_wechat, settings):
    settings.WECHAT_API_BASE = "http://127.0.0.1:9/"
    with pytest.raises(WechatError) as err:
        api().access_token()
    assert err.value.code == "network" and not err.value.permanent


def test_qrcode_menu_oauth_jsapi(fake_wechat):
    client = api()
    code = client.create_temp_qrcode("bind:abc", 600)
    assert code["expire_seconds"] == 600 and code["ticket"]
    image = urllib.request.urlopen(client.qrcode_image_url(code["ticket"])).read()
    assert image.startswith(b"\x89PNG")
    menu = [{"type": "view", "name": "招聘信息", "url": "https://example.edu.cn/jobs/"}]
    client.create_menu(menu)
    assert client.get_menu()["menu"]["button"] == menu
    with pytest.raises(WechatError) as err:
        client.create_menu([{"type": "view", "name": str(i), "url": "https://e/"} for i in range(4)])
    assert err.value.code == 40016
    with pytest.raises(WechatError) as err:
        client.create_menu([{"name": "我的", "sub_button": [{"type": "click", "name": str(i), "key": "k"}
                                                          for i in range(6)]}])
    assert err.value.code == 40017
    with pytest.raises(WechatError) as err:
        client.create_menu([{"type": "click", "name": "一二三四五六", "key": "k"}])  # 18 bytes
    assert err.value.code == 40018
    client.delete_menu()
    assert client.get_menu() is None
    openid = fake_wechat.add_user("OAuth 用户")
    url = client.oauth_authorize_url("http://testserver/wechat/oauth/back/", "s1")
    assert url.startswith(fake_wechat.url + "/connect/oauth2/authorize?appid=")

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as redirect:
        opener.open(url.split("#")[0])
    location = redirect.value.headers["Location"]
    params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))
    assert params["state"] == "s1"
    assert client.oauth_exchange(params["code"])["openid"] == openid
    with pytest.raises(WechatError) as err:  # single use
        client.oauth_exchange(params["code"])
    assert err.value.code == 40029
    config = client.jsapi_config("https://example.edu.cn/me/#top")
    assert set(config) == {"appId", "timestamp", "nonceStr", "signature"} and len(config["signature"]) == 40
    client.jsapi_config("https://example.edu.cn/me/")
    assert sum(1 for _, path in fake_wechat.requests if path == "/cgi-bin/ticket/getticket") == 1
