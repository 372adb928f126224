"""Helpers for the 项目活动 tests: programmes open now (or not), students with login accounts."""

import datetime

from django.utils import timezone

from careers.events.models import Programme, ProgrammeEntryType
from tests.events.talks_support import student_account  # noqa: F401


def programme(*, team=True, opens=-1, closes=5, state="published", min_members=2, max_members=3, types=("本科组",),
              **extra):
    now = timezone.now()
    p = Programme.objects.create(
        title=extra.pop("title", "挑战杯创业计划竞赛" if team else "职业规划大赛"),
        entry_form="team" if team else "individual",
        registration_opens_at=now + datetime.timedelta(days=opens),
        registration_closes_at=now + datetime.timedelta(days=closes),
        min_members=min_members if team else 1, max_members=max_members if team else 1, state=state, **extra)
    p.entry_types.set([ProgrammeEntryType.objects.get_or_create(name=name)[0] for name in types])
    return p


def values(p, **extra):
    return {"entry_type": p.entry_types.first(), "team_name": "星火队" if p.is_team else "", "advisor_name": "",
            "advisor_contact": "", "note": "", **extra}
