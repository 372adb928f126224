"""Signing in inside WeChat by 网页授权: a bound account is signed in once per code through the scan-login provider;
a forged or replayed state, a refused authorisation and an unbound WeChat sign nobody in."""

import urllib.parse

import pytest
from django.urls import reverse

from careers.core.models import OperationLog
from careers.wechat.binding.models import BindingSource, WechatBinding
from careers.wechat.fake import official
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
WECHAT_UA = "Mozilla/5.0 (iPhone) AppleWebKit/605.1.15 Mobile/15E148 MicroMessenger/8.0.50 NetType/WIFI"


def start(client):
    response = client.get(reverse("wechat_site:oauth_login"))
    assert response.status_code == 302
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(response["Location"]).query))
    assert query["scope"] == "snsapi_base" and query["redirect_uri"].endswith(reverse("wechat_site:oauth_login_callback"))
    return query["state"]


def come_back(client, fake, openid, state):
    code = official.issue_oauth_code(fake, openid)
    return client.get(reverse("wechat_site:oauth_login_callback"), {"code": code, "state": state})


def test_bound_user_is_signed_in_once(client, fake_wechat):
    user = UserFactory()
    WechatBinding.objects.create(user=user, openid="o_inside_wechat", source=BindingSource.OAUTH)
    state = start(client)
    response = come_back(client, fake_wechat, "o_inside_wechat", state)
    assert response["Location"] == reverse("accounts:provider_callback", args=["wechat"])
    client.get(response["Location"])
    assert client.session["_auth_user_id"] == str(user.pk)
    assert OperationLog.objects.filter(user=user, action="login").exists()
    client.logout()
    # the same state again (replayed link): refused, nobody signed in
    response = come_back(client, fake_wechat, "o_inside_wechat", state)
    assert response["Location"] == reverse("accounts:login") and "_auth_user_id" not in client.session


def test_unbound_forged_or_refused_sign_nobody_in(client, fake_wechat):
    state = start(client)
    response = come_back(client, fake_wechat, "o_nobody", state)
    assert response["Location"] == reverse("accounts:login")
    page = client.get(response["Location"]).content.decode()
    assert "尚未绑定账号" in page
    start(client)
    assert come_back(client, fake_wechat, "o_nobody", "forged")["Location"] == reverse("accounts:login")
    state = start(client)
    client.get(reverse("wechat_site:oauth_login_callback"), {"state": state})  # no code: the user said no
    assert "_auth_user_id" not in client.session


def test_inactive_account_is_refused(client, fake_wechat):
    user = UserFactory(is_active=False)
    WechatBinding.objects.create(user=user, openid="o_inactive", source=BindingSource.OAUTH)
    response = come_back(client, fake_wechat, "o_inactive", start(client))
    client.get(response["Location"])
    assert "_auth_user_id" not in client.session


def test_login_button_inside_wechat_uses_oauth(client, fake_wechat):
    response = client.get(reverse("accounts:provider_start", args=["wechat"]), HTTP_USER_AGENT=WECHAT_UA)
    assert response["Location"] == reverse("wechat_site:oauth_login")
    response = client.get(reverse("accounts:provider_start", args=["wechat"]))
    assert response["Location"] == reverse("wechat_site:scan_login")
