"""Shared fixtures: code tables loaded once per session, a small school, admins."""

import pytest
from hypothesis import settings as hypothesis_settings
from pytest_django.plugin import blocking_manager_key

from careers.core.permissions import registry
from tests.factories import (
    TEST_PASSWORD,
    CollegeFactory,
    MajorFactory,
    SchoolAdminFactory,
    StudentFactory,
    UserFactory,
    forget_codes,
)
from tests.dbsnapshot import code_tables_state


# Property tests check what a parser or validator answers, not how fast: a machine busy with the other worker
# (and CI's neighbours) must not fail them on hypothesis' 200 ms deadline.
hypothesis_settings.register_profile("careers", deadline=None)
hypothesis_settings.load_profile("careers")

# Tests that share an expensive state built once per process run together (`--dist loadgroup`, see the Makefile):
# the demo walk's school (tests/core/demo_walk) is then built once per run instead of once per worker, and
# consecutive browser tests skip the flush between them (tests/browser/conftest.py: no_flush).
SHARED_STATE_GROUPS = (("tests/core/demo_walk/", "demo-walk"), ("tests/browser/", "browser"))
# The browser tests are the longest part of the run: two groups (modules alternately), so that each worker takes one
# and neither waits for the whole of them at the end.
BROWSER_GROUPS = 2


def pytest_collection_modifyitems(config, items):
    """Groups for xdist (above). And `@pytest.mark.postgres_only` (e.g. races between two connections that only
    PostgreSQL's row locks settle; SQLite has none and its shared in-memory test database answers "table is
    locked") skips with the reason on any other database."""
    from django.db import connection

    browser_modules = sorted({item.nodeid.split("::")[0] for item in items if item.nodeid.startswith("tests/browser/")})
    for item in items:
        group = next((name for prefix, name in SHARED_STATE_GROUPS if item.nodeid.startswith(prefix)), None)
        if group == "browser":
            group = f"browser-{browser_modules.index(item.nodeid.split('::')[0]) % BROWSER_GROUPS}"
        if group:
            item.add_marker(pytest.mark.xdist_group(group))
    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason=f"needs PostgreSQL (concurrent connections, row locks, COPY); the test database is "
                                   f"{connection.vendor}")
    for item in items:
        if item.get_closest_marker("postgres_only"):
            item.add_marker(skip)


# -- code tables: loaded once per session, put back from a snapshot after every test that flushed them ------------

# A test that asks for one of these restores the whole database itself (tests/browser/conftest.py: demo).
RESTORES_WHOLE_DATABASE = {"demo_snapshot"}


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from careers.codes.loader import load_published_tables, load_regions

    with django_db_blocker.unblock():
        load_published_tables()
        load_regions()
        code_tables_state.take()
    yield
    with django_db_blocker.unblock():
        code_tables_state.drop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After a transactional test (transaction=True, live_server) pytest-django flushes the database, code
    tables included: put them back for the tests that follow, unless the next one restores the whole
    database itself anyway, or none follows. And after every test: the factories' code lookups are forgotten."""
    result = yield
    forget_codes()
    if code_tables_state.taken() and nextitem is not None and \
            not RESTORES_WHOLE_DATABASE & set(nextitem.fixturenames):
        with item.config.stash[blocking_manager_key].unblock():
            code_tables_state.ensure(alone=True)
    return result


@pytest.fixture(autouse=True)
def _own_statistics_cache(monkeypatch):
    """Each test reads only the 数据统计 results it computed itself: the cache outlives a test's database
    (and, in Redis, the run), so every test gets keys of its own instead of clearing a shared cache."""
    from uuid import uuid4

    from careers.students.records import stats_cache

    monkeypatch.setattr(stats_cache, "PREFIX", f"{stats_cache.PREFIX}:{uuid4().hex}")


@pytest.fixture
def code_tables(django_db_blocker):
    """For transactional tests (`@pytest.mark.django_db(transaction=True)`, `transactional_db`, `live_server`):
    the code tables are there when the test starts. /conftest.py's teardown hook puts them back after every
    flush, so this only covers a test that runs right after one that restored a database of its own."""
    with django_db_blocker.unblock():
        code_tables_state.ensure()


@pytest.fixture
def all_permissions():
    return sorted(registry.all_codes())


@pytest.fixture
def org(db):
    """Two colleges with two majors each, and one student per major."""
    college_a = CollegeFactory(name="甲学院")
    college_b = CollegeFactory(name="乙学院")
    majors = {
        "a1": MajorFactory(college=college_a, name="甲专业一"),
        "a2": MajorFactory(college=college_a, name="甲专业二"),
        "b1": MajorFactory(college=college_b, name="乙专业一"),
        "b2": MajorFactory(college=college_b, name="乙专业二"),
    }
    students = {key: StudentFactory(major=major, name=f"{major.name}学生") for key, major in majors.items()}
    return {"college_a": college_a, "college_b": college_b, "majors": majors, "students": students}


@pytest.fixture
def school_admin(db, all_permissions):
    user = SchoolAdminFactory(username="school1", name="校级管理员")
    user.set_permissions(all_permissions)
    user.save()
    return user


@pytest.fixture
def college_admin(org, all_permissions):
    """A level-2 admin with every permission but only college A's majors."""
    user = UserFactory(username="college1", name="院级管理员")
    user.set_permissions(all_permissions)
    user.save()
    user.managed_majors.set([org["majors"]["a1"], org["majors"]["a2"]])
    return user


@pytest.fixture
def login(client):
    def do_login(user):
        client.force_login(user)
        return client

    return do_login


@pytest.fixture
def password():
    return TEST_PASSWORD


# -- the suite's own time, printed at the end (CI shows it) ------------------------------------------------------

_TIMES = {"start": None, "browser": [0.0, 0], "other": [0.0, 0]}


def pytest_sessionstart(session):
    import time

    _TIMES["start"] = time.monotonic()


def pytest_runtest_logreport(report):
    """Every phase (setup, call, teardown) of every test, also the ones xdist workers report to the controller."""
    kind = "browser" if "browser" in report.keywords else "other"
    _TIMES[kind][0] += report.duration
    if report.when == "call":
        _TIMES[kind][1] += 1


def pytest_terminal_summary(terminalreporter):
    import time

    if _TIMES["start"] is None or hasattr(terminalreporter.config, "workerinput"):
        return
    wall = time.monotonic() - _TIMES["start"]
    (browser, n_browser), (other, n_other) = _TIMES["browser"], _TIMES["other"]
    terminalreporter.write_line(
        f"suite time: {wall:.0f} s wall (collection included); summed over workers: "
        f"browser tests {browser:.0f} s ({n_browser}), other tests {other:.0f} s ({n_other})")
