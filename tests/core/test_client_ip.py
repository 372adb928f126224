"""The client address: X-Forwarded-For only from configured proxies; rate limits and axes agree."""

from unittest import mock

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory, override_settings

from careers.core.request_context import client_ip


def request(remote="203.0.113.9", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@override_settings(TRUSTED_PROXIES=[])
def test_without_trusted_proxies_the_header_is_ignored():
    assert client_ip(request(forwarded="1.2.3.4")) == "203.0.113.9"


@override_settings(TRUSTED_PROXIES=["10.0.0.0/8"])
def test_header_from_an_untrusted_peer_is_ignored():
    assert client_ip(request(remote="198.51.100.7", forwarded="1.2.3.4")) == "198.51.100.7"


@override_settings(TRUSTED_PROXIES=["10.0.0.1", "10.0.1.0/24"])
@pytest.mark.parametrize(("forwarded", "expected"), [
    ("198.51.100.7", "198.51.100.7"),
    ("1.2.3.4, 198.51.100.7", "198.51.100.7"),  # the left entry is the client's own claim
    ("1.2.3.4, 198.51.100.7, 10.0.1.5", "198.51.100.7"),  # a chain of our proxies is skipped
    ("10.0.1.4, 10.0.1.5", "10.0.1.4"),  # only our proxies: the furthest one
    ("", "10.0.0.1"),
    ("not-an-ip, 198.51.100.7", "198.51.100.7"),
    ("198.51.100.7, garbage", "10.0.0.1"),
    (" 2001:db8::1 ", "2001:db8::1"),
])
def test_trusted_proxy_hops_are_read_from_the_right(forwarded, expected):
    assert client_ip(request(remote="10.0.0.1", forwarded=forwarded)) == expected


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_axes_keys_on_the_same_address():
    for req in (request(forwarded="1.2.3.4"), request(remote="10.0.0.1", forwarded="1.2.3.4, 198.51.100.7")):
        assert get_client_ip_address(req) == client_ip(req)
    assert get_client_ip_address(request(forwarded="1.2.3.4")) == "203.0.113.9"


def test_forged_header_cannot_dodge_the_login_rate_limit(client, db, settings):
    """Changing X-Forwarded-For on every attempt does not reset the per-IP login limit."""
    from careers.accounts.views import LOGIN_ATTEMPTS_PER_IP_PER_MINUTE

    settings.TRUSTED_PROXIES = []
    settings.AXES_ENABLED = False
    from django.core.cache import cache
    from django.urls import reverse

    cache.clear()
    with mock.patch("careers.core.ratelimit.time.time", return_value=6000.0):  # one fixed window
        statuses = [client.post(reverse("accounts:login"), {"username": f"u{i}", "password": "x"},
                                HTTP_X_FORWARDED_FOR=f"192.0.2.{i}").status_code
                    for i in range(LOGIN_ATTEMPTS_PER_IP_PER_MINUTE + 1)]
    assert statuses[-1] == 429 and 429 not in statuses[:-1]
