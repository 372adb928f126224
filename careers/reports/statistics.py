"""就业 items of the 数据统计 registry (careers/students/statistics.py), registered from ReportsConfig.ready.

Every item is one GROUP BY over the user's active students of the operating year, like the 生源
items; only approved employment records count (see careers/reports/rates.py).

* RateItem: cells are counts and rates (毕业去向落实率, 知晓率, 职业成果率) per college or major;
* destination, employer nature and industry: plain counting items over a filtered/annotated base;
* FlowItem: a cross table 生源地（省） × 单位所在地（省）.
"""

from dataclasses import dataclass

from django.db.models import Case, CharField, F, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce

from careers.students.statistics import Result, StatItem, register, student_base

from .rates import RATE_SERIES, approved_q, compute

PERMISSION = "reports.rates.view"
NO_OUTCOME = "无已审核的毕业去向"
EMPLOYED_CATEGORIES = ("协议和合同就业", "灵活就业", "自主创业")
RATE_COLUMNS = ["毕业生人数", "落实人数", "毕业去向落实率", "去向已知人数", "知晓率", "职业成果率"]


def rate_cells(row):
    return [row.graduates, row.placed, row.placement_percent, row.known, row.knowledge_percent,
            row.outcomes_percent]


@dataclass
class RateResult(Result):
    """Rows of counts and rates; the chart shows the three rates (percent) per row."""

    rate_rows: list = None

    @property
    def chart(self):
        return {"type": "bar", "categories": [r.label for r in self.rate_rows],
                "series": [{"name": f"{label}（%）",
                            "data": [round(float(getattr(r, attr) or 0) * 100, 1) for r in self.rate_rows]}
                           for attr, label in RATE_SERIES],
                "stacked": False}


@dataclass(frozen=True)
class RateItem(StatItem):
    """就业率 per college or major: graduates, placed, known and the three rates (exactly one query)."""

    permission: str = PERMISSION
    order_by_count: bool = False
    splittable: bool = False
    rates_dimension: str = "college"  # a key of careers.reports.rates.DIMENSIONS

    def run(self, user, year, split=""):
        table = compute(user, year, self.rates_dimension)
        rows = table.rows
        return RateResult(self, self.dimension, RATE_COLUMNS, [(r.label, rate_cells(r), r.graduates) for r in rows],
                          rate_cells(table.total), table.total.graduates, rate_rows=rows)


@dataclass(frozen=True)
class FlowItem(StatItem):
    """A cross table: rows are the first grouped value, columns the second (exactly one query)."""

    permission: str = PERMISSION
    splittable: bool = False

    def run(self, user, year, split=""):
        row_field, col_field = self.group_by
        table, columns = {}, {}
        for values in self.query(user, year):
            row, col = values[row_field] or "（未填写）", values[col_field] or "（未填写）"
            columns[col] = columns.get(col, 0) + values["count"]
            cells = table.setdefault(row, {})
            cells[col] = cells.get(col, 0) + values["count"]
        cols = sorted(columns, key=lambda c: -columns[c])
        rows = sorted(((row, [cells.get(c, 0) for c in cols], sum(cells.values())) for row, cells in table.items()),
                      key=lambda r: -r[2])
        return Result(self, self.dimension, cols, rows, [columns[c] for c in cols], sum(columns.values()), "flow")


def approved_destination(path):
    """The record's `path` (under employment__destination) when approved, else NULL."""
    return Case(When(approved_q(), then=path), default=Value(None), output_field=CharField())


def employed_base(user, year):
    """Graduates with an approved destination that is a job (not 升学, not 未就业)."""
    return student_base(user, year).filter(approved_q(),
                                           employment__destination__extra__category__in=EMPLOYED_CATEGORIES)


def province(prefix):
    """The province name of a region FK at any level (county -> prefecture -> province)."""
    return Coalesce(f"{prefix}__parent__parent__name", f"{prefix}__parent__name", f"{prefix}__name")


def register_items():
    register(RateItem("rates_by_college", "就业率 · 按学院", "学院", (), rates_dimension="college"))
    register(RateItem("rates_by_major", "就业率 · 按专业", "专业", (), rates_dimension="major"))
    register(StatItem("by_destination_category", "就业 · 按毕业去向类别", "毕业去向类别", ("destination_category",),
                      annotate={"destination_category": approved_destination(
                          KeyTextTransform("category", "employment__destination__extra"))},
                      label=lambda v: v["destination_category"] or NO_OUTCOME, permission=PERMISSION, chart="pie"))
    register(StatItem("by_destination", "就业 · 按毕业去向", "毕业去向", ("destination_code", "destination_name"),
                      annotate={"destination_code": approved_destination(F("employment__destination__code")),
                                "destination_name": approved_destination(F("employment__destination__name"))},
                      label=lambda v: v["destination_name"] or NO_OUTCOME, permission=PERMISSION,
                      order_by_count=False))
    register(FlowItem("regional_flow", "就业 · 地区流向（生源地 → 单位所在地）", "生源地 \\ 单位所在地",
                      ("origin_province", "employer_province"), base=employed_base,
                      annotate={"origin_province": province("origin_region"),
                                "employer_province": province("employment__employer_region")}))
    register(StatItem("by_employer_nature", "就业 · 按单位性质", "单位性质",
                      ("employment__employer_nature__code", "employment__employer_nature__name"),
                      label=lambda v: v["employment__employer_nature__name"], base=employed_base,
                      permission=PERMISSION, chart="pie"))
    register(StatItem("by_employer_industry", "就业 · 按单位行业（门类）", "单位行业", ("industry_section",),
                      annotate={"industry_section": Coalesce("employment__employer_industry__parent__name",
                                                             "employment__employer_industry__name")},
                      base=employed_base, permission=PERMISSION))
