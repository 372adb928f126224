"""The demo school's data (on the school this package builds once, with `make run`'s builders): every variant the
walk and the screenshots need, records valid under their own rules, and every step idempotent: running
`seed_demo` or one app's step again on the built school adds nothing."""

import io
import random

from django.core.management import call_command

from careers.accounts.models import User
from careers.students.models import Student
from tests.demowalk import DEMO_YEARS, STUDENTS_PER_YEAR


def test_seed_demo_prints_the_logins_and_a_second_run_adds_nothing(demo):
    from careers.events.models import Booth, CheckIn, Fair, Order, Participation, Registration, Talk, Venue

    def counts():
        return [m.objects.count() for m in (Student, User, Venue, Talk, Fair, Participation, Booth, Order,
                                             Registration, CheckIn)]

    before = counts()
    out = io.StringIO()
    call_command("seed_demo", "--students-per-year", str(STUDENTS_PER_YEAR), stdout=out)
    text = out.getvalue()
    assert "Careers#2026" in text and "10001" in text and "20001" in text and "学生" in text
    assert counts() == before


def test_the_demo_holds_every_variant_the_walk_needs(demo):
    from careers.codes.models import Code
    from careers.core.demo import DEMO_PASSWORD
    from careers.recruitment.models import Employer, Job
    from careers.resumes.models import Resume
    from careers.students.demo import demo_student
    from careers.students.models import MajorTransfer

    count = Student.objects.count()  # 40 a year plus the variants of careers/students/demo.py
    assert count > 2 * STUDENTS_PER_YEAR and Student.objects.filter(user__isnull=False).count() == count
    assert User.objects.filter(kind=User.Kind.COLLEGE_ADMIN, managed_majors__isnull=False).distinct().count() == 2
    origins = set(Student.objects.values_list("origin_region__code", flat=True))
    assert {"220272", "320971", "110101"} <= origins  # development zones and a municipality's district
    statuses = set(Code.objects.of("enrolment_status").values_list("pk", flat=True))
    assert set(Student.objects.values_list("enrolment_status", flat=True)) == statuses
    assert set(Student.objects.values_list("review_status", flat=True)) == {"approved", "pending", "rejected"}
    assert set(MajorTransfer.objects.values_list("status", flat=True)) == {"pending", "approved", "rejected"}
    student = demo_student(DEMO_YEARS)
    assert {bool(r.attachment) for r in Resume.objects.filter(student=student)} == {True, False}
    assert student.user.check_password(DEMO_PASSWORD) and not student.user.must_change_password
    assert len(set(Employer.objects.values_list("review_status", flat=True))) == 3
    assert Job.objects.filter(closed_at__isnull=False).exists() and Job.objects.exclude(pending_changes={}).exists()


def test_demo_jobs_fit_their_employer_and_resumes_differ(demo):
    """Screenshots tell the truth: a unit posts jobs of its own industry (its 单位行业 division or section, or a
    post any unit has: jobs/demo.py GENERAL), with a plausible monthly pay, published in the last weeks and open
    for the coming ones unless expired or closed; no two résumés share a self-evaluation."""
    import datetime

    from django.utils import timezone

    from careers.core.demo import DEMO_PASSWORD
    from careers.recruitment.jobs import demo as demo_jobs
    from careers.recruitment.models import Job
    from careers.resumes.models import Resume

    jobs = list(Job.objects.select_related("employer__industry__parent"))
    assert len({job.employer_id for job in jobs}) >= 20
    today, now = timezone.localdate(), timezone.now()
    for job in jobs:
        allowed = {*demo_jobs.groups_of(job.employer.industry), "*"}
        assert demo_jobs.template_groups(job.title) & allowed, (job.title, job.employer.name)
        if job.salary_min is not None:
            low, high = (4000, 30000) if job.job_type == "fulltime" else (1500, 6000)
            assert low <= job.salary_min <= job.salary_max <= high, job.title
        if job.first_approved_at:
            assert now - datetime.timedelta(days=60) <= job.first_approved_at <= now, job.title
        if job.deadline < today:
            assert job.first_approved_at and job.first_approved_at.date() < job.deadline, job.title
    sections = {job.employer.industry.parent.code for job in jobs}
    assert {"I", "C", "J", "P", "Q", "E", "A", "F", "S"} <= sections
    bank = next(job.employer for job in jobs if job.employer.industry.parent.code == "J")
    assert bank.user.check_password(DEMO_PASSWORD)  # the units share one hash of the demo password
    texts = list(Resume.objects.values_list("self_introduction", flat=True))
    assert len(texts) >= 6 and len(set(texts)) == len(texts) and all(texts)


def test_employment_records_are_valid_and_seeded_once(demo):
    from careers.core.review import ReviewStatus, apply_values
    from careers.core.scoping import SYSTEM
    from careers.employment.models import EmploymentRecord
    from careers.employment.outcomes.demo import seed_employment
    from careers.employment.outcomes.employers import lookup_employers
    from careers.employment.outcomes.templates_fill import clean_employment

    first = EmploymentRecord.objects.filter(student__graduation_year=2026)
    approved = first.filter(review_status=ReviewStatus.APPROVED, destination__extra__counts_as_placed="1").count()
    assert 0.45 * first.count() <= approved <= 0.75 * first.count()
    assert first.filter(review_status=ReviewStatus.PENDING).exists()
    assert first.filter(review_status=ReviewStatus.REJECTED).exists()
    for record in first.exclude(destination=None).select_related("student"):
        clean_employment(record)  # every seeded record fits its template
    for record in first.filter(review_status=ReviewStatus.PENDING).select_related("student"):
        probe = EmploymentRecord(student=record.student)
        apply_values(probe, record.pending_changes)
        clean_employment(probe)  # and every pending report could be approved as is
    assert lookup_employers("星辰", user=SYSTEM)[0].credit_code  # the registered demo employer with its records
    assert seed_employment(random.Random(1), list(DEMO_YEARS)) == 0  # already seeded: nothing changes


def test_events_in_every_state_with_a_whole_past_fair(demo):
    from careers.core.scoping import SYSTEM
    from careers.events.fairs.demo import PAST, UPCOMING
    from careers.events.models import Booth, Fair, Order, Registration, Talk, Venue
    from careers.events.stats.figures import fair_stats

    assert Venue.objects.filter(is_placeholder=True).count() == 2
    assert set(Talk.objects.values_list("status", flat=True)) == {"pending", "approved", "rejected", "cancelled"}
    upcoming, past = Fair.objects.get(title=UPCOMING), Fair.objects.get(title=PAST)
    assert set(upcoming.participations.values_list("status", flat=True)) == {"confirmed", "pending", "rejected",
                                                                            "withdrawn"}
    assert set(Order.objects.filter(participation__fair=upcoming).values_list("status", flat=True)) == {"paid",
                                                                                                     "unpaid"}
    stats = fair_stats(past, SYSTEM)
    assert stats.value("registrations") > 0 and stats.value("checkins") > 0 and stats.value("deliveries") > 0
    assert stats.value("units_checked_in") > 0 and stats.value("paid") > 0
    assert sum(n for _, n in stats.per_hour) == stats.value("checkins")
    assert Registration.objects.filter(fair=upcoming).exists() and Booth.objects.filter(fair=upcoming).exists()


def test_followup_ledger_and_progress_projects_are_seeded_once(demo):
    from careers.followup import demo as followup_demo
    from careers.followup.models import FollowUpEntry
    from careers.progress import demo as progress_demo
    from careers.progress.models import ProgressProject, ProgressReport

    entries = FollowUpEntry.objects.all()
    assert entries.exists()
    assert set(entries.values_list("student__major__college__name", flat=True)) == {"信息工程学院"}
    assert set(entries.values_list("student__graduation_year", flat=True)) == set(DEMO_YEARS)
    for entry in entries:
        entry.full_clean()  # demo entries follow the same date rules as typed ones
    states = {p.window_state().status for p in ProgressProject.objects.all()}
    assert states == {"open", "closed"}
    closed = ProgressProject.objects.get(title__endswith="（第一期）")
    majors_2026 = Student.objects.filter(graduation_year=2026).values("major").distinct().count()
    assert closed.reports.count() == majors_2026  # every major with 2026 students
    counts = (entries.count(), ProgressReport.objects.count())
    followup_demo.seed(random.Random(1), DEMO_YEARS)
    progress_demo.seed(random.Random(1), DEMO_YEARS)
    assert (FollowUpEntry.objects.count(), ProgressReport.objects.count()) == counts
    assert ProgressProject.objects.count() == 2


def test_online_agreements_in_every_state(demo):
    from careers.employment.agreements import signing_demo
    from careers.employment.agreements.models import OnlineAgreement, SigningStatus

    assert set(OnlineAgreement.objects.values_list("status", flat=True)) == set(SigningStatus.values)
    assert OnlineAgreement.objects.filter(status="signed", number__number="WQ2026000001").exists()
    count = OnlineAgreement.objects.count()
    signing_demo.seed(random.Random(1), list(DEMO_YEARS))
    assert OnlineAgreement.objects.count() == count  # idempotent
