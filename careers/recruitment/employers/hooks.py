"""What the employers area contributes to the rest of the platform:

- the 单位查询 provider (careers.employment.outcomes.employers): admitted units' approved data, ahead of bare accounts;
- `wechat_binding(employer)`: the unit account's WeChat binding (careers.wechat.binding), or None when not bound;
  the 用人单位管理 list shows a grey icon for None. The list loads it with `select_related("user__wechat_binding")`.
"""

from careers.employment.outcomes.employers import EmployerHit, name_contains, region_label, register_provider


def wechat_binding(employer):
    """The unit's WeChat binding, or None. No query when the queryset did select_related("user__wechat_binding")."""
    from django.core.exceptions import ObjectDoesNotExist

    try:
        return employer.user.wechat_binding
    except ObjectDoesNotExist:
        return None


def admitted_employers(keyword, limit):
    """已入驻 units whose approved name contains `keyword`: the approved values, never pending edits."""
    from .models import Employer

    # the first `limit` names, then their codes: joining every match to five code rows before sorting
    # took most of the time when a common pair of characters (有限) matched thousands of units
    first = name_contains(Employer.objects.admitted(), "name", keyword).order_by("name").values("pk")[:limit]
    rows = (Employer.objects.filter(pk__in=first)
            .select_related("nature", "industry", "region__parent__parent").order_by("name"))
    return [EmployerHit(
        name=e.name, credit_code=e.credit_code, nature_id=e.nature_id, nature=e.nature.name,
        industry_id=e.industry_id, industry=f"{e.industry.code} {e.industry.name}", region_id=e.region_id,
        region=region_label(e.region.code, e.region.name, e.region.parent.name if e.region.parent else "",
                            e.region.parent.parent.name if e.region.parent and e.region.parent.parent else ""),
        address=e.address, source="入驻单位") for e in rows]


register_provider("employers", admitted_employers, before="accounts")


def admitted_for_counting():
    """Employer.objects.admitted() for counting: the account is checked by primary key per unit (a few
    thousand probes), because `user__is_active` made PostgreSQL hash-join a seq scan of every account
    (200,000, students included) for each market figure."""
    from django.db.models import OuterRef, Subquery

    from careers.accounts.models import User

    from .models import Employer

    account_on = Subquery(User.objects.filter(pk=OuterRef("user_id")).order_by().values("is_active")[:1])
    return (Employer.objects.filter(admitted_at__isnull=False).alias(account_on=account_on).filter(account_on=True)
            .order_by())  # a count or a semi-join: no sort


def count_admitted_employers(period, by=""):
    """就业市场信息统计 → 用人单位: units the school admitted in the period (by 入驻时间), accounts on."""
    from careers.reports.market import grouped, industry_section, region_province

    queryset = period.on(admitted_for_counting(), "admitted_at")
    if by == "industry":
        return grouped(queryset, industry_section("industry"))
    if by == "region":
        return grouped(queryset, region_province("region"))
    return queryset.count()


def _register_market_counter():
    from careers.reports import (
        market,  # its own counters first, so ours replaces the account count
    )

    # No groupings offered on the page yet (the reports tests expect this figure ungrouped); the function
    # can already group by industry and region when the page should offer it.
    market.register(market.Counter("employers", "用人单位（已入驻）", count_admitted_employers,
                                   note="学校审核同意入驻的用人单位，按入驻时间统计"), replace=True)


_register_market_counter()
