"""Shared fixtures: code tables loaded once per session, a small school, admins."""

import pytest

from careers.core.permissions import registry
from tests.factories import (
    TEST_PASSWORD,
    CollegeFactory,
    MajorFactory,
    SchoolAdminFactory,
    StudentFactory,
    UserFactory,
)


def pytest_collection_modifyitems(config, items):
    """`@pytest.mark.postgres_only` (e.g. races between two connections that only PostgreSQL's row locks
    settle; SQLite has none and its shared in-memory test database answers "table is locked") skips
    with the reason on any other database."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    skip = pytest.mark.skip(reason=f"needs PostgreSQL (concurrent connections, row locks, COPY); the test database is "
                                   f"{connection.vendor}")
    for item in items:
        if item.get_closest_marker("postgres_only"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from careers.codes.loader import load_published_tables, load_regions

    with django_db_blocker.unblock():
        load_published_tables()
        load_regions()


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
