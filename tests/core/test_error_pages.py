"""The 500 page is branded like 403/404 and renders with no request, database or context processors."""

import pytest
from django.test import RequestFactory
from django.urls import path

from careers.core.views import errors


def broken(request):
    raise RuntimeError("boom")


urlpatterns = [path("broken/", broken)]
handler500 = "careers.core.views.errors.server_error"


def assert_branded(body):
    assert "高校就业服务平台" in body and "系统暂时出现问题" in body
    assert "bootstrap.min.css" in body and "bi-mortarboard" in body and "返回首页" in body
    assert "<script" not in body  # nothing to execute on a page shown when something is broken


def test_server_error_renders_without_database():
    """No `db` fixture: any database access here would raise."""
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert_branded(response.content.decode())


def test_an_exception_in_a_view_shows_the_branded_page(client, settings):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    assert_branded(response.content.decode())


def test_when_the_page_cannot_render_a_plain_one_is_shown(monkeypatch):
    def fail(name):
        raise ValueError("Missing staticfiles manifest entry")

    monkeypatch.setattr(errors.loader, "get_template", fail)
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and "系统暂时出现问题" in response.content.decode()


@pytest.mark.parametrize("template", ["403.html", "404.html", "500.html"])
def test_error_pages_share_the_layout(template):
    from django.template import loader

    source = loader.get_template(template).template.source
    assert "error-page" in source and "高校就业服务平台" in source
