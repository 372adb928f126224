"""codes.fields: the one region field (type-ahead on the full path 省 市 县) and its endpoint codes:region_options."""

import pytest
from django import forms
from django.urls import reverse

from careers.codes.fields import RegionField, RegionMultipleField
from careers.core.forms import BaseForm
from tests.factories import SchoolAdminFactory, code

pytestmark = pytest.mark.django_db


class OriginForm(BaseForm):
    origin = RegionField(label="生源地", required=False)
    wishes = RegionMultipleField(label="期望地区", required=False, max_level=2)


def search(client, text, level=3):
    return [r["text"] for r in client.get(reverse("codes:region_options"), {"t": level, "q": text}).json()["results"]]


def test_the_field_shows_the_chosen_region_by_its_full_path(code_tables):
    region = code("region", "420111")
    html = str(OriginForm(initial={"origin": region.pk})["origin"])
    assert f'<option value="{region.pk}" selected>湖北省 武汉市 洪山区</option>' in html
    assert 'value="湖北省 武汉市 洪山区"' in html and 'role="combobox"' in html
    assert 'data-typeahead="/codes/regions/options/?t=3"' in html
    assert html.count("<option") == 2  # the empty choice and the chosen one, not 3,351 regions
    assert "请选择" in html


def test_the_field_validates_on_the_server(code_tables):
    region = code("region", "420111")
    form = OriginForm({"origin": region.pk, "wishes": [code("region", "420100").pk]})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["origin"] == region
    assert not OriginForm({"origin": code("ethnicity", "01").pk}).is_valid()  # no region
    assert not OriginForm({"wishes": [region.pk]}).is_valid()  # a county where cities are asked


def test_the_endpoint_searches_every_level_of_the_path(client, code_tables, django_assert_max_num_queries):
    client.force_login(SchoolAdminFactory())
    with django_assert_max_num_queries(4):
        assert search(client, "武汉 洪山") == ["湖北省 武汉市 洪山区"]
    assert search(client, "洪山") == ["湖北省 武汉市 洪山区"]
    assert search(client, "420111") == ["湖北省 武汉市 洪山区"]
    assert search(client, "武汉")[0] == "湖北省 武汉市"  # the city before its districts
    assert search(client, "武汉", level=2) == ["湖北省 武汉市"]  # no county for a field up to cities


def test_anyone_may_search_regions_at_a_bounded_rate(client, code_tables, monkeypatch):
    from careers.codes import views

    assert search(client, "洪山") == ["湖北省 武汉市 洪山区"]  # the public unit registration form uses it
    monkeypatch.setattr(views, "ANONYMOUS_PER_MINUTE", 1)
    response = client.get(reverse("codes:region_options"), {"q": "洪山"})
    assert response.status_code == 429 and response.json()["results"] == []


def test_a_model_form_gets_the_region_field_by_field_classes(code_tables):
    from careers.students.records.forms import StudentEditForm

    field = StudentEditForm(user=None).fields["origin_region"]
    assert isinstance(field, RegionField) and isinstance(field.widget, forms.Select)


def browse(client, parent="", level=3, leaf=False):
    params = {"t": level, "q": "", **({"p": parent} if parent else {}), **({"leaf": 1} if leaf else {})}
    return client.get(reverse("codes:region_options"), params).json()["results"]


def test_with_nothing_typed_the_field_is_a_province_city_county_cascade(client, code_tables,
                                                                       django_assert_max_num_queries):
    client.force_login(SchoolAdminFactory())
    with django_assert_max_num_queries(4):
        provinces = browse(client)
    assert len(provinces) == 34
    leaves = {r["text"] for r in provinces if not r["drill"]}  # chosen at once: nothing below them in GB/T 2260
    assert leaves <= {"台湾省", "香港特别行政区", "澳门特别行政区"}
    hubei = next(r for r in provinces if r["text"] == "湖北省")
    cities = browse(client, hubei["id"], leaf=True)
    assert cities[0]["text"] == "湖北省 武汉市" and cities[0]["drill"]  # 生源地 (down to 区/县): no 湖北省 itself
    districts = browse(client, cities[0]["id"], leaf=True)
    assert "湖北省 武汉市 洪山区" in [r["text"] for r in districts] and not any(r["drill"] for r in districts)
    # a field that takes a city (期望地区): the province itself first, and the cities are chosen, not opened
    wishes = browse(client, hubei["id"], level=2)
    assert wishes[0] == {"id": hubei["id"], "text": "湖北省（全部）"} and not any(r.get("drill") for r in wishes[1:])
    # a leaf-only field announces itself to the endpoint
    class LeafForm(BaseForm):
        origin = RegionField(label="生源地", leaf_only=True)

    assert "t=3&amp;leaf=1" in str(LeafForm()["origin"]) and "leaf=1" not in str(OriginForm()["wishes"])
