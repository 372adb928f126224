"""Demo 派遣信息 and 功能时间设置 windows (part of careers/employment/demo.py). Idempotent."""

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

# -- 派遣信息 ------------------------------------------------------------------------------------------
# (receiving unit exactly as on a 接收函, region code, 报到地址, 邮编)
DEMO_EMPLOYERS = (
    ("广州星辰科技有限公司", "440106", "广州市天河区科韵路16号", "510665"),
    ("深圳蓝海智能制造股份有限公司", "440305", "深圳市南山区科技园南区高新南七道18号", "518057"),
    ("杭州云帆网络科技有限公司", "330106", "杭州市西湖区文三路478号", "310013"),
    ("上海华信会计师事务所（特殊普通合伙）", "310101", "上海市黄浦区延安东路222号", "200002"),
    ("北京中科数智信息技术有限公司", "110108", "北京市海淀区中关村南大街5号", "100081"),
    ("成都天府软件园有限公司", "510107", "成都市武侯区天府大道中段1268号", "610041"),
    ("武汉光谷生物医药有限公司", "420111", "武汉市洪山区高新大道666号", "430075"),
    ("南京金陵机械制造有限公司", "320115", "南京市江宁区胜太路88号", "211100"),
    ("长沙湘江新材料股份有限公司", "430104", "长沙市岳麓区麓谷大道627号", "410205"),
    ("西安秦岭电子科技有限公司", "610113", "西安市雁塔区科技路48号", "710075"),
)


def _aware(year, month, day, hour=9):
    return timezone.make_aware(datetime(year, month, day, hour))


@transaction.atomic
def seed_dispatch(rng, years):
    """主管单位库; dispatch records initialised to 回生源地; for the first year a realistic mix of
    reviewed, pending and rejected reports; a 功能时间设置 window per year."""
    from careers.accounts.models import User
    from careers.codes.models import Code

    from .authorities import OriginResolver, load_authorities
    from ..windows.models import ReportingWindow
    from .models import DispatchRecord

    tracked = [DispatchRecord._meta.get_field(name) for name in (
        "kind", "receiving_unit", "receiving_region", "supervising_authority", "report_address",
        "report_postal_code", "archive_unit", "archive_address", "archive_postal_code", "hukou_address",
        "certificate_number", "note", "review_status", "pending_changes", "review_note", "submitted_at",
        "reviewed_at", "reviewed_by")]

    load_authorities()
    records = list(DispatchRecord.objects.filter(student__graduation_year__in=years)
                   .select_related("student").order_by("pk"))
    resolver = OriginResolver().prime([r.student for r in records])
    regions = {c.code: c for c in Code.objects.of("region").filter(
        code__in=[e[1] for e in DEMO_EMPLOYERS]).select_related("parent__parent")}
    reviewer = User.objects.filter(username="10001").first()
    first_year = min(years) if years else None
    changed = []
    for record in records:
        # Only records nobody has touched (未填报); the outcome is stable per student, so running the
        # seed again changes nothing.
        if record.review_status != "empty" or record.pending_changes:
            continue
        before = [getattr(record, f.attname) for f in tracked]
        for name, value in resolver.values(record.student).items():
            setattr(record, name, value)
        pick = random.Random(f"dispatch-{record.student.student_number}")  # stable per student
        roll = pick.random()
        if record.student.graduation_year == first_year:
            _demo_outcome(record, roll, pick, regions, resolver, reviewer)
        elif roll < 0.03:
            _demo_report(record, pick, regions, resolver)
        if [getattr(record, f.attname) for f in tracked] != before:
            changed.append(record)
    DispatchRecord.objects.bulk_update(changed, [f.name for f in tracked], batch_size=500)
    for year in years:  # 功能时间设置: from November before graduation to the end of July
        ReportingWindow.objects.get_or_create(
            graduation_year=year, function=ReportingWindow.Function.DISPATCH,
            defaults={"opens_at": _aware(year - 1, 11, 1), "closes_at": _aware(year, 7, 31, 18)})
    return len(changed)


def _employer(pick, regions, resolver):
    name, code, address, postal = pick.choice(DEMO_EMPLOYERS)
    region = regions.get(code)
    authority = resolver.authority_for(code)
    return {"kind": "employer", "receiving_unit": name, "receiving_region": region.pk if region else None,
            "supervising_authority": authority.pk if authority else None, "report_address": address,
            "report_postal_code": postal}


def _demo_report(record, pick, regions, resolver):
    """A student's report waiting for review (派遣到就业单位)."""
    record.pending_changes = {k: v for k, v in _employer(pick, regions, resolver).items() if v not in (None, "")}
    record.review_status = "pending"
    record.submitted_at = _aware(record.student.graduation_year, 6, 1) + timedelta(hours=pick.randrange(0, 500))


def _demo_outcome(record, roll, pick, regions, resolver, reviewer):
    """About 40% employer, 15% 不派遣 (further study), 20% confirmed 回生源地, 8% pending, 2% rejected."""
    year = record.student.graduation_year
    reviewed_at = _aware(year, 5, 6) + timedelta(hours=pick.randrange(0, 1200))
    if roll < 0.75:
        if roll < 0.40:
            values = _employer(pick, regions, resolver)
            record.kind = values["kind"]
            record.receiving_unit = values["receiving_unit"]
            record.receiving_region_id = values["receiving_region"]
            record.supervising_authority_id = values["supervising_authority"]
            record.report_address, record.report_postal_code = values["report_address"], values["report_postal_code"]
            record.archive_unit = values["receiving_unit"]
            record.archive_address, record.archive_postal_code = values["report_address"], values["report_postal_code"]
        elif roll < 0.55:
            record.kind = "none"
            record.receiving_unit = ""
            record.note = "升学"
        record.review_status = "approved"
        record.reviewed_at = reviewed_at
        record.reviewed_by = reviewer
        if record.kind != "none":
            record.certificate_number = f"{year}{record.student.student_number[-6:]}"
    elif roll < 0.83:
        _demo_report(record, pick, regions, resolver)
    elif roll < 0.85:
        _demo_report(record, pick, regions, resolver)
        record.pending_changes = {}
        record.review_status = "rejected"
        record.review_note = "签往单位名称与《接收函》不一致，请按接收函重新填写。"
        record.reviewed_at = reviewed_at
        record.reviewed_by = reviewer
