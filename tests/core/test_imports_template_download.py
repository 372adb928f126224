"""Every registered import's template downloads under its own Chinese file name."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from careers.core.imports import registry
from careers.core.imports.template import template_filename


@pytest.mark.parametrize("slug", sorted(registry.specs))
def test_template_download_names_the_file(client, school_admin, slug):
    spec = registry.specs[slug]
    client.force_login(school_admin)
    response = client.get(reverse("core:import_template", args=[slug]))
    assert response.status_code == 200
    name = template_filename(spec)
    assert name.endswith("导入模板.xlsx") and not name.startswith("导入")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"filename*=utf-8''{quote(name)}" in disposition
    assert b"".join(response.streaming_content)[:2] == b"PK"  # an xlsx (zip) file


def test_default_name_comes_from_the_label():
    class Spec:
        label, template_filename = "导入某某数据", ""

    assert template_filename(Spec) == "某某数据导入模板.xlsx"
