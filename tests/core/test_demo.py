import io

import pytest
from django.core.management import call_command

from careers.accounts.models import User
from careers.students.models import Student

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_the_school_and_prints_logins():
    out = io.StringIO()
    call_command("seed_demo", "--students-per-year", "20", stdout=out)
    text = out.getvalue()
    assert "Careers#2026" in text and "10001" in text and "20001" in text and "学生" in text
    assert Student.objects.count() == 40 and Student.objects.filter(user__isnull=False).count() == 40
    assert User.objects.filter(kind=User.Kind.COLLEGE_ADMIN, managed_majors__isnull=False).distinct().count() == 2
    call_command("seed_demo", "--students-per-year", "20", stdout=io.StringIO())  # idempotent
    assert Student.objects.count() == 40
