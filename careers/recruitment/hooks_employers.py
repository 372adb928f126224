"""What the employers area contributes to the rest of the platform:

- the 单位查询 provider (careers.employment.employers): admitted units' approved data, ahead of bare accounts;
- `wechat_binding(employer)`: the WeChat issue replaces this (return the binding, or None when not bound);
  the 用人单位管理 list shows a grey icon for None.
"""

from careers.employment.employers import EmployerHit, region_label, register_provider


def wechat_binding(employer):
    """The unit's WeChat binding, or None (no WeChat integration yet). Must not query per row."""
    return None


def admitted_employers(keyword, limit):
    """已入驻 units whose approved name contains `keyword`: the approved values, never pending edits."""
    from .models import Employer

    rows = (Employer.objects.admitted().filter(name__icontains=keyword)
            .select_related("nature", "industry", "region__parent__parent").order_by("name")[:limit])
    return [EmployerHit(
        name=e.name, credit_code=e.credit_code, nature_id=e.nature_id, nature=e.nature.name,
        industry_id=e.industry_id, industry=f"{e.industry.code} {e.industry.name}", region_id=e.region_id,
        region=region_label(e.region.code, e.region.name, e.region.parent.name if e.region.parent else "",
                            e.region.parent.parent.name if e.region.parent and e.region.parent.parent else ""),
        address=e.address, source="入驻单位") for e in rows]


register_provider("employers", admitted_employers, before="accounts")
