"""Shared setup for the check-in tests: events happening now, registered students, a device."""

import datetime


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


# The code tables after a flush are the root fixture's (/conftest.py: code_tables, and its teardown hook).
# The names stay importable from here for the modules that import them.
from conftest import code_tables  # noqa: E402,F401
from conftest import code_tables as _restore_code_tables_after_module  # noqa: E402,F401
