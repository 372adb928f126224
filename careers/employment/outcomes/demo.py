"""Demo employment records: ~60% of the earliest year placed and approved, some 未就业, pending and rejected reports.

Idempotent: a graduation year whose records were already touched is left alone. Every seeded record
satisfies its fill-in template (tests/employment check a sample with clean_employment).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from stdnum.cn import uscc

from careers.codes.models import Code
from careers.core.review import ReviewStatus

from .models import EmploymentRecord

# (name, region code, nature code, industry code, serial for the credit code)
EMPLOYERS = [
    ("星辰科技有限公司", "110108", "39", "65", 1),  # the demo's registered employer accounts (core/demo.py)
    ("华信会计师事务所", "110105", "39", "72", 2),
    ("蓝海智能制造股份有限公司", "320505", "39", "34", 3),
    ("中国银行股份有限公司北京分行", "110102", "31", "66", 11),
    ("华为技术有限公司", "440307", "39", "39", 12),
    ("深圳市腾讯计算机系统有限公司", "440305", "39", "64", 13),
    ("阿里巴巴（中国）有限公司", "330110", "39", "64", 14),
    ("上海汽车集团股份有限公司", "310115", "31", "36", 15),
    ("中国建筑第八工程局有限公司", "310115", "31", "47", 16),
    ("国家电网有限公司华中分部", "420106", "31", "44", 17),
    ("招商银行股份有限公司", "440304", "31", "66", 18),
    ("普华永道中天会计师事务所", "310101", "32", "72", 19),
    ("北京字节跳动科技有限公司", "110108", "39", "64", 20),
    ("京东方科技集团股份有限公司", "110105", "39", "39", 21),
    ("长江存储科技有限责任公司", "420111", "31", "39", 22),
    ("成都市第七中学", "510107", "22", "83", 23),
    ("武汉大学人民医院", "420106", "23", "84", 24),
    ("新华通讯社湖北分社", "420106", "29", "86", 25),
    ("中国石油化工股份有限公司", "110105", "31", "25", 26),
    ("西门子（中国）有限公司", "110105", "32", "38", 27),
    ("奥美广告有限公司", "310106", "32", "72", 28),
    ("杭州海康威视数字技术股份有限公司", "330108", "39", "39", 29),
]
SCHOOLS = [("北京大学", "110108"), ("复旦大学", "310110"), ("浙江大学", "330106"), ("武汉大学", "420106"),
           ("中山大学", "440105"), ("四川大学", "510107"), ("华中科技大学", "420111")]
ABROAD = [("伦敦大学学院", "计算机科学"), ("新加坡国立大学", "商业分析"), ("墨尔本大学", "金融学"), ("东京大学", "工学")]
GRASSROOTS = [("502", "湖北省恩施市龙凤镇人民政府", "10", "422801"), ("503", "新疆和田地区和田县教育局", "10", "653221")]
POSITIONS = ["软件开发工程师", "会计", "市场专员", "管理培训生", "数据分析师", "机械工程师", "教师", "编辑", "设计师"]
# share of the first year: destination code -> weight (the rest stays unreported)
FIRST_YEAR = [("10", 30), ("11", 12), ("12", 4), ("801", 10), ("85", 3), ("76", 2), ("75", 1), ("46", 1),
              ("502", 1), ("503", 1), ("70", 5), ("71", 3)]


def credit_code(serial):
    body = f"91110108{serial:09d}"
    return body + uscc.calc_check_digit(body)


class Codes:
    def __init__(self):
        self.by = {kind: {c.code: c for c in Code.objects.of(kind)}
                   for kind in ("destination", "employer_nature", "industry")}
        wanted = {e[1] for e in EMPLOYERS} | {s[1] for s in SCHOOLS} | {g[3] for g in GRASSROOTS}
        self.regions = {c.code: c for c in Code.objects.of("region").filter(code__in=wanted)}
        self.fallback_regions = list(Code.objects.of("region").filter(level=3)[:50])

    def region(self, rng, code):
        return self.regions.get(code) or (rng.choice(self.fallback_regions) if self.fallback_regions else None)


def placed_on(rng, year):
    return datetime.date(year, rng.randint(1, 6), rng.randint(1, 28))


def values_for(rng, codes, destination, year):
    """Field values for one destination that satisfy its fill-in template."""
    d = codes.by["destination"][destination]
    base = {"destination": d, "placed_on": placed_on(rng, year)}
    nature, industry = codes.by["employer_nature"], codes.by["industry"]
    if destination in ("10", "11", "12"):
        name, region, nat, ind, serial = rng.choice(EMPLOYERS)
        base.update(employer_name=name, employer_credit_code=credit_code(serial), employer_nature=nature[nat],
                    employer_industry=industry[ind], employer_region=codes.region(rng, region),
                    position=rng.choice(POSITIONS), contact_phone=f"010-{rng.randrange(10 ** 7, 10 ** 8)}")
        if destination == "10":
            base["agreement_number"] = f"{year}{rng.randrange(10 ** 6):06d}"
        if destination == "12":
            base.pop("agreement_number", None)
    elif destination == "801":
        school, region = rng.choice(SCHOOLS)
        base.update(employer_name=school, employer_region=codes.region(rng, region), study_major="计算机科学与技术",
                    employer_nature=nature["21"], employer_industry=industry["83"])
    elif destination == "85":
        school, major = rng.choice(ABROAD)
        base.update(employer_name=school, study_major=major)
    elif destination == "76":
        base.update(position=rng.choice(["独立设计师", "自由撰稿人", "网络主播"]),
                    employer_region=codes.region(rng, "110108"))
    elif destination == "75":
        serial = rng.randrange(100, 999)
        base.update(employer_name=f"小微创想文化传播工作室{serial}", employer_credit_code=credit_code(1000 + serial),
                    employer_nature=nature["39"], employer_industry=industry["72"], position="法定代表人",
                    employer_region=codes.region(rng, "420111"))
    elif destination == "46":
        base.update(employer_name="部队", employer_nature=nature["40"], employer_region=codes.region(rng, "420106"))
    elif destination in ("502", "503"):
        _, name, nat, region = next(g for g in GRASSROOTS if g[0] == destination)
        base.update(employer_name=name, employer_nature=nature[nat], employer_region=codes.region(rng, region))
    else:  # 未就业
        base = {"destination": d, "note": rng.choice(["准备明年考研", "正在求职", ""])}
    return base


def pending_json(values):
    return {k: (v.pk if hasattr(v, "pk") else v.isoformat() if hasattr(v, "isoformat") else v)
            for k, v in values.items() if v not in (None, "")}


def _pick(rng, weights):
    total = sum(w for _, w in weights)
    roll = rng.uniform(0, 100)
    if roll >= total:
        return None
    for code, weight in weights:
        roll -= weight
        if roll < 0:
            return code
    return None


@transaction.atomic
def seed_employment(rng, years):
    from careers.accounts.models import User

    if not years or not Code.objects.of("destination").exists():
        return 0
    codes = Codes()
    reviewer = User.objects.filter(username="10001").first()
    fields = [*EmploymentRecord.REVIEW_FIELDS, "review_status", "pending_changes", "review_note", "submitted_at",
              "reviewed_at", "reviewed_by"]
    changed = []
    for index, year in enumerate(sorted(years)):
        records = list(EmploymentRecord.objects.filter(student__graduation_year=year, student__is_active=True)
                       .order_by("pk"))
        if not records or any(r.review_status != ReviewStatus.EMPTY for r in records):
            continue  # already seeded (or worked on by hand)
        moment = timezone.make_aware(datetime.datetime(year, 6, 20, 10, 0))
        for record in records:
            roll = rng.random()
            if index == 0:
                destination = _pick(rng, FIRST_YEAR)
                pending = roll < 0.08
                rejected = 0.08 <= roll < 0.10
            else:
                destination = _pick(rng, [("10", 4), ("801", 2)])
                pending, rejected = roll < 0.05, False
            if destination is None and not pending:
                continue
            values = values_for(rng, codes, destination or "10", year)
            if pending or rejected:
                record.pending_changes = {} if rejected else pending_json(values)
                record.review_status = ReviewStatus.REJECTED if rejected else ReviewStatus.PENDING
                record.review_note = "单位名称与就业协议书不一致，请核对后重新提交。" if rejected else ""
                record.submitted_at = moment - datetime.timedelta(days=rng.randrange(1, 30))
                if rejected:
                    record.reviewed_at, record.reviewed_by = moment, reviewer
            else:
                for name, value in values.items():
                    setattr(record, name, value)
                record.review_status = ReviewStatus.APPROVED
                record.submitted_at = moment - datetime.timedelta(days=rng.randrange(30, 120))
                record.reviewed_at = record.submitted_at + datetime.timedelta(days=rng.randrange(1, 10))
                record.reviewed_by = reviewer
            changed.append(record)
    # One plain UPDATE per record: bulk_update's CASE per field costs seconds on SQLite at this width.
    for record in changed:
        EmploymentRecord.objects.filter(pk=record.pk).update(
            **{EmploymentRecord._meta.get_field(name).attname: getattr(record, EmploymentRecord._meta.get_field(
                name).attname) for name in fields})
    return len(changed)
