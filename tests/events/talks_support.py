"""Helpers for the talks/venues tests: a student with a login account, times, a POST on the review page."""

import datetime

from django.utils import timezone

from careers.accounts.models import User
from tests.factories import StudentFactory, UserFactory, _days  # noqa: F401


def student_account(major=None, username=None):
    """A Student with its student login account."""
    student = StudentFactory(**({"major": major} if major is not None else {}))
    student.user = UserFactory(username=username or f"s{student.student_number}", kind=User.Kind.STUDENT,
                               name=student.name)
    student.save(update_fields=["user"])
    return student


def at(day_offset, hour, minute=0):
    """Aware datetime `day_offset` days from today at hour:minute local time."""
    day = timezone.localdate() + datetime.timedelta(days=day_offset)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def local_input(value):
    """A datetime-local form value."""
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
