"""管辖专业 page: the majors table is one form (a + / − submit button per row), rendered in bounded queries
however many majors it lists, and the buttons still add and remove."""

import re

import pytest
from django.urls import reverse

from careers.accounts import majors_table
from careers.org.models import Major
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_majors(org):
    template = org["majors"]["a1"]
    Major.objects.bulk_create([
        Major(name=f"批量专业{i:03d}<b>", major_code="080901", duration=template.duration,
              discipline=template.discipline, education_level=template.education_level, campus=template.campus,
              college=org["college_b"]) for i in range(60)])


def test_page_lists_majors_in_one_form_with_bounded_queries(client, school_admin, org, many_majors,
                                                            django_assert_max_num_queries, monkeypatch):
    monkeypatch.setattr(majors_table, "MAX_ROWS", 50)
    target = UserFactory(username="66010", permissions=["students.student.view"])
    managed = Major.objects.get(name="批量专业000<b>")  # college B (乙) sorts first
    target.managed_majors.set([managed])
    client.force_login(school_admin)
    url = reverse("accounts:user_majors", kwargs={"pk": target.pk})
    client.get(url)
    with django_assert_max_num_queries(12):
        body = client.get(url).content.decode()
    table = body[body.index('id="majors-table"'):]
    assert table.count("<tr>") == 51  # the header and MAX_ROWS majors
    block = body[body.index('id="majors-block"'):]
    assert block.count('<form method="post"') == 1  # one form for every row's button (no college chosen)
    assert f'name="remove" value="{managed.pk}" title="移出管辖" aria-label="移出管辖：批量专业000&lt;b&gt;"' in body
    assert f'name="add" value="{org["majors"]["b1"].pk}" title="纳入管辖" aria-label="纳入管辖：乙专业一"' in body
    assert "&lt;b&gt;" in body and "批量专业000<b>" not in body  # cells are escaped
    assert re.search(r"已管辖 1 个专业", body)


def test_buttons_add_and_remove(client, school_admin, org):
    target = UserFactory(username="66011", permissions=["students.student.view"])
    client.force_login(school_admin)
    url = reverse("accounts:user_majors", kwargs={"pk": target.pk})
    client.post(url, {"add": org["majors"]["b2"].pk})
    assert list(target.managed_majors.all()) == [org["majors"]["b2"]]
    response = client.post(url, {"remove": org["majors"]["b2"].pk}, HTTP_HX_REQUEST="true")
    assert not target.managed_majors.exists()
    assert f'name="add" value="{org["majors"]["b2"].pk}"' in response.content.decode()
