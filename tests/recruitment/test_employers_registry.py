"""工商信息比对: the real HTTP provider against a local fake that checks signatures and returns real-looking JSON."""

import datetime
import re

import pytest
from django.urls import reverse

from careers.recruitment.employers import registry_client
from careers.recruitment.employers.registry_client import HttpRegistryClient, RegistryError
from tests.factories import EmployerFactory
from tests.recruitment.employers_support import _clear_cache, fake_registry  # noqa: F401
from tests.recruitment.fake_registry import APP_KEY, APP_SECRET

pytestmark = pytest.mark.django_db


def client_for(fake, **overrides):
    return HttpRegistryClient(**{"base_url": fake.base_url, "app_key": APP_KEY, "app_secret": APP_SECRET,
                                 "timeout": 2, **overrides})


def test_lookup_signs_the_request_and_parses_the_record(fake_registry):
    fake_registry.add("91420100MA4K000001", name="武汉光谷软件有限公司", registered_address="武汉市洪山区珞喻路1号")
    record = registry_client.get_client().lookup("91420100MA4K000001")
    assert record.name == "武汉光谷软件有限公司" and record.established_on == datetime.date(2015, 6, 18)
    assert record.is_active and not record.is_dead
    path, query, headers = fake_registry.requests[-1]
    assert query == {"credit_code": "91420100MA4K000001"}
    assert headers["X-App-Key"] == APP_KEY and len(headers["X-Signature"]) == 64
    assert headers["X-Nonce"] != "" and headers["X-Timestamp"].isdigit()


def test_unknown_code_is_none(fake_registry):
    assert client_for(fake_registry).lookup("91420100MA4K000009") is None


@pytest.mark.parametrize("overrides, message", [
    ({"app_secret": "wrong"}, "签名校验失败"),
    ({"app_key": "nobody"}, "不认识本系统的接入账号"),
])
def test_bad_credentials_are_named(fake_registry, overrides, message):
    with pytest.raises(RegistryError, match=message):
        client_for(fake_registry, **overrides).lookup("91420100MA4K000001")


def test_quota_and_timeout_and_unreachable(fake_registry):
    fake_registry.quota = 0
    with pytest.raises(RegistryError, match="额度已用完"):
        client_for(fake_registry).lookup("91420100MA4K000001")
    fake_registry.quota, fake_registry.delay = 10, 0.5
    with pytest.raises(RegistryError, match="超时"):
        client_for(fake_registry, timeout=0.1).lookup("91420100MA4K000001")
    fake_registry.delay = 0
    with pytest.raises(RegistryError, match="无法连接"):
        client_for(fake_registry, base_url="http://127.0.0.1:9").lookup("91420100MA4K000001")


def test_disabled_backend_by_default(settings):
    settings.BUSINESS_REGISTRY = None
    with pytest.raises(RegistryError, match="未配置工商信息接口") as exc:
        registry_client.get_client().lookup("91420100MA4K000001")
    assert "BUSINESS_REGISTRY" not in str(exc.value)  # the admin reads Chinese, not setting names


@pytest.mark.parametrize("overrides", [{"app_secret": "wrong"}, {"app_key": "nobody"}, {"app_key": ""},
                                       {"base_url": "http://127.0.0.1:9"}])
def test_registry_messages_name_no_setting_or_exception(fake_registry, overrides):
    with pytest.raises(RegistryError) as exc:
        client_for(fake_registry, **overrides).lookup("91420100MA4K000001")
    assert not re.search(r"[A-Za-z_]{3,}", str(exc.value)), str(exc.value)


def test_compare_page_shows_differences_and_warns_when_deregistered(client, school_admin, fake_registry):
    employer = EmployerFactory(name="武汉光谷软件有限公司", address="武汉市洪山区珞喻路1号")
    fake_registry.add(employer.credit_code, name="武汉光谷软件股份有限公司", registered_address="武汉市洪山区珞喻路1号",
                      status="注销", legal_representative="李四")
    client.force_login(school_admin)
    page = client.get(reverse("recruitment:employer_registry", args=[employer.pk])).content.decode()
    assert 'id="registry-dead"' in page and "注销" in page
    assert "武汉光谷软件股份有限公司" in page and "李四" in page and "不一致" in page
    rows = registry_client.compare(employer, registry_client.cached_lookup(employer.credit_code))
    states = {row.label: row.state for row in rows}
    assert states["单位名称"] == "different" and states["统一社会信用代码"] == "same"
    assert states["注册地址 / 通讯地址"] == "same" and states["登记状态"] == "different"
    # the review page now shows the registry flag from the cached record, without calling out again
    calls = len(fake_registry.requests)
    detail = client.get(reverse("recruitment:employer_detail", args=[employer.pk])).content.decode()
    assert 'data-flag="registry_status"' in detail and len(fake_registry.requests) == calls


def test_compare_page_not_found_and_error(client, school_admin, fake_registry, settings):
    employer = EmployerFactory()
    client.force_login(school_admin)
    url = reverse("recruitment:employer_registry", args=[employer.pk])
    assert 'id="registry-not-found"' in client.get(url).content.decode()
    settings.BUSINESS_REGISTRY = {**settings.BUSINESS_REGISTRY, "app_secret": "bad"}
    assert "签名校验失败" in client.get(url).content.decode()
