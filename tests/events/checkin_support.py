"""Shared setup for the check-in tests: events happening now, registered students, a device."""

import datetime

import pytest

from django.utils import timezone

from careers.events.models import Registration
from tests.factories import (
    CheckinDeviceFactory,
    FairFactory,
    StudentFactory,
    TalkFactory,
)

TOKEN = "scanner-secret-token"


def talk_now(**kwargs):
    """An approved talk that started 30 minutes ago and ends in 90 minutes."""
    now = timezone.now()
    defaults = {"approved": True, "starts_at": now - datetime.timedelta(minutes=30),
                "ends_at": now + datetime.timedelta(minutes=90)}
    return TalkFactory(**{**defaults, **kwargs})


def fair_now(**kwargs):
    now = timezone.now()
    defaults = {"starts_at": now - datetime.timedelta(hours=1), "ends_at": now + datetime.timedelta(hours=5),
                "apply_deadline": now - datetime.timedelta(days=2)}
    return FairFactory(**{**defaults, **kwargs})


def registered(event, student=None, **student_kwargs):
    student = student or StudentFactory(**student_kwargs)
    Registration.objects.create(student=student, **{event._meta.model_name: event})
    return student


def device(**kwargs):
    return CheckinDeviceFactory(token=kwargs.pop("token", TOKEN), **kwargs)


def auth(token=TOKEN):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


@pytest.fixture
def code_tables(transactional_db):
    """For transactional tests: a previous one flushed the database (code tables included); reload them
    before the test and after it, so the tests that run later still find them."""
    from careers.codes.loader import load_published_tables, load_regions
    from careers.codes.models import Code

    if not Code.objects.of("enrolment_status").exists():
        load_published_tables()
        load_regions()
    yield


@pytest.fixture(scope="module", autouse=True)
def _restore_code_tables_after_module(django_db_blocker):
    yield
    from careers.codes.loader import load_published_tables, load_regions
    from careers.codes.models import Code

    with django_db_blocker.unblock():
        if not Code.objects.of("enrolment_status").exists():
            load_published_tables()
            load_regions()
