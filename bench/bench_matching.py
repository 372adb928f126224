"""职位智能匹配 at scale (issue 5): the nightly run for 30,000 students with résumés × 3,000 posts
approved the day before, target <= 60 s on this machine (2 cores).

Data: seed_students (30,000, graduating 2026–2027) whose majors are spread over 专业类别 and 学历;
one résumé each (some two), with expectations drawn like real ones (most name one to three cities,
a popular few dominate; most name an industry and a salary range); 300 admitted employers and 3,000
posts approved yesterday, spread over the same cities, types, education and discipline requirements.

Timed: `run_matching(today)` end to end — loading, matching, inserting the JobMatch rows, and
recording one message per student (inbox + e-mail through send_message), each phase printed too.
The e-mail deliveries themselves are queued to the Celery broker, not sent in-process: they run on
workers at the channel's rate limit (MESSAGE_RATE_LIMITS, 10/s by default), which is the messaging
service's budget, not the run's. Then a second run of the same date (must add and send nothing).
"""

import datetime
import io
import random
import time

from bench.common import line

STUDENTS = 30_000
JOBS = 3_000
EMPLOYERS = 300
ORDER = 60

CITIES = [  # (region code, weight): the school's city first, then the usual destinations
    ("420100", 30), ("440300", 10), ("440100", 8), ("110100", 8), ("310100", 8), ("330100", 7), ("510100", 5),
    ("320100", 5), ("430100", 5), ("500100", 3), ("610100", 3), ("420500", 3), ("421000", 2), ("370200", 2),
    ("350200", 2), ("120100", 2), ("410100", 3), ("360100", 2), ("340100", 2), ("420600", 2)]
PROVINCES = ["420000", "440000", "320000", "330000"]
INDUSTRIES = [("65", 20), ("64", 8), ("I", 6), ("66", 6), ("J", 3), ("39", 8), ("36", 5), ("P", 5), ("83", 4),
              ("47", 5), ("73", 4), ("E", 3), ("51", 3), ("72", 4), ("84", 3), ("C", 3), ("44", 2)]
DISCIPLINES = [("08", 40), ("12", 15), ("02", 10), ("07", 10), ("05", 6), ("10", 5), ("03", 4), ("13", 4),
               ("04", 3), ("09", 2), ("06", 1)]


def pick(rng, options):
    values, weights = zip(*options)
    return rng.choices(values, weights)[0]


def salary(rng, none_share=0.2):
    if rng.random() < none_share:
        return None, None
    low = rng.choice([3000, 4000, 5000, 6000, 7000, 8000, 10000, 12000, 15000])
    return low, rng.choice([None, low + 2000, low + 4000, low + 6000, low * 2])


def build(today):
    from django.core.management import call_command
    from django.db import transaction

    from careers.accounts.models import User
    from careers.codes.models import Code
    from careers.core.bulk import fast_insert
    from careers.org.models import Major
    from careers.recruitment.matching.run import day_window
    from careers.recruitment.models import Employer, Job
    from careers.resumes.models import Resume
    from careers.students.models import Student

    rng = random.Random(5)
    if not Code.objects.of("region").exists():
        from careers.codes.loader import load_regions

        load_regions()
    if Student.objects.filter(graduation_year__in=(2026, 2027)).count() < STUDENTS:
        call_command("seed_students", str(STUDENTS), "--years", "2026-2027", stdout=io.StringIO())
    region = {c.code: c for c in Code.objects.of("region").filter(level__lte=2)}
    counties = {}
    for pk, parent_code in Code.objects.of("region").filter(level=3).values_list("pk", "parent__code"):
        counties.setdefault(parent_code, []).append(pk)
    industry = {c.code: c for c in Code.objects.of("industry")}
    discipline = {c.code: c for c in Code.objects.of("discipline")}
    education = {c.code: c for c in Code.objects.of("education_level")}
    nature = Code.objects.of("employer_nature").first()
    with transaction.atomic():
        for i, major in enumerate(Major.objects.order_by("pk")):  # seed_students gives every major one category
            major.discipline = discipline[pick(random.Random(i), DISCIPLINES)]
            major.save(update_fields=["discipline"])
        students = list(Student.objects.filter(graduation_year__in=(2026, 2027), user__isnull=False)
                        .order_by("pk").values_list("pk", flat=True)[:STUDENTS])
        resumes, wanted = [], []
        for student_id in students:
            for n in range(2 if rng.random() < 0.1 else 1):
                smin, smax = salary(rng)
                roll = rng.random()
                job_type = "fulltime" if roll < 0.85 else "internship" if roll < 0.97 else "parttime"
                resumes.append(Resume(student_id=student_id, title=f"求职简历{n + 1}", job_type=job_type,
                                      expected_industry=industry[pick(rng, INDUSTRIES)] if rng.random() < 0.7
                                      else None, salary_min=smin, salary_max=smax))
                count = rng.choices([0, 1, 2, 3], [15, 50, 25, 10])[0]
                places = {pick(rng, CITIES) for _ in range(count)}
                if count and rng.random() < 0.1:
                    places.add(rng.choice(PROVINCES))
                wanted.append(places)
        fast_insert(Resume, resumes)
        Through = Resume.expected_regions.through
        fast_insert(Through, [Through(resume_id=r.pk, code_id=region[c].pk) for r, places in zip(resumes, wanted)
                              for c in places])
        users = fast_insert(User, [User(username=f"bench-employer-{i}", name=f"匹配测试单位{i}",
                                        kind=User.Kind.EMPLOYER, password="!") for i in range(EMPLOYERS)])
        now = datetime.datetime.now(datetime.timezone.utc)
        employers = fast_insert(Employer, [Employer(
            user=u, name=f"匹配测试单位{i}", name_key=f"匹配测试单位{i}", credit_code=f"BENCH{i:013d}", nature=nature,
            industry=industry[pick(rng, INDUSTRIES)], region=region[pick(rng, CITIES)], size="150-500",
            address="某路1号", contact_person="王", phone=f"1380000{i:04d}", email=f"hr{i}@example.com",
            review_status="approved", admitted_at=now, reviewed_at=now) for i, u in enumerate(users)])
        approved = day_window(today)[0] + datetime.timedelta(hours=10)
        jobs, requirements = [], []
        for i in range(JOBS):
            city = pick(rng, CITIES)
            where = rng.choice(counties.get(city, [region[city].pk])) if rng.random() < 0.6 else region[city].pk
            smin, smax = salary(rng, 0.15)
            roll = rng.random()
            jobs.append(Job(
                employer=employers[i % EMPLOYERS], title=f"匹配测试职位{i}", openings=rng.randint(1, 20),
                job_type="fulltime" if roll < 0.8 else "internship" if roll < 0.95 else "parttime",
                region_id=where, salary_min=smin, salary_max=smax,
                education=education[rng.choices(["31", "11", "41", "01"], [60, 15, 8, 2])[0]]
                if rng.random() < 0.7 else None,
                description="<p>岗位职责……</p>", deadline=today + datetime.timedelta(days=30),
                review_status="approved", first_approved_at=approved, bumped_at=approved, reviewed_at=approved))
            requirements.append({pick(rng, DISCIPLINES) for _ in range(rng.choice([1, 1, 2]))}
                                if rng.random() < 0.6 else set())
        fast_insert(Job, jobs)
        Disc = Job.disciplines.through
        fast_insert(Disc, [Disc(job_id=j.pk, code_id=discipline[c].pk) for j, codes in zip(jobs, requirements)
                           for c in codes])
    return len(students), len(resumes)


def run():
    from django.db import connection
    from django.utils import timezone

    from careers.core.models import Message, MessageDelivery
    from careers.recruitment.matching import run as matching
    from careers.recruitment.models import JobMatch, MatchRun
    from config.celery import app

    today = timezone.localdate()
    started = time.perf_counter()
    students, resumes = build(today)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    line("job_matching_seed", f"{time.perf_counter() - started:.1f}", "s")
    line("job_matching_students_resumes", f"{students}/{resumes}", "rows")

    # e-mail deliveries go to the broker (workers send them at the rate limit), not in-process
    app.conf.task_always_eager = False
    phases = {}
    originals = {name: getattr(matching, name) for name in ("compute", "notify")}
    for name, original in originals.items():

        def timed(*args, _original=original, _name=name, **kwargs):
            began = time.perf_counter()
            try:
                return _original(*args, **kwargs)
            finally:
                phases[_name] = time.perf_counter() - began
        setattr(matching, name, timed)
    before = Message.objects.count(), MessageDelivery.objects.count()  # other benches' messages are not ours
    try:
        began = time.perf_counter()
        run = matching.run_matching(today)
        total = time.perf_counter() - began
        messages = Message.objects.count() - before[0]
        again = time.perf_counter()
        matching.run_matching(today)
        second = time.perf_counter() - again
    finally:
        for name, original in originals.items():
            setattr(matching, name, original)
        app.conf.task_always_eager = True
    assert run.status == MatchRun.Status.DONE
    assert JobMatch.objects.filter(run=run).count() == run.matches and Message.objects.count() - before[0] == messages
    line("job_matching_eligible_students", run.students, "students")
    line("job_matching_matches", run.matches, "matches")
    line("job_matching_notified", run.notified, "students")
    line("job_matching_messages", messages, "messages")
    line("job_matching_deliveries", MessageDelivery.objects.count() - before[1], "rows")
    line("job_matching_phase_match_insert", f"{phases.get('compute', 0):.1f}", "s")
    line("job_matching_phase_notify", f"{phases.get('notify', 0):.1f}", "s")
    line("job_matching_second_run", f"{second:.2f}", "s")
    line(f"job_matching_{STUDENTS}x{JOBS}", f"{total:.1f}", "s", 60)
