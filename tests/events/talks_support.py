"""Helpers for the talks/venues tests: a student with a login account, times, a POST on the review page."""

import datetime

from django.utils import timezone

from tests.factories import StudentFactory
from tests.studentfiles.helpers import student_account as give_account


def student_account(major=None):
    """A factory Student with its student login account (password TEST_PASSWORD)."""
    student = StudentFactory(**({"major": major} if major is not None else {}))
    give_account(student)
    return student


def at(day_offset, hour, minute=0):
    """Aware datetime `day_offset` days from today at hour:minute local time."""
    day = timezone.localdate() + datetime.timedelta(days=day_offset)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def local_input(value):
    """A datetime-local form value."""
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


# The code tables after a flush are the root fixture's (/conftest.py: code_tables, and its teardown hook).
# The old name stays importable from here for the modules that import it.
from conftest import code_tables as codes_reloaded  # noqa: E402,F401
