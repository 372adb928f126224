"""What the applications area contributes elsewhere: the 简历投递 figure of 就业市场信息统计.

Deliveries are student-linked, so the count is scoped by the viewer (`Period.scope`); grouped by the
receiving unit's industry (门类) and region (province).
"""

from careers.reports.market import Counter, grouped, industry_section, region_province, register


def count_applications(period, by=""):
    from .models import Application

    queryset = period.on(period.scope(Application.objects.all()), "created_at")
    if by == "industry":
        return grouped(queryset, industry_section("employer__industry"))
    if by == "region":
        return grouped(queryset, region_province("employer__region"))
    return queryset.count()


register(Counter("applications", "简历投递", count_applications, groupings=("industry", "region"),
                 note="学生向职位投递的简历（管理范围内的学生），按投递时间统计；行业、地区为接收单位的"))
