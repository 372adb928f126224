"""The demo school, built once for this package with the builders of `make run`, inside a transaction
that is rolled back when the package is done: the rest of the suite never sees it."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings

from tests.demowalk import STUDENTS_PER_YEAR, DemoSchool, demo_users, open_sessions, prepare_walk_extras


def settle_build():
    """Make the rows just built cheap for every test that follows, on PostgreSQL:

    - check their deferred foreign keys now, once. Each test ends with Django's constraint check (SET CONSTRAINTS
      ALL IMMEDIATE) inside its savepoint, and rolling the savepoint back puts every deferred check of the build
      back in the queue: without this, every walk test re-checked the whole build (~160 ms a test);
    - give the planner statistics. The build is one uncommitted transaction that autovacuum never sees, so every
      table looks empty to the planner (tests/dbsnapshot.py: analyze_tables)."""
    from django.db import connection

    from tests.dbsnapshot import analyze_tables

    connection.check_constraints()
    analyze_tables()


@pytest.fixture(scope="package")
def demo_school(django_db_setup, django_db_blocker, tmp_path_factory):
    from careers.core.demo import build_demo

    files = tmp_path_factory.mktemp("demo-walk-files")  # the demo's uploads go away with it
    with override_settings(MEDIA_ROOT=files / "media", PRIVATE_MEDIA_ROOT=files / "private"), \
            django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            build_demo(students_per_year=STUDENTS_PER_YEAR)
            settle_build()
            users = demo_users()
            yield DemoSchool(users=users, extra=prepare_walk_extras(), sessions=open_sessions(users))
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            # Nothing cached about rows that no longer exist (SQLite reuses their ids). Only the
            # process's own memory cache: clearing a shared Redis would wipe other workers' keys.
            if "LocMemCache" in settings.CACHES["default"]["BACKEND"]:
                cache.clear()


@pytest.fixture
def demo(demo_school, db):
    """The demo school, in a test whose own writes are rolled back (a savepoint inside the build)."""
    return demo_school


def pytest_terminal_summary(terminalreporter):
    """The walk's size: routes × roles, and the URLs asked for with every object variant."""
    from tests.demowalk import WALKED

    if WALKED:
        routes, roles = {r for r, _, _ in WALKED}, {role for _, role, _ in WALKED}
        terminalreporter.write_line(
            f"demo walk: {len(routes)} routes × {len(roles)} roles = {len(WALKED)} tests, "
            f"{sum(n for _, _, n in WALKED)} GETs (every sampled object variant; a role refused outright asks once)")
