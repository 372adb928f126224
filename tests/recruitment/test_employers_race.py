"""Two registrations of one unit at the same moment, on two real database connections: exactly one wins,
the other gets the duplicate message (the unique constraints decide, not a check-then-insert)."""

import threading

import pytest
from django.db import connection

from careers.codes.models import Code
from careers.recruitment.employers import actions
from careers.recruitment.models import Employer
from tests.factories import credit_code
from tests.recruitment.employers_support import PASSWORD


@pytest.fixture(scope="module", autouse=True)
def _code_tables(django_db_blocker):
    """Transactional tests flush the database afterwards, so an earlier one may have left no code tables:
    load them before (idempotent) and put them back after, for the tests that follow."""
    from careers.codes.loader import load_published_tables, load_regions

    with django_db_blocker.unblock():
        load_published_tables()
        load_regions()
    yield
    with django_db_blocker.unblock():
        load_published_tables()
        load_regions()


def values(name, code):
    return {"name": name, "credit_code": code, "nature": Code.objects.of("employer_nature").get(code="39"),
            "industry": Code.objects.of("industry").get(code="65"), "region": Code.objects.of("region").get(code="420111"),
            "size": "50-150", "address": "武汉市洪山区1号", "website": "", "introduction": "", "contact_person": "甲",
            "phone": "13800000000", "email": "a@example.com"}


def race(first, second):
    barrier, results = threading.Barrier(2), []

    def run(data):
        try:
            barrier.wait()
            actions.register(data, password=PASSWORD)
            results.append("ok")
        except actions.DuplicateUnit as exc:
            results.append(exc.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(data,)) for data in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
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
