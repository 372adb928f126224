"""The nightly run (manual 4.3: “系统将于第二天根据学生简历信息智能匹配职位信息并通过微信消息提醒学生”).

`run_matching(run_date)` matches the posts first approved on the local day before `run_date` that are
still published against the students who may receive them, and tells each student once.

Who is matched: students who are active (在读), whose account is active, who did not opt out
(MatchOptOut), who graduate this year or later or graduated last year (graduation_year >= year - 1),
and who have at least one approved résumé. Each résumé is a `scoring.Profile`; a job fits the student
when it fits one résumé, with that résumé's score and reasons.

Steps and states (MatchRun, one row per run_date):

    (none) ──> RUNNING ──compute + insert matches (one transaction)──> notify (chunks) ──> DONE
                  └─ any error ──> FAILED (error kept); running again resumes
    DONE: a second run of the same date returns at once.

Idempotence: JobMatch (student, job) is unique and inserted with ignore_conflicts; students who
already hold a match for one of the night's jobs are not matched again (so a resumed run never sends
more than N); messages are sent per chunk of students inside the transaction that sets `notified_at`
on their matches, locked with SKIP LOCKED, so a match is announced once even with two workers. The
messages are recorded with core messaging's `send_messages` (send_message for many messages: a few
INSERTs per 1,000 instead of a few queries each); e-mail/WeChat deliveries are queued after commit.
WeChat goes to the students who keep 职位匹配推送 on (微信提醒设置); the others still get the inbox copy.
"""

import datetime
import heapq
import json
import logging
import time
from collections import defaultdict

from django.conf import settings
from django.db import connections, transaction
from django.urls import reverse
from django.utils import timezone

from careers.accounts.models import User
from careers.codes.models import Code
from careers.core.messaging import send_messages
from careers.core.transitions import locked
from careers.resumes.models import Resume
from careers.wechat.reminders.prefs import channel_groups

from ..jobs.models import Job
from . import scoring
from .models import JobMatch, MatchOptOut, MatchRun

logger = logging.getLogger(__name__)

INSERT_BATCH = 5000
NOTIFY_CHUNK = 1000
FAIL = -1000  # points of a failed hard filter: the sum stays below any threshold


def max_per_student():
    return int(getattr(settings, "JOB_MATCH_MAX_PER_STUDENT", 5))


def channels():
    return tuple(getattr(settings, "JOB_MATCH_CHANNELS", ("inbox", "email")))


def day_window(run_date):
    """[start, end) of the local day before run_date, as aware datetimes."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(run_date - datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return start, start + datetime.timedelta(days=1)


def new_jobs(run_date):
    start, end = day_window(run_date)
    return Job.objects.published(today=run_date).filter(first_approved_at__gte=start, first_approved_at__lt=end)


def eligible_resumes(run_date):
    return Resume.objects.filter(
        review_status=Resume.ReviewStatus.APPROVED, student__is_active=True, student__user__is_active=True,
        student__graduation_year__gte=run_date.year - 1,
    ).exclude(student__in=MatchOptOut.objects.values("student_id"))


# -- loading into plain values ------------------------------------------------------------------------

class Codes:
    """Region and industry codes by id, with their chains up to the root (any table version)."""

    def __init__(self, kinds=("region", "industry")):
        rows = Code.objects.filter(table__kind__in=kinds).values_list("pk", "code", "name", "parent_id")
        self.rows = {pk: (code, name, parent) for pk, code, name, parent in rows}
        self._chains = {}

    def chain(self, pk):
        if pk not in self._chains:
            chain, seen, current = [], set(), pk
            while current is not None and current in self.rows and current not in seen:
                seen.add(current)
                code, name, parent = self.rows[current]
                chain.append((code, name))
                current = parent
            self._chains[pk] = tuple(chain)
        return self._chains[pk]


def short_name(code, name, extra):
    return (extra or {}).get("short_name") or name


def load_jobs(queryset, codes):
    rows = list(queryset.values_list("pk", "job_type", "region_id", "education__code", "education__name",
                                     "education__extra", "employer__industry_id", "salary_min", "salary_max"))
    disciplines = defaultdict(list)
    for job_id, code, name in Job.disciplines.through.objects.filter(job_id__in=[r[0] for r in rows]).values_list(
            "job_id", "code__code", "code__name"):
        disciplines[job_id].append((code, name))
    jobs = []
    for pk, job_type, region, edu_code, edu_name, edu_extra, industry, smin, smax in rows:
        jobs.append(scoring.JobFacts(
            id=pk, job_type=job_type, region_chain=codes.chain(region),
            education=(edu_code, short_name(edu_code, edu_name, edu_extra)) if edu_code else None,
            disciplines=frozenset(c for c, _ in disciplines[pk]), discipline_names=tuple(sorted(disciplines[pk])),
            industry_chain=codes.chain(industry), salary_min=smin, salary_max=smax))
    return jobs


def load_students(queryset, codes, skip=()):
    """{student_id: (user_id, [Profile, ...])} for the eligible résumés' students, minus `skip`."""
    rows = list(queryset.values_list(
        "pk", "student_id", "student__user_id", "student__major__discipline__code",
        "student__major__discipline__name", "student__major__education_level__code",
        "student__major__education_level__name", "student__major__education_level__extra", "job_type",
        "expected_industry_id", "salary_min", "salary_max"))
    regions = defaultdict(list)
    through = Resume.expected_regions.through.objects.filter(resume__in=queryset.values("pk"))
    for resume_id, code_id in through.values_list("resume_id", "code_id"):
        regions[resume_id].append(code_id)
    industries, students = {}, {}
    for (pk, student_id, user_id, disc_code, disc_name, edu_code, edu_name, edu_extra, job_type, industry, smin,
         smax) in rows:
        if student_id in skip:
            continue
        expected = []
        for code_id in regions.get(pk, ()):
            chain = codes.chain(code_id)
            if chain:
                expected.append((chain[0][0], chain[0][1], chain[-1][0]))
        if industry is not None and industry not in industries:
            chain = codes.chain(industry)
            industries[industry] = (chain[0][0], chain[0][1], chain[-1][0] if len(chain) > 1 else None) \
                if chain else None
        profile = scoring.Profile(
            job_type=job_type, discipline=(disc_code, disc_name) if disc_code else None,
            education=(edu_code, short_name(edu_code, edu_name, edu_extra)) if edu_code else None,
            regions=tuple(sorted(set(expected))), industry=industries.get(industry) if industry else None,
            salary_min=smin, salary_max=smax)
        students.setdefault(student_id, (user_id, []))[1].append(profile)
    return students


# -- matching -----------------------------------------------------------------------------------------

class Matcher:
    """Top-N jobs per profile, fast, same result as scoring every pair with `scoring.score`:

    * jobs are bucketed by (type, province), the hard filters a profile selects whole buckets by;
    * inside a bucket, jobs are grouped by their requirements (education, disciplines), so a group
      failing the major/education filter is skipped at once, and groups are visited best first;
    * each criterion's points are memoised per (the profile's side, the job's side), so a pair costs
      a few dict look-ups; and once N jobs are held, what cannot beat the N-th any more is skipped
      (a bound from the criteria's maximum points).
    """

    def __init__(self, jobs, limit):
        self.jobs = {job.id: job for job in jobs}
        self.limit = limit
        interned = defaultdict(dict)  # criterion -> job-side value -> small int
        self.examples = defaultdict(dict)  # criterion -> small int -> a job carrying that value
        buckets = defaultdict(lambda: defaultdict(list))  # (type, province) -> req -> [(id, region, industry, salary)]
        for job in jobs:
            keys = []
            for criterion, value in (("req", (job.education, job.disciplines)), ("region", job.region_chain),
                                     ("industry", job.industry_chain), ("salary", (job.salary_min, job.salary_max))):
                key = interned[criterion].setdefault(value, len(interned[criterion]))
                self.examples[criterion].setdefault(key, job)
                keys.append(key)
            buckets[(job.job_type, job.province)][keys[0]].append((job.id, *keys[1:]))
        self.buckets = {key: list(groups.items()) for key, groups in buckets.items()}
        self.by_type = defaultdict(list)
        for (job_type, _), groups in self.buckets.items():
            self.by_type[job_type].extend(groups)
        self.memos = {name: {} for name in ("req", "region", "industry", "salary")}
        self.cache = {}

    def _memo(self, criterion, profile_side):
        return self.memos[criterion].setdefault(profile_side, {})

    def groups(self, profile):
        """[(requirements key, entries)] the profile's hard filters on type and province leave."""
        if not profile.regions:
            return self.by_type.get(profile.job_type, ())
        provinces = sorted({province for _, _, province in profile.regions})
        return [group for province in provinces for group in self.buckets.get((profile.job_type, province), ())]

    def top(self, profile, extra=0):
        """[(score, job_id), ...] best first, at most `limit` (+ `extra`), score >= MIN_SCORE."""
        key = profile.cache_key()
        if not extra and key in self.cache:
            return self.cache[key]
        ex = self.examples
        req_memo = self._memo("req", (profile.discipline, profile.education))
        region_memo = self._memo("region", profile.regions)
        industry_memo = self._memo("industry", profile.industry)
        salary_memo = self._memo("salary", (profile.salary_min, profile.salary_max))
        w = scoring.WEIGHTS
        threshold = scoring.MIN_SCORE - w["type"]  # the type matches inside a bucket
        rest_max = w["industry"] + w["salary"]
        group_rest_max = w["region"] + rest_max
        visit = []
        for req, entries in self.groups(profile):
            q = req_memo.get(req)
            if q is None:
                job = ex["req"][req]
                a, b = scoring.major_points(job, profile), scoring.education_points(job, profile)
                q = req_memo[req] = FAIL if a is None or b is None else a[0] + b[0]
            if q >= 0:
                visit.append((q, entries))
        visit.sort(key=lambda group: -group[0])
        heap, limit = [], self.limit + extra
        floor = threshold  # a job must reach this to be kept: the threshold, then the N-th best score
        for q, entries in visit:
            if q + group_rest_max < floor:
                break  # groups come best first: none of the rest can enter
            for job_id, region, industry, salary in entries:
                r = region_memo.get(region)
                if r is None:
                    result = scoring.region_points(ex["region"][region], profile)
                    r = region_memo[region] = FAIL if result is None else result[0]
                partial = q + r
                if partial + rest_max < floor:
                    continue
                i = industry_memo.get(industry)
                if i is None:
                    i = industry_memo[industry] = scoring.industry_points(ex["industry"][industry], profile)[0]
                s = salary_memo.get(salary)
                if s is None:
                    s = salary_memo[salary] = scoring.salary_points(ex["salary"][salary], profile)[0]
                total = partial + i + s
                if total >= floor:
                    item = (total, job_id)
                    if len(heap) < limit:
                        heapq.heappush(heap, item)
                        if len(heap) == limit:
                            floor = max(floor, heap[0][0])
                    elif item > heap[0]:
                        heapq.heapreplace(heap, item)
                        floor = max(floor, heap[0][0])
        weight = w["type"]
        result = [(total + weight, job_id) for total, job_id in sorted(heap, reverse=True)]
        if not extra:
            self.cache[key] = result
        return result

    def for_student(self, profiles, exclude=frozenset()):
        """The student's best `limit` jobs over all their résumés, leaving out the jobs in `exclude`
        (already sent): [(job_id, score, reasons)]."""
        best = {}
        for profile in profiles:
            for total, job_id in self.top(profile, extra=len(exclude)):
                if job_id not in exclude and total > best.get(job_id, -1):
                    best[job_id] = total
        chosen = sorted(best.items(), key=lambda item: (-item[1], -item[0]))[:self.limit]
        out = []
        for job_id, total in chosen:
            result = scoring.best_score(self.jobs[job_id], profiles)
            assert result is not None and result[0] == total, (job_id, result, total)
            out.append((job_id, result[0], result[1]))
        return out


# -- the run ------------------------------------------------------------------------------------------

def run_matching(run_date=None, *, acting_user=None):
    """Run (or resume) the night of `run_date` (default: today, local time). Returns the MatchRun."""
    run_date = run_date or timezone.localdate()
    run, _ = MatchRun.objects.get_or_create(run_date=run_date)
    if run.status == MatchRun.Status.DONE:
        return run
    started = time.perf_counter()
    try:
        with transaction.atomic():
            run = locked(run)  # one worker computes at a time
            if run.status == MatchRun.Status.DONE:
                return run
            compute(run)
        notify(run)
    except Exception as exc:
        MatchRun.objects.filter(pk=run.pk).update(status=MatchRun.Status.FAILED, error=repr(exc)[:2000],
                                                  finished_at=timezone.now())
        logger.exception("job matching for %s failed", run_date)
        raise
    run.status = MatchRun.Status.DONE
    run.error = ""
    run.finished_at = timezone.now()
    run.matches = JobMatch.objects.filter(run=run).count()
    run.notified = JobMatch.objects.filter(run=run, notified_at__isnull=False).values("student_id").distinct().count()
    run.save(update_fields=["status", "error", "finished_at", "matches", "notified"])
    logger.info("job matching %s: %s jobs, %s students, %s matches in %.1f s", run_date, run.jobs, run.students,
                run.matches, time.perf_counter() - started)
    return run


def compute(run):
    """Match and insert (inside the caller's transaction); students already matched to one of the night's
    jobs (an earlier, interrupted run) are left as they are."""
    run.status, run.error = MatchRun.Status.RUNNING, ""
    codes = Codes()
    jobs = load_jobs(new_jobs(run.run_date), codes)
    job_ids = [job.id for job in jobs]
    done, sent = set(), defaultdict(set)
    for student_id, job_id, run_id in JobMatch.objects.filter(job_id__in=job_ids).values_list(
            "student_id", "job_id", "run_id"):
        if run_id == run.pk:
            done.add(student_id)  # matched by an interrupted run of this night: keep what it chose
        else:
            sent[student_id].add(job_id)  # never the same job twice
    students = load_students(eligible_resumes(run.run_date), codes, skip=done) if jobs else {}
    run.jobs, run.students = len(jobs), len(students) + len(done)
    matcher = Matcher(jobs, max_per_student())
    rows = []
    for student_id, (_, profiles) in students.items():
        for job_id, total, reasons in matcher.for_student(profiles, sent.get(student_id, frozenset())):
            rows.append((student_id, job_id, total, reasons))
    run.matches = insert_matches(run, rows)
    run.save()


def insert_matches(run, rows):
    """Insert (student_id, job_id, score, reasons) rows, skipping pairs that exist (the unique constraint).

    PostgreSQL: COPY into a temporary table, then one INSERT … ON CONFLICT DO NOTHING — bulk_create with
    ignore_conflicts spends most of its time adapting 150,000 JSON values one by one. Elsewhere (SQLite in
    local runs): bulk_create(ignore_conflicts=True)."""
    if not rows:
        return 0
    connection = connections[JobMatch.objects.db]
    if connection.vendor != "postgresql":
        JobMatch.objects.bulk_create([JobMatch(student_id=s, job_id=j, run=run, score=t, reasons=r)
                                      for s, j, t, r in rows], batch_size=INSERT_BATCH, ignore_conflicts=True)
        return JobMatch.objects.filter(run=run).count()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS tmp_job_match")
        cursor.execute("CREATE TEMPORARY TABLE tmp_job_match (student_id bigint, job_id bigint, score double precision,"
                       " reasons jsonb) ON COMMIT DROP")
        with cursor.copy("COPY tmp_job_match (student_id, job_id, score, reasons) FROM STDIN") as copy:
            for student_id, job_id, total, reasons in rows:
                copy.write_row((student_id, job_id, float(total), json.dumps(reasons, ensure_ascii=False)))
        table = connection.ops.quote_name(JobMatch._meta.db_table)
        cursor.execute(f"INSERT INTO {table} (student_id, job_id, run_id, score, reasons, created_at) "
                       "SELECT student_id, job_id, %s, score, reasons, %s FROM tmp_job_match "
                       "ON CONFLICT DO NOTHING", [run.pk, timezone.now()])
        return cursor.rowcount


def notify(run):
    """One message per student for their matches of this run not yet announced (students with the very
    same jobs and reasons share one Message); chunks of students, each in its own transaction (messages
    + notified_at together)."""
    pending = JobMatch.objects.filter(run=run, notified_at__isnull=True)
    student_ids = sorted(set(pending.values_list("student_id", flat=True)))
    if not student_ids:
        return 0
    jobs = {pk: (pk, title, employer, region, Job(salary_min=smin, salary_max=smax).salary_display)
            for pk, title, employer, region, smin, smax in Job.objects.filter(pk__in=pending.values("job_id"))
            .values_list("pk", "title", "employer__name", "region__name", "salary_min", "salary_max")}
    link = reverse("portal_recruitment:job_matches")
    sent = 0
    for start in range(0, len(student_ids), NOTIFY_CHUNK):
        chunk = student_ids[start:start + NOTIFY_CHUNK]
        with transaction.atomic():
            rows = list(JobMatch.objects.filter(run=run, notified_at__isnull=True, student_id__in=chunk)
                        .select_for_update(skip_locked=True, of=("self",))
                        .values_list("pk", "student_id", "student__user_id", "job_id", "score", "reasons"))
            per_student = defaultdict(list)
            users = {}
            for pk, student_id, user_id, job_id, total, reasons in rows:
                per_student[student_id].append((total, job_id, reasons, pk))
                users[student_id] = user_id
            groups = defaultdict(list)  # identical messages are recorded once for all their recipients
            for student_id, items in per_student.items():
                items.sort(key=lambda item: (-item[0], -item[1]))
                subject, body = compose([(jobs[job_id], total, reasons) for total, job_id, reasons, _ in items])
                if users[student_id]:
                    groups[(subject, body)].append(users[student_id])
            # the users were selected active with the students; unsaved stand-ins avoid a query per message.
            # WeChat (when registered) only for the students who keep 职位匹配推送 on: one query per chunk.
            for keys, wanted in channel_groups(users.values(), "job_matches", channels()):
                send_messages([([User(pk=uid, is_active=True) for uid in user_ids if uid in wanted], subject, body,
                                link) for (subject, body), user_ids in groups.items()], channels=keys, kind="job_match")
            JobMatch.objects.filter(pk__in=[row[0] for row in rows]).update(notified_at=timezone.now())
            sent += len(per_student)
    return sent


def compose(items):
    """(subject, body) of a student's message: the jobs, their scores and reasons, and the page link."""
    lines = ["同学你好！根据你的简历和求职期望，学校为你推荐以下新职位："]
    for index, ((pk, title, employer, region, salary), total, reasons) in enumerate(items, 1):
        lines.append(f"{index}. {title} — {employer}（{region} · {salary}）")
        lines.append(f"   匹配度 {round(total)} 分：{'；'.join(reasons)}")
        lines.append(f"   职位详情：{settings.SITE_URL}/jobs/{pk}/")
    lines.append("在“我的职位推荐”页面可查看全部推荐；如不想再收到推荐，可在该页面选择“不再接收职位推荐”。")
    return f"职位推荐：为你匹配到 {len(items)} 个新职位", "\n".join(lines)
