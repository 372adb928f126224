"""Binding by 网页授权 inside WeChat: the signed state (this account, this session, 10 minutes), tampering,
expiry, the code exchange and the conflict rules."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.urls import reverse

from careers.wechat.binding import actions, pages
from careers.wechat.binding.models import BindingSource, WechatBinding
from tests.factories import UserFactory
from tests.wechat.binding_support import employer_user, student_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]
CALLBACK = reverse("wechat_site:oauth_callback")


def start(client, name="wechat_portal:oauth"):
    response = client.get(reverse(name))
    query = parse_qs(urlsplit(response["Location"]).query)
    assert query["redirect_uri"] == ["http://testserver" + CALLBACK] and query["scope"] == ["snsapi_base"]
    assert len(query["state"][0]) <= 128  # WeChat's limit
    return query["state"][0]


def test_student_binds_by_oauth(client, bind_stub):
    user = student_user()
    client.force_login(user)
    state = start(client)
    bind_stub.codes["CODE1"] = "o_oauth_1"
    response = client.get(CALLBACK, {"code": "CODE1", "state": state})
    assert response["Location"] == reverse("wechat_portal:bind")
    binding = WechatBinding.objects.get(user=user)
    assert (binding.openid, binding.source) == ("o_oauth_1", BindingSource.OAUTH)
    # the state was single use
    bind_stub.codes["CODE2"] = "o_oauth_1"
    client.get(CALLBACK, {"code": "CODE2", "state": state})
    assert "CODE2" in bind_stub.codes  # refused before exchanging the code


def test_employer_and_admin_start_too(client, bind_stub):
    client.force_login(employer_user())
    start(client, "wechat_company:oauth")
    client.force_login(UserFactory())
    start(client, "wechat:binding_mine_oauth")


@pytest.mark.parametrize("tamper", ["forged", "other_user", "other_session", "expired"])
def test_bad_state_is_refused(client, bind_stub, tamper, monkeypatch):
    user = student_user()
    client.force_login(user)
    state = start(client)
    if tamper == "forged":
        state = state[:-2] + ("AA" if not state.endswith("AA") else "BB")
    elif tamper == "other_user":
        nonce = client.session[pages.OAUTH_SESSION_KEY]
        state = signing.dumps({"u": user.pk + 1000, "n": nonce}, salt=pages.OAUTH_SALT, compress=True)
    elif tamper == "other_session":
        client.force_login(user)  # a fresh session: its own nonce is gone
        session = client.session
        session.pop(pages.OAUTH_SESSION_KEY, None)
        session.save()
    elif tamper == "expired":
        real = time.time
        monkeypatch.setattr(time, "time", lambda: real() + pages.OAUTH_MAX_AGE + 5)
    bind_stub.codes["C"] = "o_bad"
    response = client.get(CALLBACK, {"code": "C", "state": state})
    assert response["Location"] == reverse("wechat_portal:bind")
    assert not WechatBinding.objects.exists()


def test_oauth_conflict_is_refused(client, bind_stub):
    actions.bind(UserFactory(), "o_taken_oauth", source=BindingSource.QR)
    user = student_user()
    client.force_login(user)
    state = start(client)
    bind_stub.codes["C"] = "o_taken_oauth"
    response = client.get(CALLBACK, {"code": "C", "state": state}, follow=True)
    assert actions.OPENID_TAKEN in response.content.decode()
    assert not WechatBinding.objects.filter(user=user).exists()


def test_callback_needs_login_and_a_code(client, bind_stub):
    assert client.get(CALLBACK)["Location"].startswith(reverse("accounts:login"))
    user = student_user()
    client.force_login(user)
    state = start(client)
    response = client.get(CALLBACK, {"state": state}, follow=True)
    assert "没有同意微信授权" in response.content.decode()
