"""就业 items of the 数据统计 registry (careers/students/statistics.py), registered from ReportsConfig.ready.

Every item is one GROUP BY over the user's active students of the operating year, like the 生源
items; only approved employment records count (see careers/reports/rates.py).

* RateItem: cells are counts and rates (毕业去向落实率, 知晓率, 职业成果率) per college or major;
* destination, employer nature and industry: plain counting items over a filtered/annotated base;
* FlowItem: a cross table 生源地（省） × 单位所在地（省）.
"""

from dataclasses import dataclass, replace

from django.db import connection
from django.db.models import Case, CharField, Count, F, IntegerField, Q, Value, When
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from careers.codes.models import Code, CodeTable
from careers.students.statistics import SPLITS, Result, StatItem, register

from . import breakdowns
from .breakdowns import EMPLOYED_CATEGORIES, employed_destinations  # noqa: F401  (re-exported)
from .rates import RATE_SERIES, AsOf, approved_q, compute, resolve_as_of

PERMISSION = "reports.rates.view"
NO_OUTCOME = "无已审核的毕业去向"
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

    def run(self, user, year, split="", live=False):
        # like the 就业率统计 page: today's figures from the current snapshot when there is one
        table = compute(user, year, self.rates_dimension, resolve_as_of(year, prefer_snapshot=True, live=live))
        rows = table.rows
        return RateResult(self, self.dimension, RATE_COLUMNS, [(r.label, rate_cells(r), r.graduates) for r in rows],
                          rate_cells(table.total), table.total.graduates, freshness=table.as_of.freshness,
                          live_url=live_url(self) if table.as_of.current else "", rate_rows=rows)


def live_url(item):
    """实时重算 of one item (the result fragment, swapped in place by htmx)."""
    return f"{reverse('students:statistics_run', args=[item.key])}?live=1"


@dataclass(frozen=True)
class SnapshotItem(StatItem):
    """A counting item that reads today's snapshot (BreakdownAggregate) while there is a current one, unsplit;
    `from_snapshot(user, snapshot)` returns the rows `query` would. 实时重算 (live) and splits are live."""

    from_snapshot: object = None

    def run(self, user, year, split="", live=False):
        if split not in SPLITS or not self.splittable:
            split = ""
        snapshot = None if split else breakdowns.current(year, live)
        if snapshot is None:
            result = super().run(user, year, split)
            return replace(result, freshness=AsOf(timezone.localdate(), live=True).freshness) if live else result
        result = self.unsplit_result(self.from_snapshot(user, snapshot))
        return replace(result, freshness=AsOf(timezone.localdate(), live=False, snapshot=snapshot, current=True).freshness,
                       live_url=live_url(self))


@dataclass(frozen=True)
class FlowItem(SnapshotItem):
    """生源地（省） × 单位所在地（省）: a cross table in exactly one statement.

    Each region id is labelled with its province by the first two digits of its GB/T 2260 code (a small
    map of the region codes, hash-joined), and the graduates are grouped by the two province names
    directly. Grouping by the two region ids first made 115,000 groups at one-cohort scale (192,000
    graduates), which spilled the aggregate to disk; walking the parents of every row was slower still."""

    permission: str = PERMISSION
    splittable: bool = False

    def query(self, user, year, split_fields=()):
        origin, employer = self.group_by
        employed = Case(When(employed_q(), then=Value(1)), default=Value(0), output_field=IntegerField())
        graduates = (self.base(user, year).order_by()
                     .values(row_key=F("origin_region"), col_key=F("employment__employer_region"), employed=employed))
        sql, params = graduates.query.sql_with_params()
        q = connection.ops.quote_name
        code, table = q(Code._meta.db_table), q(CodeTable._meta.db_table)
        # province: each region code's province row (or the code itself when its province is not in the table);
        # grouped by those ids (integers: a small hash), named afterwards
        statement = (
            f"WITH province AS (SELECT k.id, COALESCE(p.id, k.id) AS pid FROM {code} k "
            f"LEFT JOIN {code} p ON p.table_id = k.table_id AND p.code = SUBSTR(k.code, 1, 2) || '0000' "
            f"WHERE k.table_id IN (SELECT t.id FROM {table} t WHERE t.kind = 'region')) "
            f"SELECT n1.name, n2.name, g.n FROM (SELECT p1.pid AS o, p2.pid AS e, SUM(a.employed) AS n FROM ({sql}) a "
            f"LEFT JOIN province p1 ON p1.id = a.row_key LEFT JOIN province p2 ON p2.id = a.col_key "
            f"GROUP BY p1.pid, p2.pid HAVING SUM(a.employed) > 0) g "
            f"LEFT JOIN {code} n1 ON n1.id = g.o LEFT JOIN {code} n2 ON n2.id = g.e")
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            rows = [{origin: row[0], employer: row[1], "count": row[2]} for row in cursor.fetchall()]
        # two province rows of different code-table versions carry the same name: one label
        merged = {}
        for row in rows:
            key = (row[origin], row[employer])
            merged[key] = merged.get(key, 0) + row["count"]
        return [{origin: o, employer: e, "count": n} for (o, e), n in merged.items()]

    def run(self, user, year, split="", live=False):
        snapshot = breakdowns.current(year, live)
        if snapshot is None:
            result = self.flow_result(self.query(user, year))
            return replace(result, freshness=AsOf(timezone.localdate(), live=True).freshness) if live else result
        result = self.flow_result(self.from_snapshot(user, snapshot))
        return replace(result, freshness=AsOf(timezone.localdate(), live=False, snapshot=snapshot, current=True).freshness,
                       live_url=live_url(self))

    def unsplit_result(self, rows):
        return self.flow_result(rows)

    def flow_result(self, rows):
        row_field, col_field = self.group_by
        table, columns = {}, {}
        for values in rows:
            row, col = values[row_field] or "（未填写）", values[col_field] or "（未填写）"
            columns[col] = columns.get(col, 0) + values["count"]
            cells = table.setdefault(row, {})
            cells[col] = cells.get(col, 0) + values["count"]
        cols = sorted(columns, key=lambda c: (-columns[c], c))
        rows = sorted(((row, [cells.get(c, 0) for c in cols], sum(cells.values())) for row, cells in table.items()),
                      key=lambda r: (-r[2], r[0]))
        return Result(self, self.dimension, cols, rows, [columns[c] for c in cols], sum(columns.values()), "flow")


def approved_destination(path):
    """The record's `path` (under employment__destination) when approved, else NULL."""
    return Case(When(approved_q(), then=path), default=Value(None), output_field=CharField())


def employed_q():
    """Approved records whose destination is a job. Used as an aggregate FILTER over all graduates (one
    hash join, like the rates): as a WHERE, the planner misjudged the rows and probed students one by one."""
    return approved_q() & Q(employment__destination__in=employed_destinations())


@dataclass(frozen=True)
class EmployedItem(SnapshotItem):
    """A counting item over employed graduates only (groups without any are left out)."""

    permission: str = PERMISSION

    def query(self, user, year, split_fields=()):
        queryset = self.base(user, year)
        if self.annotate:
            queryset = queryset.annotate(**self.annotate)
        fields = (*split_fields, *self.group_by)
        return (queryset.order_by().values(*fields).annotate(count=Count("pk", filter=employed_q()))
                .filter(count__gt=0).order_by(*fields))


# -- the same rows from a snapshot (careers/reports/breakdowns.py) --------------------------------------------
def _codes(ids, *fields):
    ids = [pk for pk in ids if pk is not None]
    return {row[0]: row[1:] for row in Code.objects.filter(pk__in=ids).values_list("pk", *fields)} if ids else {}


def destinations_from_snapshot(user, snapshot):
    """by_destination(_category) rows: graduates per reviewed destination (none: no reviewed destination)."""
    counted = breakdowns.counts(user, snapshot, breakdowns.Grain.DESTINATION)
    codes = _codes([key for key, _, _ in counted], "code", "name", "extra")
    rows = []
    for key, _, n in counted:
        code, name, extra = codes.get(key, (None, None, None))
        category = (extra or {}).get("category") if key is not None else None
        rows.append({"destination_category": category, "destination_code": code, "destination_name": name, "count": n})
    rows.sort(key=lambda r: (r["destination_code"] is None, r["destination_code"] or "", r["destination_name"] or ""))
    return rows


def natures_from_snapshot(user, snapshot):
    counted = breakdowns.counts(user, snapshot, breakdowns.Grain.NATURE)
    codes = _codes([key for key, _, _ in counted], "code", "name")
    return [{"employment__employer_nature__code": codes.get(key, (None, None))[0],
             "employment__employer_nature__name": codes.get(key, (None, None))[1], "count": n}
            for key, _, n in counted]


def industries_from_snapshot(user, snapshot):
    counted = breakdowns.counts(user, snapshot, breakdowns.Grain.INDUSTRY)
    codes = _codes([key for key, _, _ in counted], "name", "parent__name")
    return [{"industry_section": (codes[key][1] or codes[key][0]) if key in codes else None, "count": n}
            for key, _, n in counted]


def flows_from_snapshot(user, snapshot):
    counted = breakdowns.counts(user, snapshot, breakdowns.Grain.FLOW)
    names = _codes([k for key1, key2, _ in counted for k in (key1, key2)], "name")
    merged = {}
    for key1, key2, n in counted:
        label = (names[key1][0] if key1 in names else None, names[key2][0] if key2 in names else None)
        merged[label] = merged.get(label, 0) + n
    return [{"origin_province": o, "employer_province": e, "count": n} for (o, e), n in merged.items() if n]


def register_items():
    register(RateItem("rates_by_college", "就业率 · 按学院", "学院", (), rates_dimension="college"))
    register(RateItem("rates_by_major", "就业率 · 按专业", "专业", (), rates_dimension="major"))
    register(SnapshotItem("by_destination_category", "就业 · 按毕业去向类别", "毕业去向类别", ("destination_category",),
                      annotate={"destination_category": approved_destination(
                          KeyTextTransform("category", "employment__destination__extra"))},
                      label=lambda v: v["destination_category"] or NO_OUTCOME, permission=PERMISSION, chart="pie",
                      from_snapshot=destinations_from_snapshot))
    register(SnapshotItem("by_destination", "就业 · 按毕业去向", "毕业去向", ("destination_code", "destination_name"),
                      annotate={"destination_code": approved_destination(F("employment__destination__code")),
                                "destination_name": approved_destination(F("employment__destination__name"))},
                      label=lambda v: v["destination_name"] or NO_OUTCOME, permission=PERMISSION,
                      order_by_count=False, from_snapshot=destinations_from_snapshot))
    register(FlowItem("regional_flow", "就业 · 地区流向（生源地 → 单位所在地）", "生源地 \\ 单位所在地",
                      ("origin_province", "employer_province"), from_snapshot=flows_from_snapshot))
    register(EmployedItem("by_employer_nature", "就业 · 按单位性质", "单位性质",
                          ("employment__employer_nature__code", "employment__employer_nature__name"),
                          label=lambda v: v["employment__employer_nature__name"], chart="pie",
                          from_snapshot=natures_from_snapshot))
    register(EmployedItem("by_employer_industry", "就业 · 按单位行业（门类）", "单位行业", ("industry_section",),
                          annotate={"industry_section": Coalesce("employment__employer_industry__parent__name",
                                                                 "employment__employer_industry__name")},
                          from_snapshot=industries_from_snapshot))
