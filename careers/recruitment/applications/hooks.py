"""What the applications area contributes elsewhere: the 简历投递 figure of 就业市场信息统计.

Deliveries are student-linked, so the count is scoped by the viewer (`Period.scope`); grouped by the
receiving unit's industry (门类) and region (province).
"""

from careers.reports.market import (
    Counter,
    grouped,
    industry_section,
    region_province,
    register,
)


def count_applications(period, by=""):
    from .models import Application

    queryset = period.on(period.scope(Application.objects.all()), "created_at")
    if by == "industry":
        return grouped(queryset, industry_section("employer__industry"))
    if by == "region":
        return grouped(queryset, region_province("employer__region"))
    return queryset.count()


register(Counter("applications", "简历投递", count_applications, groupings=("industry", "region"),
                 note="学生向职位投递的简历（管理范围内的学生），按投递时间统计；行业、地区按接收单位统计"))


def remove_delivered_attachment(sender, instance, **kwargs):
    """The private copy of a delivered PDF goes with its delivery (e.g. when the job or student is deleted)."""
    from django.db import transaction

    from .snapshot import ATTACHMENT_DIR, delete_attachment

    name = (instance.snapshot or {}).get("attachment") or ""
    if name.startswith(f"{ATTACHMENT_DIR}/"):
        transaction.on_commit(lambda: delete_attachment(name))


def _connect():
    from django.db.models.signals import post_delete

    from .models import Application

    post_delete.connect(remove_delivered_attachment, sender=Application, dispatch_uid="application_attachment")


_connect()
