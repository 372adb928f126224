"""What the stats area contributes to the rest of the platform (imported once from signals.py):

- 就业市场信息统计 counters "talks" (宣讲会) and "fairs" (招聘会): events held in the period (by start time);
  talks approved (already held or coming), grouped by the unit's industry or region (province); fairs
  published, not cancelled;
- the Celery task `events.send_event_reminders` (beat: daily 18:00 Asia/Shanghai, config/celery.py).
"""

from celery import shared_task

from careers.reports.market import (
    Counter,
    grouped,
    industry_section,
    region_province,
    register,
)

from ..models import Fair, FairStatus, Talk, TalkStatus


def held_talks(period):
    return period.on(Talk.objects.filter(status=TalkStatus.APPROVED), "starts_at")


def count_talks(period, by=""):
    talks = held_talks(period)
    if by == "industry":
        return grouped(talks, industry_section("employer__industry"))
    if by == "region":
        return grouped(talks, region_province("employer__region"))
    return talks.count()


def count_fairs(period, by=""):
    return period.on(Fair.objects.filter(status=FairStatus.PUBLISHED), "starts_at").count()


register(Counter("talks", "宣讲会", count_talks, groupings=("industry", "region"),
                 note="经学校审核通过（或学校直接发布）的宣讲会，按举办时间统计；学校发布且未关联单位的计入“（未填写）”"))
register(Counter("fairs", "招聘会", count_fairs,
                 note="已发布（未取消）的招聘会，按举办时间统计"))


@shared_task(name="events.send_event_reminders", acks_late=True, ignore_result=True)
def send_event_reminders(today=None):
    """Daily (beat, 18:00): remind the students registered for tomorrow's talks and fairs; safe to rerun."""
    import datetime

    from .actions import send_event_reminders as send

    if isinstance(today, str):
        today = datetime.date.fromisoformat(today)
    return str(send(today))
