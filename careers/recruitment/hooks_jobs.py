"""What the jobs area contributes to the rest of the platform (imported once from signals.py):

- 就业市场信息统计 counters "jobs" (职位数) and "positions" (招聘人数 = sum of openings) of approved posts
  of admitted units, by first approval date, grouped by the unit's industry or the post's region (province);
- keeping `Job.search_text` current when an employer's approved name changes.
"""

from django.db.models import Sum
from django.db.models.signals import post_save
from django.dispatch import receiver

from careers.reports.market import (
    Counter,
    grouped,
    industry_section,
    region_province,
    register,
)

from .models import Employer, Job


def approved_jobs(period):
    return period.on(Job.objects.of_admitted_employers().filter(first_approved_at__isnull=False),
                     "first_approved_at")


def _count(period, by, aggregate):
    jobs = approved_jobs(period)
    if by == "industry":
        return grouped(jobs, industry_section("employer__industry"), aggregate)
    if by == "region":
        return grouped(jobs, region_province("region"), aggregate)
    return jobs.aggregate(n=aggregate)["n"] or 0


def count_jobs(period, by=""):
    from django.db.models import Count

    return _count(period, by, Count("pk"))


def count_positions(period, by=""):
    return _count(period, by, Sum("openings"))


register(Counter("jobs", "职位数", count_jobs, groupings=("industry", "region"),
                 note="已入驻单位发布、经学校审核通过的职位，按首次审核通过时间统计；地区为工作地区所在省份"))
register(Counter("positions", "招聘人数", count_positions, groupings=("industry", "region"),
                 note="上述职位的招聘人数之和"))


@receiver(post_save, sender=Employer, dispatch_uid="recruitment.jobs.employer_name")
def employer_name_changed(sender, instance, raw=False, **kwargs):
    """The search text starts with the unit's (approved) name: rewrite it for the unit's posts when that changed."""
    if raw or kwargs.get("created"):
        return
    from .search import search_key

    prefix = search_key(instance.name) + "\n"
    stale = Job.objects.filter(employer=instance).exclude(search_text__startswith=prefix).only(
        "pk", "title", "description")
    for job in stale:
        Job.objects.filter(pk=job.pk).update(search_text=job.build_search_text(instance.name))
