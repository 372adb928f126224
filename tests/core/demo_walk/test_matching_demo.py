"""The demo's 职位智能匹配 (on the demo school this package builds once): yesterday's run is done, the demo
student finds the matched jobs on the hub, and running the demo step again adds nothing."""

import random

from django.urls import reverse

from careers.recruitment.matching.demo import seed
from careers.recruitment.models import JobMatch, MatchRun
from careers.students.demo import demo_student
from tests.demowalk import DEMO_YEARS


def test_demo_student_has_matches_with_reasons_and_a_second_run_adds_none(client, demo):
    [run] = MatchRun.objects.all()
    assert run.status == MatchRun.Status.DONE and run.matches == JobMatch.objects.count() > 0
    student = demo_student(DEMO_YEARS)
    matches = JobMatch.objects.filter(student=student).order_by("-created_at", "-score", "-pk")
    assert matches.exists() and all(m.reasons for m in matches)
    seed(random.Random(1), DEMO_YEARS)
    assert MatchRun.objects.count() == 1 and JobMatch.objects.count() == run.matches
    client.force_login(student.user)
    assert matches.first().job.title in client.get(reverse("portal:home")).content.decode()
