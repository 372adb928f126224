"""Demo 提醒设置: the demo student keeps the defaults with 每日宣讲会提醒 on; further students with an account get
the other combinations of the six switches (all off, all on, day-before only, pushes only …), up to all 64.
Idempotent: a student who already has a preference keeps it."""

import itertools

from careers.students.demo import demo_student
from careers.students.models import Student

from .models import ReminderPreference
from .prefs import FIELDS, default

FIRST = {**{name: default(name) for name in FIELDS}, "daily_talks": True}  # the demo student's
NAMED = [
    {name: False for name in FIELDS},  # 全部关闭
    {name: True for name in FIELDS},  # 全部开启
    {**{name: False for name in FIELDS}, "daily_talks": True},  # 只要每日宣讲会提醒
    {**{name: True for name in FIELDS}, "daily_talks": False, "job_matches": False, "application_updates": False},
]


def combinations():
    seen, out = set(), []
    for values in [FIRST, *NAMED, *(dict(zip(FIELDS, bits)) for bits in itertools.product((True, False),
                                                                                          repeat=len(FIELDS)))]:
        key = tuple(values[name] for name in FIELDS)
        if key not in seen:
            seen.add(key)
            out.append(values)
    return out


def seed(rng, years):
    combos = combinations()
    first = demo_student(years)
    users = list(Student.objects.filter(user__isnull=False, user__is_active=True, graduation_year__in=years)
                 .exclude(pk=getattr(first, "pk", None)).order_by("-graduation_year", "pk")
                 .values_list("user_id", flat=True)[:len(combos) - 1])
    if first is not None:
        users.insert(0, first.user_id)
    have = set(ReminderPreference.objects.filter(user_id__in=users).values_list("user_id", flat=True))
    ReminderPreference.objects.bulk_create([ReminderPreference(user_id=user_id, **values)
                                            for user_id, values in zip(users, combos) if user_id not in have])
