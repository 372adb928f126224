import pytest

from careers.recruitment.templatetags.recruitment_tags import region_path
from tests.factories import code

pytestmark = pytest.mark.django_db


def test_region_path_names_each_level_once():
    assert region_path(code("region", "420111")) == "湖北省 武汉市 洪山区"
    assert region_path(code("region", "110108")) == "北京市 海淀区"  # a municipality's city level is itself
    assert region_path(None) == ""
