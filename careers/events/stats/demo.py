"""Demo deliveries for the statistics of the past demo fair: students who checked in delivered on line
to the fair's jobs during the fair (简历投递 on the stats page). Idempotent: one delivery per job and
student. Runs last, after every other events demo."""

import datetime

from django.db import transaction

from careers.recruitment.applications.demo import demo_resume
from careers.recruitment.models import Application
from careers.recruitment.applications.snapshot import build_snapshot, resumes_for_snapshot
from careers.resumes.models import Resume

from ..fairs.demo import PAST
from ..models import CheckIn, Fair
from .figures import visible_fair_jobs


@transaction.atomic
def seed(rng, years):
    fair = Fair.objects.filter(title=PAST).first()
    if fair is None:
        return
    jobs = list(visible_fair_jobs().filter(participation__fair=fair).select_related("job").order_by("pk"))
    if not jobs:
        return
    checkins = CheckIn.objects.filter(fair=fair).select_related("student__major").order_by("pk")[:25]
    for n, checkin in enumerate(checkins):
        job = jobs[n % len(jobs)].job
        student = checkin.student
        if Application.objects.filter(job=job, student=student).exists():
            continue
        resume = resumes_for_snapshot(Resume.objects.filter(pk=demo_resume(student).pk)).get()
        application = Application.objects.create(job=job, employer_id=job.employer_id, student=student, resume=resume,
                                                 snapshot=build_snapshot(resume))
        at = max(checkin.checked_in_at, fair.starts_at) + datetime.timedelta(minutes=15)
        Application.objects.filter(pk=application.pk).update(created_at=min(at, fair.ends_at),
                                                             status_changed_at=min(at, fair.ends_at))
