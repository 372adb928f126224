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
    count = Student.objects.count()  # 40 plus the variants of careers/students/demo.py
    assert count > 40 and Student.objects.filter(user__isnull=False).count() == count
    assert User.objects.filter(kind=User.Kind.COLLEGE_ADMIN, managed_majors__isnull=False).distinct().count() == 2
    call_command("seed_demo", "--students-per-year", "20", stdout=io.StringIO())  # idempotent
    assert Student.objects.count() == count


def test_the_demo_holds_every_variant_the_walk_needs():
    from careers.codes.models import Code
    from careers.core.demo import DEMO_PASSWORD, build_demo
    from careers.recruitment.models import Employer, Job
    from careers.resumes.models import Resume
    from careers.students.demo import demo_student
    from careers.students.models import MajorTransfer

    build_demo(students_per_year=40)
    origins = set(Student.objects.values_list("origin_region__code", flat=True))
    assert {"220272", "320971", "110101"} <= origins  # development zones and a municipality's district
    statuses = set(Code.objects.of("enrolment_status").values_list("pk", flat=True))
    assert set(Student.objects.values_list("enrolment_status", flat=True)) == statuses
    assert set(Student.objects.values_list("review_status", flat=True)) == {"approved", "pending", "rejected"}
    assert set(MajorTransfer.objects.values_list("status", flat=True)) == {"pending", "approved", "rejected"}
    student = demo_student((2026, 2027))
    assert {bool(r.attachment) for r in Resume.objects.filter(student=student)} == {True, False}
    assert student.user.check_password(DEMO_PASSWORD) and not student.user.must_change_password
    assert len(set(Employer.objects.values_list("review_status", flat=True))) == 3
    assert Job.objects.filter(closed_at__isnull=False).exists() and Job.objects.exclude(pending_changes={}).exists()
