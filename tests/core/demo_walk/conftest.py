"""The demo school, built once for this package with the builders of `make run`, inside a transaction
that is rolled back when the package is done: the rest of the suite never sees it."""

import pytest
from django.core.cache import cache
from django.db import transaction

from tests.demowalk import STUDENTS_PER_YEAR, DemoSchool, demo_users, prepare_walk_extras


@pytest.fixture(scope="package")
def demo_school(django_db_setup, django_db_blocker):
    from careers.core.demo import build_demo

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            build_demo(students_per_year=STUDENTS_PER_YEAR)
            yield DemoSchool(users=demo_users(), extra=prepare_walk_extras())
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            cache.clear()  # nothing cached about rows that no longer exist


@pytest.fixture
def demo(demo_school, db):
    """The demo school, in a test whose own writes are rolled back (a savepoint inside the build)."""
    return demo_school
