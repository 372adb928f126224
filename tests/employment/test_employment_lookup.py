"""单位查询: registered employers and past approved records, pluggable, bounded."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.accounts.models import User
from careers.employment.outcomes import actions
from careers.core.scoping import SYSTEM
from careers.employment.outcomes import employers
from careers.employment.outcomes.employers import EmployerHit, lookup_employers, register_provider
from tests.employment.conftest import contract_values, credit_code, report
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def known(org, school_admin):
    """An approved record at 武汉光谷软件有限公司, a pending one elsewhere, and a registered employer account."""
    actions.admin_update(org["students"]["a1"].employment, contract_values(), acting_user=school_admin)
    report(org["students"]["b1"].employment, contract_values(employer_name="光谷待审核公司",
                                                             employer_credit_code=credit_code(9)))
    UserFactory(username=credit_code(7), name="武汉光谷软件有限公司", kind=User.Kind.EMPLOYER)
    UserFactory(username="not-a-code", name="光谷人才服务中心", kind=User.Kind.EMPLOYER)


def test_two_characters_are_needed(known):
    assert lookup_employers("光", user=SYSTEM) == [] and lookup_employers("  ", user=SYSTEM) == []


def test_hits_merge_accounts_and_records_by_credit_code(known):
    hits = {h.name: h for h in lookup_employers("光谷", user=SYSTEM)}
    assert set(hits) == {"武汉光谷软件有限公司", "光谷人才服务中心"}  # the pending record is not a known employer
    merged = hits["武汉光谷软件有限公司"]
    assert merged.credit_code == credit_code(7) and merged.source == "注册单位"
    assert merged.region.startswith("420111") and "洪山区" in merged.region
    assert merged.nature == "其他企业" and merged.industry.startswith("65")
    assert hits["光谷人才服务中心"].credit_code == ""  # an account name that is not a credit code


def test_lookup_is_two_queries_and_at_most_twenty(org, school_admin):
    for i in range(30):
        UserFactory(username=credit_code(100 + i), name=f"测试单位{i:02d}有限公司", kind=User.Kind.EMPLOYER)
    with CaptureQueriesContext(connection) as ctx:
        hits = lookup_employers("测试单位", user=SYSTEM)
    from careers.employment.outcomes.employers import PROVIDERS

    assert len(hits) == 20 and len(ctx) <= len(PROVIDERS)  # one query per source (recruitment adds 已入驻 units)


def test_providers_are_pluggable(known):
    def recruitment(keyword, limit):
        return [EmployerHit(name="光谷招聘单位", credit_code=credit_code(55), source="招聘会单位")]

    try:
        register_provider("recruitment", recruitment, before="accounts")
        names = employers.PROVIDERS.keys()
        assert names.index("recruitment") == names.index("accounts") - 1  # right before the bare accounts
        assert "光谷招聘单位" in {h.name for h in lookup_employers("光谷", user=SYSTEM)}
    finally:
        employers.PROVIDERS.unregister("recruitment")


def test_lookup_view_renders_fillable_hits(client, college_admin, known):
    client.force_login(college_admin)
    body = client.get(reverse("employment:employer_lookup"), {"employer_name": "光谷软件"}).content.decode()
    assert "武汉光谷软件有限公司" in body and f'data-credit-code="{credit_code(7)}"' in body
    assert "data-region=" in body
    none = client.get(reverse("employment:employer_lookup"), {"employer_name": "不存在的单位"}).content.decode()
    assert "没有名称包含" in none


def test_lookups_need_an_employment_permission(client, org):
    user = UserFactory(username="noemp", permissions=["students.student.view"])
    client.force_login(user)
    assert client.get(reverse("employment:employer_lookup"), {"employer_name": "光谷"}).status_code == 403


def test_records_outside_the_admins_scope_are_never_offered(org, school_admin, college_admin):
    """An approved record of college B (here a one-person unit named after its student) is not offered to
    college A's admin, nor to a student; registered employers and college A's records are (issue 12)."""
    b1, a1 = org["students"]["b1"], org["students"]["a1"]
    actions.admin_update(b1.employment, contract_values(employer_name=f"{b1.name}个体工作室",
                                                        employer_credit_code=credit_code(21)), acting_user=school_admin)
    actions.admin_update(a1.employment, contract_values(employer_name="甲院个体工作室",
                                                        employer_credit_code=credit_code(22)), acting_user=school_admin)
    UserFactory(username=credit_code(23), name="注册个体工作室", kind=User.Kind.EMPLOYER)
    seen = {user: {h.name for h in lookup_employers("个体工作室", user=user)}
            for user in (college_admin, school_admin, None)}
    assert seen[college_admin] == {"甲院个体工作室", "注册个体工作室"}
    assert seen[school_admin] == {f"{b1.name}个体工作室", "甲院个体工作室", "注册个体工作室"}
    assert seen[None] == {"注册个体工作室"}


def test_the_lookup_page_offers_only_records_in_scope(client, org, school_admin, college_admin):
    b1 = org["students"]["b1"]
    actions.admin_update(b1.employment, contract_values(employer_name="乙院独有单位"), acting_user=school_admin)
    client.force_login(college_admin)
    body = client.get(reverse("employment:employer_lookup"), {"q": "乙院独有"}).content.decode()
    assert "乙院独有单位" not in body
    client.force_login(school_admin)
    assert "乙院独有单位" in client.get(reverse("employment:employer_lookup"), {"q": "乙院独有"}).content.decode()
