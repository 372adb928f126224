"""Demo deliveries: a few demo students deliver a résumé to demo jobs, in every status.

Idempotent (one delivery per job and student, get-or-create) and quiet when there are no published
jobs yet. Students without a résumé get a small one first (the résumé builder has no demo data).
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careers.core.messaging import send_message
from careers.resumes.models import Resume

from ..jobs.models import Job
from .models import Application
from .snapshot import build_snapshot, resumes_for_snapshot

STATUSES = [Application.Status.DELIVERED, Application.Status.VIEWED, Application.Status.INTERVIEW,
            Application.Status.OFFER, Application.Status.REJECTED, Application.Status.VIEWED]
NOTES = {Application.Status.INTERVIEW: "请于下周三 14:00 到公司三楼会议室面试，携带简历。",
         Application.Status.OFFER: "恭喜通过面试，HR 将电话联系您办理入职。"}
MAX_STUDENTS = 6
# The demo employer login's home: more deliveries to its own jobs (status, hours ago), the fresh ones
# announced in its inbox as a real delivery is (unread), so every card of company:home has something.
LOGIN_DELIVERIES = [(Application.Status.DELIVERED, 2), (Application.Status.INTERVIEW, 50),
                    (Application.Status.DELIVERED, 20)]


def demo_resume(student):
    """The student's résumé, or a new one of the student's field (resumes/demo.py), unlike any other."""
    from careers.resumes.demo import make_resume

    return Resume.objects.filter(student=student).first() or make_resume(student)


def fitting_job(jobs, student, index):
    """The index-th (in turn) of the jobs open to the student's major (its 专业类别 named, or 不限): a student
    delivers where the major fits, as the matching would propose; any job when none fits."""
    fits = [job for job in jobs if not job.disciplines.all()
            or student.major.discipline_id in {code.pk for code in job.disciplines.all()}]
    pool = fits or jobs
    return pool[index % len(pool)]


@transaction.atomic
def seed(rng, years):
    from careers.students.models import Student

    jobs = list(Job.objects.published().select_related("employer").prefetch_related("disciplines")
                .order_by("pk")[:12])
    if not jobs:
        return
    year = max(years) if years else timezone.localdate().year
    students = list(Student.objects.filter(graduation_year=year, user__isnull=False, is_active=True)
                    .select_related("major").order_by("pk")[:MAX_STUDENTS])
    now = timezone.now()
    for index, student in enumerate(students):
        resume = resumes_for_snapshot(Resume.objects.filter(pk=demo_resume(student).pk)).get()
        job = fitting_job(jobs, student, index)
        if Application.objects.filter(job=job, student=student).exists():
            continue
        status = STATUSES[index % len(STATUSES)]
        # Times from the index, not rng: the seeds that run after this one see the same random stream.
        delivered_at = now - datetime.timedelta(hours=6 * index + 12)
        application = Application.objects.create(
            job=job, employer=job.employer, student=student, resume=resume, snapshot=build_snapshot(resume),
            status=status, employer_note=NOTES.get(status, ""),
            status_changed_at=delivered_at if status == Application.Status.DELIVERED
            else delivered_at + datetime.timedelta(hours=4))
        Application.objects.filter(pk=application.pk).update(created_at=delivered_at)
    _login_deliveries(students_after=MAX_STUDENTS, year=year, now=now)


def _login_deliveries(students_after, year, now):
    from careers.students.models import Student

    from ..employers.models import Employer

    employer = Employer.objects.admitted().order_by("pk").first()  # the demo employer login (星辰科技)
    jobs = list(Job.objects.published().filter(employer=employer).order_by("pk")[:2]) if employer else []
    if not jobs:
        return
    students = list(Student.objects.filter(graduation_year=year, user__isnull=False, is_active=True)
                    .select_related("major").order_by("pk")[students_after:students_after + len(LOGIN_DELIVERIES)])
    for index, (student, (status, hours)) in enumerate(zip(students, LOGIN_DELIVERIES)):
        job = jobs[index % len(jobs)]
        if Application.objects.filter(job=job, student=student).exists():
            continue
        resume = resumes_for_snapshot(Resume.objects.filter(pk=demo_resume(student).pk)).get()
        delivered_at = now - datetime.timedelta(hours=hours)
        application = Application.objects.create(
            job=job, employer=employer, student=student, resume=resume, snapshot=build_snapshot(resume),
            status=status, employer_note=NOTES.get(status, ""),
            status_changed_at=delivered_at if status == Application.Status.DELIVERED
            else delivered_at + datetime.timedelta(hours=3))
        Application.objects.filter(pk=application.pk).update(created_at=delivered_at)
        if status == Application.Status.DELIVERED:
            message = send_message(
                recipients=[employer.user], subject=f"收到新的简历投递：{job.title}",
                body=f"{student.name}（{student.major.name}）投递了贵单位的职位“{job.title}”。请登录单位中心查看。",
                link=reverse("company:application_detail", args=[application.pk]))
            if message is not None:  # dated like the delivery it announces
                type(message).objects.filter(pk=message.pk).update(created_at=delivered_at)
                message.deliveries.update(sent_at=delivered_at)
