"""Demo 职位智能匹配: yesterday's run, done, matching the published demo jobs against the latest year's résumés
with the real Matcher — so the student hub's 为你推荐 and the back office's run and match lists have rows.
Idempotent: a day already run is left alone."""

import datetime

from django.db import transaction
from django.utils import timezone

from careers.resumes.models import Resume

from ..jobs.models import Job
from .models import JobMatch, MatchRun
from .run import Codes, Matcher, insert_matches, load_jobs, load_students, max_per_student


@transaction.atomic  # insert_matches' temporary table lives until the commit
def seed(rng, years):
    run_date = timezone.localdate() - datetime.timedelta(days=1)
    if not years or MatchRun.objects.filter(run_date=run_date).exists():
        return
    codes = Codes()
    jobs = load_jobs(Job.objects.published(), codes)
    if not jobs:
        return
    students = load_students(Resume.objects.filter(student__graduation_year=max(years), student__user__isnull=False),
                             codes)
    matcher = Matcher(jobs, max_per_student())
    rows = [(student_id, job_id, total, reasons) for student_id, (_, profiles) in students.items()
            for job_id, total, reasons in matcher.for_student(profiles, frozenset())]
    run = MatchRun.objects.create(run_date=run_date, status=MatchRun.Status.DONE, jobs=len(jobs),
                                  students=len(students), finished_at=timezone.now())
    run.matches = insert_matches(run, rows)
    run.save(update_fields=["matches"])
    # one time for the whole run, as PostgreSQL's single INSERT gives it: on SQLite each row had its own
    # instant, and the hub (newest first, then best) showed the last-inserted, weakest matches first
    JobMatch.objects.filter(run=run).update(created_at=run.finished_at)
