"""单位查询 at scale (issue 13): the character-pair index on PostgreSQL, exact containment on both databases,
a bounded sample of records per lookup, one query per source."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.accounts.models import User
from careers.core.scoping import SYSTEM
from careers.employment.outcomes import actions
from careers.employment.outcomes import employers
from careers.employment.outcomes.employers import PROVIDERS, lookup_employers
from tests.employment.conftest import contract_values, credit_code
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def names(keyword, user=SYSTEM):
    return [h.name for h in lookup_employers(keyword, user=user)]


def test_containment_is_exact_whatever_the_pairs(org):
    UserFactory(username=credit_code(1), name="光谷星光科技有限公司", kind=User.Kind.EMPLOYER)
    UserFactory(username=credit_code(2), name="ABC Robotics 武汉", kind=User.Kind.EMPLOYER)
    assert names("谷星") == ["光谷星光科技有限公司"]  # inside the name, not only at its start
    assert names("星光谷") == []  # its pairs 星光 and 光谷 both occur, the string does not
    assert names("abc robot") == ["ABC Robotics 武汉"]  # case-insensitive
    assert names("有限公司") == ["光谷星光科技有限公司"] and names("100%") == []


def test_one_query_per_source_and_the_index_on_postgresql(org, school_admin):
    actions.admin_update(org["students"]["a1"].employment, contract_values(employer_name="武汉星辰软件有限公司"),
                         acting_user=school_admin)
    with CaptureQueriesContext(connection) as ctx:
        assert "武汉星辰软件有限公司" in names("星辰")
    assert len(ctx) <= len(PROVIDERS)
    if connection.vendor == "postgresql":  # every source filters through the indexed pair expression
        assert all("careers_bigrams(UPPER(" in q["sql"] for q in ctx.captured_queries)


def test_records_are_grouped_over_a_bounded_sample(org, school_admin, monkeypatch):
    for key in ("a1", "a2", "b1"):
        actions.admin_update(org["students"][key].employment, contract_values(employer_name="星辰样本有限公司"),
                             acting_user=school_admin)
    monkeypatch.setattr(employers, "SAMPLE_RECORDS", 2)
    with CaptureQueriesContext(connection) as ctx:
        hits = employers.past_records("星辰样本", 20, SYSTEM)
    assert [h.name for h in hits] == ["星辰样本有限公司"] and len(ctx) == 1
    assert "LIMIT 2" in ctx.captured_queries[0]["sql"]


@pytest.mark.postgres_only
def test_postgresql_plans_the_pair_index_for_a_rare_keyword(org, school_admin):
    for i in range(300):
        UserFactory(username=f"unit-{i}", name=f"测试单位{i:03d}有限公司", kind=User.Kind.EMPLOYER)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE accounts_user")
    queryset = employers.name_contains(User.objects.filter(kind=User.Kind.EMPLOYER), "name", "星辰")
    sql, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "accounts_employer_name_bigrams" in plan, plan


@pytest.mark.postgres_only
def test_only_employer_accounts_are_in_the_pair_index(db):
    """Student accounts (200,000 at a large school, created 5,000 at a time by the import) never pay its GIN insert."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'accounts_user' AND indexdef LIKE "
                       "'%careers_bigrams%'")
        ((name, definition),) = cursor.fetchall()
    assert name == "accounts_employer_name_bigrams" and "WHERE" in definition and "'employer'" in definition
