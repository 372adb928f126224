"""录入 / 修改 a student: 生源地 (3,500 region codes) is the region type-ahead (codes.fields.RegionField) that
searches the full path 省 市 县, the pages render in bounded queries without the code list, and a POST still
validates against every region."""

import html
import re

import pytest
from django.urls import reverse

from tests.students.review_support import code
from tests.students.test_edit_region_codes import student_from, unchanged_post

pytestmark = pytest.mark.django_db


def region_endpoint(body):
    match = re.search(r'<div class="typeahead" data-typeahead="([^"]+)"><select name="origin_region"', body)
    assert match, "生源地 is no type-ahead"
    return html.unescape(match.group(1)).split("?t=")


@pytest.mark.parametrize("role", ["school_admin", "college_admin"])
def test_add_page_renders_regions_as_type_ahead_in_bounded_queries(client, org, role, request,
                                                                   django_assert_max_num_queries):
    client.force_login(request.getfixturevalue(role))
    url = reverse("students:student_add")
    client.get(url)
    with django_assert_max_num_queries(12):
        body = client.get(url).content.decode()
    assert "海淀区" not in body and len(body) < 60_000  # not 3,500 <option>s
    assert re.search(r'<input type="search"[^>]* id="id_origin_region"', body)
    path, token = region_endpoint(body)
    found = client.get(path, {"t": token, "q": "海淀"}).json()["results"]
    assert [r["text"] for r in found] == ["北京市 海淀区"]
    assert [r["text"] for r in client.get(path, {"t": token, "q": "北京 海淀"}).json()["results"]] == ["北京市 海淀区"]


def test_edit_page_shows_the_students_region_and_saves_unchanged(client, org, school_admin):
    student = student_from(org, "110105")
    client.force_login(school_admin)
    url = reverse("students:student_edit", kwargs={"pk": student.pk})
    body = client.get(url).content.decode()
    region = code("region", "110105")
    assert f'<option value="{region.pk}" selected>北京市 朝阳区</option>' in body
    assert 'value="北京市 朝阳区"' in body
    path, token = region_endpoint(body)
    assert [r["text"] for r in client.get(path, {"t": token, "q": "海淀"}).json()["results"]] == ["北京市 海淀区"]
    assert client.post(url, unchanged_post(student)).status_code == 302


def test_a_value_that_is_no_region_is_refused(client, org, school_admin):
    student = student_from(org, "110105")
    client.force_login(school_admin)
    url = reverse("students:student_edit", kwargs={"pk": student.pk})
    not_a_region = code("ethnicity", "01")
    response = client.post(url, unchanged_post(student) | {"origin_region": not_a_region.pk})
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    student.refresh_from_db()
    assert student.origin_region.code == "110105"
