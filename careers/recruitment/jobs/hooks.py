"""What the jobs area contributes to the rest of the platform (imported once from signals.py):

- 就业市场信息统计 counters "jobs" (职位数) and "positions" (招聘人数 = sum of openings) of approved posts
  of admitted units, by first approval date, grouped by the unit's industry or the post's region (province);
- keeping `Job.search_text` current when an employer's approved name changes.
"""

from django.db import connection
from django.db.models import Count, Sum
from django.db.models.signals import post_save
from django.dispatch import receiver

from careers.reports.market import (
    Counter,
    grouped,
    industry_section,
    region_province,
    register,
)

from ..employers.models import Employer
from .models import Job


def approved_jobs(period):
    """Approved posts of admitted units (Job.objects.of_admitted_employers()) by first approval date; the
    units as a semi-join of employers/hooks.py's admitted_for_counting (no join of every account)."""
    from ..employers.hooks import admitted_for_counting

    jobs = Job.objects.filter(first_approved_at__isnull=False, employer__in=admitted_for_counting().values("pk"))
    return period.on(jobs, "first_approved_at")


def _totals(period):
    """(number of posts, openings) in one statement, shared by the two figures of a page view.

    Summed per unit first (an index-only scan of job_approved_totals), then only the units' sums are
    checked against the admitted units: checking each of 46,000 posts' unit cost ten times the scan."""
    from ..employers.hooks import admitted_for_counting

    def compute():
        per_unit = (period.on(Job.objects.filter(first_approved_at__isnull=False), "first_approved_at").order_by()
                    .values("employer_id").annotate(n=Count("*"), openings=Sum("openings")))
        units = admitted_for_counting().values("pk")
        sql, params = per_unit.query.sql_with_params()
        units_sql, units_params = units.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT SUM(t.n), SUM(t.openings) FROM ({sql}) t WHERE t.employer_id IN ({units_sql})",
                           (*params, *units_params))
            n, openings = cursor.fetchone()
        return n or 0, openings or 0
    return period.shared("recruitment.job_totals", compute)


def _count(period, by, aggregate, total):
    if by == "industry":
        return grouped(approved_jobs(period), industry_section("employer__industry"), aggregate)
    if by == "region":
        return grouped(approved_jobs(period), region_province("region"), aggregate)
    return _totals(period)[total]


def count_jobs(period, by=""):
    return _count(period, by, Count("pk"), 0)


def count_positions(period, by=""):
    return _count(period, by, Sum("openings"), 1)


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
