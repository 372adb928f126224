"""Every back-office list of the demo school shows the same rows whether BaseTable.body_html renders them
(careers/core/table_body.py) or django-tables2's own template does, as the school and the college admin."""

import re

import pytest
from django.template import Template
from django.urls import reverse

from careers.core.routes import backoffice_routes
from careers.core.tables import BaseTable
from tests.core.test_table_body import rows_of, tables2_row_template
from tests.demowalk import use_session

LISTS = [r for r in backoffice_routes() if r.kind == "list" and not r.params]


def tables2_body(table):
    return Template(tables2_row_template()).render(table.context)  # the page's context, as render_table left it


def table_rows(response):
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)  # masked anew on every render
    return [rows_of(body) for body in re.findall(r"<tbody[^>]*>(.*?)</tbody>", html, flags=re.S)]


@pytest.mark.parametrize("role", ("school_admin", "college_admin"))
@pytest.mark.parametrize("route", LISTS, ids=lambda r: r.name)
def test_list_rows_are_what_tables2_renders(client, demo, monkeypatch, route, role):
    use_session(client, role, demo)
    url = reverse(route.name)
    fast = client.get(url)
    if fast.status_code != 200 or "text/html" not in fast.get("Content-Type", ""):
        pytest.skip(f"{fast.status_code} {fast.get('Content-Type')}")
    monkeypatch.setattr(BaseTable, "body_html", tables2_body)
    slow = client.get(url)
    assert table_rows(fast) == table_rows(slow)
