"""The demo seeds of 就业跟踪台账 and 就业进展情况: some data, idempotent."""

import random

import pytest

from careers.core.demo import build_demo
from careers.followup import demo as followup_demo
from careers.followup.models import FollowUpEntry
from careers.progress import demo as progress_demo
from careers.progress.models import ProgressProject, ProgressReport

pytestmark = pytest.mark.django_db


def test_demo_ledger_and_progress_projects_are_seeded_once():
    build_demo(students_per_year=80)
    entries = FollowUpEntry.objects.all()
    assert entries.exists()
    assert set(entries.values_list("student__major__college__name", flat=True)) == {"信息工程学院"}
    assert set(entries.values_list("student__graduation_year", flat=True)) == {2026, 2027}
    for entry in entries:
        entry.full_clean()  # demo entries follow the same date rules as typed ones
    states = {p.window_state().status for p in ProgressProject.objects.all()}
    assert states == {"open", "closed"}
    closed = ProgressProject.objects.get(title__endswith="（第一期）")
    assert closed.reports.count() == 40  # every major with 2026 students
    counts = (entries.count(), ProgressReport.objects.count())
    followup_demo.seed(random.Random(1), (2026, 2027))
    progress_demo.seed(random.Random(1), (2026, 2027))
    assert (FollowUpEntry.objects.count(), ProgressReport.objects.count()) == counts
    assert ProgressProject.objects.count() == 2
