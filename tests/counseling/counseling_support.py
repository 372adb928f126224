"""Shared fixtures and helpers of the counseling tests."""

import datetime

import pytest
from django.utils import timezone

from careers.accounts.models import User
from careers.counseling.models import Adviser, CounselingSettings, Slot, Topic
from tests.factories import StudentFactory, UserFactory


def student_with_account(major=None, **kwargs):
    extra = {"major": major} if major is not None else {}
    student = StudentFactory(**extra, **kwargs)
    student.user = UserFactory(username=student.student_number, name=student.name, kind=User.Kind.STUDENT)
    student.save(update_fields=["user"])
    return student


def make_slot(adviser, *, hours=48, capacity=1, length=1):
    start = (timezone.now() + datetime.timedelta(hours=hours)).replace(second=0, microsecond=0)
    return Slot.objects.create(adviser=adviser, starts_at=start, ends_at=start + datetime.timedelta(hours=length),
                               location="就业中心 201", capacity=capacity)


@pytest.fixture
def counseling(db):
    """The module on, one topic, one adviser (a counselor account without any permission)."""
    settings = CounselingSettings.current()
    settings.enabled = True
    settings.cancel_hours = 24
    settings.save()
    topic = Topic.objects.create(name="求职择业")
    user = UserFactory(username="adviser1", name="钱老师", kind=User.Kind.COUNSELOR)
    adviser = Adviser.objects.create(user=user, title="职业指导师")
    return {"settings": settings, "topic": topic, "adviser": adviser, "user": user}
