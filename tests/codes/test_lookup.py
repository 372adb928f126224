import pytest
from django.urls import reverse

from careers.codes.models import Code, CodeTable
from careers.codes.services import lookup_major_codes

pytestmark = pytest.mark.django_db


def level(value):
    return Code.objects.of("education_level").get(code=value)


def test_fuzzy_lookup_by_level_and_keyword():
    result = lookup_major_codes(level("31").pk, "计算机")
    assert not result.error
    assert ("080901", "计算机科学与技术") in [(c.code, c.name) for c in result.candidates]
    vocational = lookup_major_codes(level("41").pk, "会计")
    assert all(c.table.kind == "major_catalogue_vocational" for c in vocational.candidates)
    assert vocational.candidates


@pytest.mark.parametrize("level_id, keyword, message", [
    ("", "计算机", "请先选择学历"),
    ("999999", "计算机", "学历无效"),
    (None, "计", "至少两个字"),
    (None, "不存在的专业名", "没有包含"),
])
def test_lookup_errors(level_id, keyword, message):
    result = lookup_major_codes(level("31").pk if level_id is None else level_id, keyword)
    assert message in result.error and not result.candidates


def test_lookup_endpoint_for_admins_only(client, school_admin):
    url = reverse("codes:major_catalogue_lookup")
    assert client.get(url).status_code == 302
    client.force_login(school_admin)
    body = client.get(url, {"education_level": level("31").pk, "catalogue_q": "软件"}).content.decode()
    assert "080902" in body


def test_region_codes_loaded_and_versioned():
    table = CodeTable.objects.get(kind="region", is_current=True)
    assert table.version == "2023"
    regions = Code.objects.of("region")
    assert regions.get(code="110000").name == "北京市"
    nanshan = regions.get(code="440305")
    assert nanshan.name == "南山区" and nanshan.parent.code == "440300" and nanshan.level == 3


def test_reloading_is_idempotent():
    from careers.codes.loader import load_published_tables

    before = Code.objects.count()
    load_published_tables()
    assert Code.objects.count() == before


def test_code_tables_searchable_by_admin(client, college_admin):
    client.force_login(college_admin)
    table = CodeTable.objects.get(kind="ethnicity")
    body = client.get(reverse("codes:code_list"), {"table": table.pk, "q": "回族"}).content.decode()
    assert "回族" in body and "汉族" not in body
    # college admins read code tables but never change them
    assert client.get(reverse("codes:code_add")).status_code == 403
