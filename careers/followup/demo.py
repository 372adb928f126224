"""Demo ledger: follow-up entries for the 2026 and 2027 graduates of 信息工程学院 (idempotent, a few hundred rows)."""

import datetime

from django.utils import timezone

from .models import FollowUpEntry

COLLEGE = "信息工程学院"
HELP = ["推荐了 3 个匹配岗位", "一对一简历修改", "协助申请求职创业补贴", "转介心理咨询中心", "邀请参加专场招聘会",
        "提供公务员考试辅导资料", "联系家长共同沟通就业意向"]
NEXT = ["两周后回访面试结果", "跟进签约进度", "提醒关注校园招聘会", "月底前再次电话联系", "确认考研成绩后再沟通"]
OPEN_SITUATIONS = ["seeking", "seeking", "seeking", "civil_service", "study", "not_seeking", "unreachable", "other"]
DIFFICULTIES = [code for code, _ in FollowUpEntry.Difficulty.choices]


def seed(rng, years):
    """The finished 2026 cohort (contacts over the past year) and, lighter, the 2027 cohort this autumn."""
    today = timezone.localdate()
    for year, contacted_share, earliest in ((2026, 0.8, datetime.date(2025, 10, 1)),
                                            (2027, 0.4, datetime.date(2026, 9, 1))):
        if year in years:
            _seed_cohort(rng, year, contacted_share, max(earliest, today - datetime.timedelta(days=400)), today)


def _seed_cohort(rng, year, contacted_share, earliest, today):
    from careers.accounts.models import User
    from careers.employment.models import EmploymentRecord
    from careers.followup.queries import placed_condition
    from careers.students.models import Student

    students = list(Student.objects.filter(graduation_year=year, is_active=True, major__college__name=COLLEGE)
                    .order_by("student_number").values_list("pk", flat=True))
    if not students or earliest > today or FollowUpEntry.objects.filter(student__in=students).exists():
        return
    recorder = User.objects.filter(username="20001").first()
    placed = set(Student.objects.filter(pk__in=students).filter(placed_condition()).values_list("pk", flat=True))
    study = set(EmploymentRecord.objects.filter(student__in=placed, destination__extra__category="升学")
                .values_list("student_id", flat=True))
    span = (today - earliest).days
    entries = []
    for pk in students:
        if rng.random() > contacted_share:
            continue  # not contacted yet: the ledger shows who still needs a call
        count = min(span + 1, rng.choice((1, 1, 2, 2, 3)))
        days = sorted(rng.sample(range(span + 1), count))
        difficulties = sorted(rng.sample(DIFFICULTIES, rng.choice((1, 1, 2)))) if rng.random() < 0.2 else []
        for index, offset in enumerate(days):
            last = index == count - 1
            contacted = earliest + datetime.timedelta(days=offset)
            if pk in placed and last:
                situation = "study" if pk in study else "signed"
            elif pk in placed:
                situation = rng.choice(("seeking", "offered"))
            else:
                situation = rng.choice(OPEN_SITUATIONS)
            done = situation == "signed"
            entries.append(FollowUpEntry(
                student_id=pk, contacted_on=contacted, method=rng.choice(FollowUpEntry.Method.values[:3]),
                situation=situation, difficulties=difficulties, has_difficulty=bool(difficulties),
                help_given=rng.choice(HELP) if difficulties or situation == "seeking" else "",
                next_step="" if done else rng.choice(NEXT),
                next_contact_on=None if done else contacted + datetime.timedelta(days=rng.choice((7, 14, 30))),
                recorded_by=recorder))
    FollowUpEntry.objects.bulk_create(entries, batch_size=500)
