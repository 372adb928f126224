"""修改代码: 上级 lists the codes of the code's own table (3,500 regions) as a bounded type-ahead; the
endpoint rebuilds the form for that table (CodeForm.typeahead_context) and a POST still validates."""

import html
import re

import pytest
from django.urls import reverse

from careers.codes.models import Code

pytestmark = pytest.mark.django_db


def region(value):
    return Code.objects.of("region").get(code=value)


def test_parent_is_a_type_ahead_of_the_codes_table(client, school_admin, django_assert_max_num_queries):
    haidian = region("110108")
    url = reverse("codes:code_edit", kwargs={"pk": haidian.pk})
    client.force_login(school_admin)
    client.get(url)
    with django_assert_max_num_queries(10):
        body = client.get(url).content.decode()
    assert len(body) < 60_000 and "西城区" not in body
    assert f'<option value="{haidian.parent_id}" selected>' in body
    match = re.search(r'data-typeahead="([^"]+)"><select name="parent"', body)
    path, token = html.unescape(match.group(1)).split("?t=")
    texts = [r["text"] for r in client.get(path, {"t": token, "q": "西城"}).json()["results"]]
    assert texts == ["西城区"]
    assert client.get(path, {"t": token, "q": "汉族"}).json()["results"] == []  # another table's code


def test_post_validates_the_parent_within_the_table(client, school_admin):
    haidian = region("110108")
    url = reverse("codes:code_edit", kwargs={"pk": haidian.pk})
    data = {"table": haidian.table_id, "code": haidian.code, "name": haidian.name, "parent": haidian.parent_id,
            "level": haidian.level, "sort": haidian.sort, "is_active": "on"}
    client.force_login(school_admin)
    assert client.post(url, data).status_code == 302
    other_table = Code.objects.of("ethnicity").first()
    response = client.post(url, data | {"parent": other_table.pk})
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
