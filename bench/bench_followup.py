"""就业跟踪台账 at the size of a large college (issue 4's performance section):

the dynamic statistics table (生成统计表) for a college admin whose college has 5,000 graduates
with ~3 follow-up entries each, next to another college of the same size (so scope matters);
plus, for information, the ledger list page of that college.
"""

ORDER = 70  # after bench_students/bench_reports: its own large cohorts would skew their 200,000-student figures

import datetime
import random
import statistics
import time

from bench.common import line

STUDENTS = 5000
YEAR = 2027


def build_college(name, prefix, rng):
    """A college of STUDENTS graduates in 10 majors, with employment records and follow-up entries."""
    from careers.codes.models import Code
    from careers.employment.models import DispatchRecord, EmploymentRecord
    from careers.followup.models import FollowUpEntry
    from careers.org.models import Campus, College, Major
    from careers.students.models import Student

    campus = Campus.objects.get_or_create(name="台账校区")[0]
    college = College.objects.get_or_create(name=name)[0]
    level, duration, discipline = (Code.objects.of(kind).first()
                                   for kind in ("education_level", "duration", "discipline"))
    majors = [Major.objects.create(name=f"{name}专业{i}", major_code="080901", campus=campus, college=college,
                                   education_level=level, duration=duration, discipline=discipline)
              for i in range(10)]
    status = Code.objects.of("enrolment_status").get(code="01")
    students = Student.objects.bulk_create([
        Student(student_number=f"{prefix}{i:08d}", name=f"台账学生{i}", gender="1" if i % 2 else "2",
                id_number=f"{prefix}{i:016d}", graduation_year=YEAR, enrolment_year=YEAR - 4,
                major=majors[i % len(majors)], enrolment_status=status)
        for i in range(STUDENTS)
    ], batch_size=2000)
    destinations = list(Code.objects.of("destination"))
    DispatchRecord.objects.bulk_create([DispatchRecord(student=s) for s in students], batch_size=2000)
    records = []
    for s in students:
        roll = rng.random()
        if roll < 0.6:
            records.append(EmploymentRecord(student=s, destination=rng.choice(destinations), review_status="approved"))
        elif roll < 0.7:
            records.append(EmploymentRecord(student=s, destination=rng.choice(destinations), review_status="pending"))
        else:
            records.append(EmploymentRecord(student=s))
    EmploymentRecord.objects.bulk_create(records, batch_size=2000)
    situations = FollowUpEntry.Situation.values
    difficulties = FollowUpEntry.Difficulty.values
    start = datetime.date(YEAR - 1, 1, 1)
    entries = []
    for s in students:
        chosen = sorted(rng.sample(difficulties, rng.choice((1, 2)))) if rng.random() < 0.2 else []
        for _ in range(rng.choice((1, 2, 3, 3, 4, 5))):
            entries.append(FollowUpEntry(student=s, contacted_on=start + datetime.timedelta(days=rng.randrange(300)),
                                         situation=rng.choice(situations), difficulties=chosen,
                                         has_difficulty=bool(chosen), help_given="推荐岗位", next_step="回访"))
    FollowUpEntry.objects.bulk_create(entries, batch_size=5000)
    return majors, len(entries)


def run():
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from careers.accounts.models import User
    from careers.followup.statistics import ledger_statistics

    rng = random.Random(4)
    majors, entries = build_college("台账学院", "F", rng)
    build_college("台账另一学院", "G", rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # What autovacuum does to freshly bulk-loaded tables in a running system (visibility map, stats).
            for table in ("students_student", "employment_employmentrecord", "followup_followupentry"):
                cursor.execute(f"VACUUM ANALYZE {table}")
            cursor.execute("ANALYZE")
    user = User.objects.create(username="bench-ledger", name="台账管理员", kind=User.Kind.COLLEGE_ADMIN,
                               must_change_password=False, permissions=["followup.ledgerstudent.view"])
    user.managed_majors.set(majors)
    stats = ledger_statistics(user, YEAR)  # warm-up
    assert stats.total.counts["graduates"] == STUDENTS, stats.total.counts
    times = []
    for _ in range(9):
        started = time.perf_counter()
        ledger_statistics(user, YEAR)
        times.append((time.perf_counter() - started) * 1000)
    line(f"followup_statistics_college_{STUDENTS}", f"{statistics.median(times):.0f}", "ms", 200)
    line(f"followup_statistics_college_{STUDENTS}_entries", entries, "entries")

    client = Client(SERVER_NAME="localhost")
    client.force_login(user)
    url = f"{reverse('followup:ledgerstudent_list')}?graduation_year={YEAR}&situation=seeking"
    assert client.get(url).status_code == 200  # warm-up
    times = []
    for _ in range(5):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    line(f"followup_ledger_page_college_{STUDENTS}", f"{statistics.median(times):.0f}", "ms")
