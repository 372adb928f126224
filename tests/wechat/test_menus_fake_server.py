"""The push through the real API client against the fake WeChat (skipped until the client is merged): the menu
WeChat stores is ours, and an injected errcode comes back as a Chinese message."""

import json

import pytest
from django.core.exceptions import ValidationError

from careers.core.scoping import SYSTEM
from careers.wechat.api.client import WechatError, api
from careers.wechat.menus import push
from careers.wechat.menus.models import MenuItem
from tests.wechat.wechat_support import fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db
BASE = "https://careers.example.edu.cn"


@pytest.fixture
def client(fake_wechat):
    try:
        return api()
    except WechatError as exc:
        if exc.code == "not_configured":
            pytest.skip("the API client is not merged yet")
        raise


def test_default_menu_reaches_the_fake_wechat(client, fake_wechat):
    payload = push.push_default_menu(SYSTEM, BASE)
    stored = json.dumps(client.get_menu(), ensure_ascii=False)
    for top in payload["button"]:
        assert top["name"] in stored
    assert f"{BASE}/jobs/" in stored


def test_wechat_errcode_becomes_a_message(client, fake_wechat):
    MenuItem.objects.create(name="职位", url="/jobs/")
    fake_wechat.fail_next("/cgi-bin/menu/create", errcode=40016, errmsg="invalid button size")
    with pytest.raises(ValidationError, match="菜单按钮个数不符合要求"):
        push.push_menu(SYSTEM, BASE)
