"""Two registrations of one unit at the same moment, on two real database connections: exactly one wins,
the other gets the duplicate message (the unique constraints decide, not a check-then-insert)."""


import pytest

from careers.codes.models import Code
from careers.recruitment.employers import actions
from careers.recruitment.models import Employer
from tests.factories import credit_code
from tests.recruitment.employers_support import PASSWORD


# The code tables after a flush are the root fixture's (/conftest.py: code_tables, and its teardown hook).
# The old name stays importable from here for the modules that import it.
from conftest import code_tables as _code_tables  # noqa: E402,F401


def values(name, code):
    return {"name": name, "credit_code": code, "nature": Code.objects.of("employer_nature").get(code="39"),
            "industry": Code.objects.of("industry").get(code="65"), "region": Code.objects.of("region").get(code="420111"),
            "size": "50-150", "address": "武汉市洪山区1号", "website": "", "introduction": "", "contact_person": "甲",
            "phone": "13800000000", "email": "a@example.com"}


def race(first, second):
    from tests.concurrency import run_concurrently

    def run(data):
        try:
            actions.register(data, password=PASSWORD)
            return "ok"
        except actions.DuplicateUnit as exc:
            return exc.messages[0]

    results = run_concurrently(run, args=(first, second))
    return sorted(results, key=len)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_simultaneous_registrations_one_wins():
    # same credit code, different names
    assert race(values("并发测试有限公司", credit_code(990001)),
                values("另一家并发测试有限公司", credit_code(990001))) == ["ok", actions.DUPLICATE]
    # same name (one typed with half-width brackets), different credit codes
    assert race(values("并发测试（二）有限公司", credit_code(990003)),
                values("并发测试(二)有限公司", credit_code(990004))) == ["ok", actions.DUPLICATE]
    assert Employer.objects.count() == 2
