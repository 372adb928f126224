"""A posted return_url / next is followed only when it stays on this site."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from careers.core.redirects import return_url, safe_url
from careers.core.views.generic import BulkObjectsMixin
from tests.urlwalk import iter_routes

FOREIGN = ["https://evil.example/", "//evil.example/x", "http://evil.example", "javascript:alert(1)",
           "https:///evil.example", "\\\\evil.example"]
BULK_ROUTES = sorted(r.name for r in iter_routes()
                     if r.view_class and issubclass(r.view_class, BulkObjectsMixin) and "<" not in r.route)


@pytest.mark.parametrize("target", FOREIGN)
def test_foreign_targets_fall_back(target):
    request = RequestFactory().post("/x/", {"return_url": target})
    assert return_url(request, "/fallback/") == "/fallback/"
    assert safe_url(request, target, "/fallback/") == "/fallback/"


def test_same_site_targets_are_kept():
    request = RequestFactory().post("/x/?next=/b/", {"return_url": "/students/?page=2"})
    assert return_url(request, "/fallback/") == "/students/?page=2"
    assert return_url(request, "/fallback/", names=("next",)) == "/b/"  # query string too
    assert return_url(RequestFactory().post("/x/"), "/fallback/") == "/fallback/"


def test_there_are_bulk_routes():
    assert len(BULK_ROUTES) >= 5


@pytest.mark.parametrize("name", BULK_ROUTES)
def test_bulk_actions_never_return_to_another_host(client, school_admin, name):
    client.force_login(school_admin)
    for target in ("https://evil.example/", "//evil.example/"):
        response = client.post(reverse(name), {"return_url": target, "next": target})
        assert response.status_code in (200, 302), name
        assert "evil.example" not in response.get("Location", ""), name
