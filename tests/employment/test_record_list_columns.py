"""The 派遣信息 and 就业信息 lists join only student, major, college and 学历 and name codes / 主管单位 with one
query per page: every optional column still shows its name, and the query count does not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.core.models import UserPreference
from careers.employment.outcomes import actions as actions_employment
from careers.employment.models import EmploymentRecord
from careers.employment.dispatch.tables import DispatchTable
from careers.employment.outcomes.tables import EmploymentRecordTable
from tests.employment.conftest import contract_values
from tests.employment.dispatch_support import authorities, initialised  # noqa: F401
from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db


def all_columns(user, table):
    UserPreference.objects.update_or_create(user=user, defaults={"data": {
        f"tables.{table.__name__}": [name for name, _ in table.choosable_columns()]}})


def queries(client, url, params):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(ctx), response.content.decode()


def test_dispatch_list_names_regions_and_authorities_in_bounded_queries(client, org, school_admin, initialised):
    all_columns(school_admin, DispatchTable)
    client.force_login(school_admin)
    params = {"student__graduation_year": "2027", "per_page": 200}
    queries(client, "/employment/dispatch/", params)  # warm caches
    few, body = queries(client, "/employment/dispatch/", params)
    assert initialised["a1"].supervising_authority.name in body  # 主管单位
    assert "天河区" in body and "西湖区" in body  # 生源地
    for major in org["majors"].values():
        for _ in range(3):
            StudentFactory(major=major)
    many, _ = queries(client, "/employment/dispatch/", params)
    assert many == few


def test_employment_list_names_codes_in_bounded_queries(client, org, school_admin):
    all_columns(school_admin, EmploymentRecordTable)
    client.force_login(school_admin)
    record = EmploymentRecord.objects.get(student=org["students"]["a1"])
    actions_employment.admin_update(record, contract_values(), acting_user=school_admin)
    params = {"student__graduation_year": "2027", "per_page": 200}
    url = reverse("employment:employmentrecord_list")
    queries(client, url, params)
    few, body = queries(client, url, params)
    for text in ("签就业协议形式就业", "协议和合同就业", "武汉光谷软件有限公司", "其他企业", "软件和信息技术服务业", "洪山区"):
        assert text in body, text
    for _ in range(6):
        StudentFactory(major=org["majors"]["a1"])
    many, _ = queries(client, url, params)
    assert many == few
