"""Type-ahead for large dropdowns (core.typeahead via BaseFilterSet): bounded options, a signed,
per-account, scope-restricted search endpoint, and the filter still filters."""

import html
import re

import pytest
from django.core import signing
from django.urls import reverse

from careers.core import typeahead
from careers.org.models import Major
from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db
LIST = "students:student_list"
MANY = typeahead.LIMIT + 50


@pytest.fixture
def many_majors(org):
    """MANY more majors: half in college A (the college admin's), half in college B."""
    template = org["majors"]["a1"]
    majors = [Major(name=f"{'甲' if i % 2 else '乙'}批量专业{i:03d}", major_code="080901", duration=template.duration,
                    discipline=template.discipline, education_level=template.education_level,
                    campus=template.campus, college=org["college_a"] if i % 2 else org["college_b"])
              for i in range(MANY)]
    Major.objects.bulk_create(majors)
    return Major.objects.filter(name__contains="批量专业")


def select_of(body, name):
    match = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', body, re.S)
    assert match, f"no <select name={name}>"
    return match.group(1)


def endpoint_url(body, name="major"):
    match = re.search(rf'<div class="typeahead" data-typeahead="([^"]+)"[^>]*><select name="{name}"', body)
    assert match, "no type-ahead for " + name
    return html.unescape(match.group(1))


def ask(client, url, q):
    """What careers.js does: the widget's URL plus &q=…"""
    path, token = url.split("?t=")
    return client.get(path, {"t": token, "q": q})


def test_large_dropdown_renders_only_the_selected_option(client, school_admin, org, many_majors):
    client.force_login(school_admin)
    body = client.get(reverse(LIST), {"graduation_year": 2027}).content.decode()
    options = select_of(body, "major")
    # 全部 and the "（空）" choice of every filter (FILTERS_NULL_CHOICE_LABEL), not MANY + 4 majors
    assert options.count("<option") == 2 and ">全部<" in options
    assert 'data-typeahead-input' in body
    assert body.count("批量专业") == 0
    # small code lists stay ordinary dropdowns
    assert select_of(body, "major__college").count("<option") == 4


def test_small_dropdown_stays_a_select(client, college_admin, org):
    client.force_login(college_admin)
    body = client.get(reverse(LIST), {"graduation_year": 2027}).content.decode()
    options = select_of(body, "major")
    assert "甲专业一" in options and "甲专业二" in options and "乙专业一" not in options
    assert "data-typeahead=" not in body


def test_chosen_value_filters_and_survives_the_round_trip(client, school_admin, org, many_majors):
    major = many_majors.order_by("-pk").first()
    student = StudentFactory(major=major, graduation_year=2027)
    client.force_login(school_admin)
    body = client.get(reverse(LIST), {"graduation_year": 2027, "major": major.pk}).content.decode()
    assert f">{student.student_number}</a>" in body
    assert org["students"]["a1"].student_number not in body
    options = select_of(body, "major")
    assert options.count("<option") == 3 and f'<option value="{major.pk}" selected>{major.name} · ' in options
    assert f'value="{major.name} · ' in body  # the search box shows the chosen label after a reload


def test_endpoint_searches_labels_within_scope(client, college_admin, org, many_majors, monkeypatch):
    from careers.students.records.filtersets import StudentFilterSet

    monkeypatch.setattr(StudentFilterSet, "typeahead_limit", 1)
    client.force_login(college_admin)
    body = client.get(reverse(LIST), {"graduation_year": 2027}).content.decode()
    url = endpoint_url(body)
    # college A's admin manages only 甲专业一 and 甲专业二: 批量 majors of college A are outside their majors too
    found = ask(client, url, "专业").json()
    assert {r["text"] for r in found["results"]} == {"甲专业一 · 本科生", "甲专业二 · 本科生"}
    assert ask(client, url, "乙专业").json()["results"] == []
    assert [r["id"] for r in ask(client, url, "甲专业 一").json()["results"]] == [str(org["majors"]["a1"].pk)]


def test_endpoint_pages_and_matches_for_school_admin(client, school_admin, org, many_majors):
    client.force_login(school_admin)
    url = endpoint_url(client.get(reverse(LIST), {"graduation_year": 2027}).content.decode())
    everything = ask(client, url, "").json()
    assert len(everything["results"]) == typeahead.RESULTS and everything["more"] is True
    one = ask(client, url, "乙批量专业010").json()
    assert [r["text"] for r in one["results"]] == ["乙批量专业010 · 本科生"] and one["more"] is False


def test_endpoint_refuses_tampered_foreign_and_anonymous_tokens(client, school_admin, college_admin, org,
                                                                many_majors):
    client.force_login(school_admin)
    url = endpoint_url(client.get(reverse(LIST), {"graduation_year": 2027}).content.decode())
    token = url.split("t=", 1)[1]
    path = reverse("core:filter_options")
    # a token naming another model or filter cannot be made without the secret key
    forged = signing.dumps({"f": "careers.accounts.filtersets.UserFilterSet", "n": "username", "u": school_admin.pk},
                           salt="wrong")
    assert client.get(path, {"t": forged, "q": "a"}).status_code == 400
    assert client.get(path, {"t": token[:-2] + ("AA" if not token.endswith("AA") else "BB"), "q": "a"}).status_code == 400
    assert client.get(path, {"q": "a"}).status_code == 400
    # the school admin's token does not work for another account
    client.force_login(college_admin)
    assert ask(client, url, "批量").status_code == 403
    client.logout()
    assert ask(client, url, "批量").status_code in (302, 403)


def test_signed_filter_must_be_a_model_filter_of_a_filterset(client, school_admin, org):
    client.force_login(school_admin)
    path = reverse("core:filter_options")
    for claim in ({"f": "careers.students.records.filtersets.StudentFilterSet", "n": "gender"},
                  {"f": "careers.students.models.Student", "n": "major"},
                  {"f": "careers.students.records.filtersets.Nope", "n": "major"}):
        token = signing.dumps({**claim, "u": school_admin.pk}, salt=typeahead.SALT, compress=True)
        assert client.get(path, {"t": token}).status_code == 400, claim


def test_every_filterset_gets_bounded_model_dropdowns():
    """Every BaseFilterSet's model filters are type-ahead capable without per-filterset code."""
    from django import forms
    from django.test import RequestFactory

    from careers.employment.dispatch.filtersets import DispatchFilterSet
    from tests.factories import SchoolAdminFactory

    request = RequestFactory().get("/")
    request.user = SchoolAdminFactory()
    filterset = DispatchFilterSet(request.GET, request=request)
    model_fields = [f for f in filterset.form.fields.values() if isinstance(f, forms.ModelChoiceField)]
    assert model_fields and all(isinstance(f.widget, typeahead.TypeaheadMixin) for f in model_fields)
