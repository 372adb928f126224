"""Production static files: collectstatic with the hashed manifest, every template reference resolves."""

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.test import RequestFactory


@pytest.mark.django_db
def test_collectstatic_manifest_and_base_template(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}  # same manifest logic, no gzip
    call_command("collectstatic", "--noinput", "-v0")
    manifest = (tmp_path / "staticfiles.json").read_text()
    for asset in ("vendor/bootstrap/css/bootstrap.min.css", "vendor/htmx/htmx.min.js",
                  "vendor/echarts/echarts.min.js", "vendor/bootstrap-icons/fonts/bootstrap-icons.woff2"):
        assert asset in manifest
    request = RequestFactory().get("/")
    html = render_to_string("base.html", request=request)  # raises if a referenced file is missing
    import re

    external = re.findall(r'(?:src|href)="(https?:)?//', html)
    assert not external, "assets must be served locally, never from a CDN"
    assert ".css" in html and "/static/vendor/bootstrap/css/bootstrap.min." in html
