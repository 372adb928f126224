"""The demo's 职位智能匹配: yesterday's run is done and the demo student finds matched jobs on the hub."""

import pytest
from django.urls import reverse

from careers.core.demo import build_demo
from careers.recruitment.models import JobMatch, MatchRun
from careers.students.demo import demo_student

pytestmark = pytest.mark.django_db


def test_demo_student_has_matches_with_reasons_and_a_second_build_adds_none(client):
    build_demo(students_per_year=40)
    [run] = MatchRun.objects.all()
    assert run.status == MatchRun.Status.DONE and run.matches == JobMatch.objects.count() > 0
    student = demo_student((2026, 2027))
    matches = JobMatch.objects.filter(student=student)
    assert matches.exists() and all(m.reasons for m in matches)
    build_demo(students_per_year=40)
    assert MatchRun.objects.count() == 1 and JobMatch.objects.count() == run.matches
    client.force_login(student.user)
    body = client.get(reverse("portal:home")).content.decode()
    assert matches.first().job.title in body
