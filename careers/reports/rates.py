"""毕业去向落实率, 知晓率 and 职业成果率 per college, major, 学历, sex or 生源地 (see docs/statistics.md).

Definitions (the page's help text says the same):

* graduates (the denominator): active students (`is_active`) of the graduation year in scope;
* an outcome counts only when the employment record is approved (`review_status == "approved"`);
  pending or rejected reports and empty records count as "no known destination";
* placed (MoE 毕业去向落实率): the approved destination code has `extra["counts_as_placed"] == "1"`
  (协议和合同就业 incl. 应征义务兵 and 基层项目, 灵活就业, 自主创业, 升学 incl. 境外留学);
* known (NACE knowledge rate): any approved destination, including the 未就业 codes;
* positive (NACE career-outcomes rate): the same set as placed, over the known ones.

Live figures are one GROUP BY over students LEFT JOIN employment record (the destination is tested
by id against the placed codes, so the code table is never joined row by row); a past date reads the
latest snapshot on or before it (careers/reports/snapshots.py) with the same grouping.
"""

from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from django.db.models import Count, IntegerField, Q, Sum
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone

from careers.codes.models import Code
from careers.core.review import ReviewStatus
from careers.core.scoping import scope_filter
from careers.students.models import Student
from careers.students.statistics import EMPTY_LABEL, major_label

from .models import OutcomeSnapshot, Snapshot

GENDERS = dict(Student.Gender.choices)


def placed_destinations():
    """Destination codes (any version of the table) that count as placed: a subquery of ids."""
    return Code.objects.filter(table__kind="destination", extra__counts_as_placed="1").values("pk")


def approved_q(prefix="employment__"):
    """The one rule for which employment records count: approved ones only."""
    return Q(**{f"{prefix}review_status": ReviewStatus.APPROVED})


def graduates(user, year):
    """The denominator: active students of `year` within the user's managed majors."""
    return scope_filter(Student.objects.filter(graduation_year=year, is_active=True), user)


def live_aggregates():
    approved = approved_q()
    return {
        "graduates": Count("pk"),
        "known": Count("pk", filter=approved & Q(employment__destination__isnull=False)),
        "placed": Count("pk", filter=approved & Q(employment__destination__in=placed_destinations())),
    }


def snapshot_aggregates():
    zero = lambda expr: Coalesce(expr, 0, output_field=IntegerField())  # noqa: E731  (SUM of no rows is NULL)
    return {
        "graduates": zero(Sum("count")),
        "known": zero(Sum("count", filter=Q(approved=True, destination__isnull=False))),
        "placed": zero(Sum("count", filter=Q(approved=True, placed=True))),
    }


# -- rates ---------------------------------------------------------------------------------------
def percent(fraction):
    """One decimal, rounded half up from the exact fraction: Fraction(2, 3) -> "66.7%"."""
    if fraction is None:
        return "—"
    tenths = (fraction.numerator * 2000 + fraction.denominator) // (2 * fraction.denominator)
    return f"{tenths // 10}.{tenths % 10}%"


def ratio(numerator, denominator):
    return Fraction(numerator, denominator) if denominator else None


def fraction_text(numerator, denominator):
    """The exact value for exports: "37/50" (not reduced, so the counts stay visible)."""
    return f"{numerator}/{denominator}" if denominator else ""


@dataclass
class RateRow:
    label: str
    graduates: int = 0
    known: int = 0
    placed: int = 0
    key: object = None

    @property
    def unknown(self):
        return self.graduates - self.known

    @property
    def placement_rate(self):
        """MoE 毕业去向落实率 = placed / graduates."""
        return ratio(self.placed, self.graduates)

    @property
    def knowledge_rate(self):
        """NACE knowledge rate = known / graduates."""
        return ratio(self.known, self.graduates)

    @property
    def outcomes_rate(self):
        """NACE career-outcomes rate = positive (placed) / known."""
        return ratio(self.placed, self.known)

    @property
    def placement_percent(self):
        return percent(self.placement_rate)

    @property
    def knowledge_percent(self):
        return percent(self.knowledge_rate)

    @property
    def outcomes_percent(self):
        return percent(self.outcomes_rate)

    def add(self, other):
        self.graduates += other.graduates
        self.known += other.known
        self.placed += other.placed


RATE_SERIES = (("placement_rate", "毕业去向落实率"), ("knowledge_rate", "知晓率"), ("outcomes_rate", "职业成果率"))


# -- dimensions ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    live_fields: tuple  # ORM paths from Student (or annotation names)
    snapshot_fields: tuple  # ORM paths from OutcomeSnapshot
    name: object  # callable(values) -> label
    live_annotate: dict = field(default_factory=dict)
    province: bool = False  # labels need the region names (one small query)


DIMENSIONS = {
    "college": Dimension("college", "学院", ("major__college__sort", "major__college__name", "major__college_id"),
                         ("major__college__sort", "major__college__name", "major__college_id"),
                         lambda v: v["major__college__name"]),
    "major": Dimension("major", "专业", ("major__college__sort", "major__college__name", "major__education_level__code",
                                       "major__education_level__name", "major__name", "major__specialization",
                                       "major_id"),
                       ("major__college__sort", "major__college__name", "major__education_level__code",
                        "major__education_level__name", "major__name", "major__specialization", "major_id"),
                       major_label),
    "education_level": Dimension("education_level", "学历", ("major__education_level__code",
                                                            "major__education_level__name"),
                                 ("education_level__code", "education_level__name"),
                                 lambda v: v.get("major__education_level__name") or v.get("education_level__name")),
    "gender": Dimension("gender", "性别", ("gender",), ("gender",), lambda v: GENDERS.get(v["gender"], v["gender"])),
    # GB/T 2260: the first two digits of any region code name its province.
    "origin": Dimension("origin", "生源地", ("origin_province",), ("origin_province",), None,
                        live_annotate={"origin_province": Substr("origin_region__code", 1, 2)}, province=True),
}


def province_code(value):
    """"11" or "110105" -> "110000"; empty when the origin is unknown."""
    return f"{value[:2]}0000" if value else ""


def province_names(codes):
    codes = [c for c in codes if c]
    if not codes:
        return {}
    return dict(Code.objects.filter(table__kind="region", table__is_current=True, code__in=codes)
                .values_list("code", "name"))


def group_rows(dimension, values_rows):
    """Labelled RateRows (in the query's order) and the total, from grouped values."""
    rows = []
    if dimension.province:
        values_rows = list(values_rows)
        for values in values_rows:
            values["origin_province"] = province_code(values["origin_province"])
        names = province_names({v["origin_province"] for v in values_rows})
        merged = {}
        for values in values_rows:
            code = values["origin_province"]
            row = merged.setdefault(code, RateRow(names.get(code, code) if code else EMPTY_LABEL, key=code))
            row.add(RateRow("", values["graduates"], values["known"], values["placed"]))
        rows = sorted(merged.values(), key=lambda r: (not r.key, r.key))
    else:
        for values in values_rows:
            key = values.get(dimension.live_fields[-1], values.get(dimension.snapshot_fields[-1]))
            rows.append(RateRow(dimension.name(values) or EMPTY_LABEL, values["graduates"], values["known"],
                                values["placed"], key=key))
    total = RateRow("合计")
    for row in rows:
        total.add(row)
    return rows, total


def live_values(user, year, dimension):
    queryset = graduates(user, year)
    if dimension.live_annotate:
        queryset = queryset.annotate(**dimension.live_annotate)
    fields = dimension.live_fields
    return queryset.order_by().values(*fields).annotate(**live_aggregates()).order_by(*fields)


def snapshot_values(user, snapshot, dimension):
    queryset = scope_filter(OutcomeSnapshot.objects.filter(graduation_year=snapshot.graduation_year,
                                                           taken_on=snapshot.taken_on), user)
    fields = dimension.snapshot_fields
    return queryset.order_by().values(*fields).annotate(**snapshot_aggregates()).order_by(*fields)


# -- as of a date --------------------------------------------------------------------------------
@dataclass
class AsOf:
    """Which data a table shows: live (today or later) or the snapshot for a past date."""

    requested: date
    live: bool
    snapshot: Snapshot | None = None

    @property
    def missing(self):
        return not self.live and self.snapshot is None

    @property
    def description(self):
        if self.live:
            return f"实时数据（截至 {timezone.localtime():%Y-%m-%d %H:%M}）"
        if self.snapshot is None:
            return f"{self.requested:%Y-%m-%d} 及之前没有快照"
        return f"{self.snapshot.taken_on:%Y-%m-%d} 的快照（截至 {self.requested:%Y-%m-%d} 最近的一次）"


def resolve_as_of(year, requested=None, today=None):
    """Today (or a future date) -> live; a past date -> the latest snapshot on or before it."""
    today = today or timezone.localdate()
    if requested is None or requested >= today:
        return AsOf(requested or today, live=True)
    snapshot = (Snapshot.objects.filter(graduation_year=year, taken_on__lte=requested)
                .order_by("-taken_on").first())
    return AsOf(requested, live=False, snapshot=snapshot)


@dataclass
class RateTable:
    year: int
    dimension: Dimension
    as_of: AsOf
    rows: list
    total: RateRow

    @property
    def chart_height(self):
        """Pixels: three bars per row need room when the rows are many."""
        return max(360, 40 * len(self.rows) + 80) if len(self.rows) > 8 else 360

    @property
    def chart(self):
        """ECharts data: one bar series per rate, in percent with one decimal."""
        return {"categories": [r.label for r in self.rows],
                "series": [{"name": label, "data": [round(float(getattr(r, attr) or 0) * 100, 1) for r in self.rows]}
                           for attr, label in RATE_SERIES]}


def compute(user, year, dimension="college", as_of=None):
    """The rate table for `year` within the user's scope: one GROUP BY query (+ region names)."""
    dim = DIMENSIONS.get(dimension) or DIMENSIONS["college"]
    as_of = as_of or AsOf(timezone.localdate(), live=True)
    if as_of.live:
        values_rows = live_values(user, year, dim)
    elif as_of.snapshot is not None:
        values_rows = snapshot_values(user, as_of.snapshot, dim)
    else:
        values_rows = []
    rows, total = group_rows(dim, values_rows)
    return RateTable(year, dim, as_of, rows, total)
