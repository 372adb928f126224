"""Demo: a monthly history of snapshots, so the 截至日期 picker of 就业率统计 has something to show.

Runs after the employment demo (INSTALLED_APPS order) and works whether or not it filled any
records. Each backdated snapshot is rebuilt as the records looked that day: an approved record
counts from its 落实日期, or — when it has none — from a date spread over the season by student id,
so the rates climb month by month. Idempotent: days that already have a snapshot are kept.
"""

import datetime

from django.utils import timezone

from careers.employment.models import EmploymentRecord

from .models import Snapshot
from .snapshots import take_snapshot


def snapshot_days(year, today):
    """The 1st of every month from March up to this month, plus 31 August (the MoE reference date)."""
    first = datetime.date(today.year if today.month >= 3 else today.year - 1, 3, 1)
    days = []
    day = first
    while day < today:
        days.append(day)
        day = datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    reference = datetime.date(year, 8, 31)
    if first <= reference < today:
        days.append(reference)
    return sorted(days)


def counted_from(year, first, today):
    """{student id: the day its approved record starts to count}."""
    span = max((today - first).days, 1)
    records = EmploymentRecord.objects.filter(student__graduation_year=year, student__is_active=True,
                                              destination__isnull=False)
    return {student_id: placed_on or first + datetime.timedelta(days=student_id * 7919 % span)
            for student_id, placed_on in records.values_list("student_id", "placed_on")}


def seed(rng, years):
    today = timezone.localdate()
    for year in years:
        days = snapshot_days(year, today)
        if not days:
            continue
        existing = set(Snapshot.objects.filter(graduation_year=year, taken_on__in=days)
                       .values_list("taken_on", flat=True))
        starts = counted_from(year, days[0], today)
        for day in days:
            if day in existing:
                continue
            not_yet = [student_id for student_id, start in starts.items() if start > day]
            take_snapshot(year, day, source=Snapshot.Source.DEMO, treat_as_unreported=not_yet)
