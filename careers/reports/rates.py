"""毕业去向落实率, 知晓率 and 职业成果率 per college, major, 学历, sex or 生源地 (see docs/statistics.md).

Definitions (the page's help text says the same):

* graduates (the denominator): active students (`is_active`) of the graduation year in scope;
* an outcome counts when the employment record has a reviewed destination (careers/employment/outcomes/placed.py:
  the record's fields only ever hold reviewed values — a student's report waits in pending_changes);
  a report that waits for review, was rejected, or an empty record counts as "no known destination"
  until an admin approves it; an already approved destination keeps counting while a newer report waits;
* placed (MoE 毕业去向落实率): the reviewed destination code has `extra["counts_as_placed"] == "1"`
  (协议和合同就业 incl. 应征义务兵 and 基层项目, 灵活就业, 自主创业, 升学 incl. 境外留学);
* known (NACE knowledge rate): any reviewed destination, including the 未就业 codes;
* positive (NACE career-outcomes rate): the same set as placed, over the known ones.

Live figures are one statement: a GROUP BY over students LEFT JOIN employment record by a narrow key
(major, origin region, sex), the destination tested by id against the placed codes (so the code table
is never joined row by row), and only the aggregated rows joined to their labels. A past date reads
the latest snapshot on or before it (careers/reports/snapshots.py), grouped the same way.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from fractions import Fraction
from operator import itemgetter
from html import escape as html_escape  # what django.utils.html.escape does, without its lazy-string wrapper

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Count, F, IntegerField, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.safestring import mark_safe

from careers.codes.models import Code
from careers.core.scoping import managed_major_ids, scope_filter, sees_all_majors
from careers.employment.outcomes.placed import known_q, placed_destinations, placed_q  # noqa: F401  (re-exported)
from careers.students.models import Student
from careers.students.statistics import EMPTY_LABEL

from .models import OutcomeSnapshot, RateAggregate, Snapshot

GENDERS = dict(Student.Gender.choices)




def approved_q(prefix="employment__"):
    """Which employment records count: careers.employment.outcomes.placed (a reviewed destination)."""
    return known_q(prefix)


def graduates(user, year):
    """The denominator: active students of `year` within the user's managed majors."""
    return scope_filter(Student.objects.filter(graduation_year=year, is_active=True), user)


def live_aggregates():
    approved = approved_q()
    return {
        "graduates": Count("pk"),
        "known": Count("pk", filter=approved),
        "placed": Count("pk", filter=approved & placed_q()),
    }


def rate_aggregate_sums():
    zero = lambda expr: Coalesce(expr, 0, output_field=IntegerField())  # noqa: E731  (SUM of no rows is NULL)
    return {"graduates": zero(Sum("graduates")), "known": zero(Sum("known")), "placed": zero(Sum("placed"))}


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


def percent_of(numerator, denominator):
    """percent(Fraction(numerator, denominator)) in integer arithmetic (no Fraction per cell on big tables)."""
    if not denominator:
        return "—"
    tenths = (numerator * 2000 + denominator) // (2 * denominator)
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
        return percent_of(self.placed, self.graduates)

    @property
    def knowledge_percent(self):
        return percent_of(self.known, self.graduates)

    @property
    def outcomes_percent(self):
        return percent_of(self.placed, self.known)

    def cells(self):
        """The table row as HTML: label escaped, the rest numbers and percentages."""
        graduates, known, placed = self.graduates, self.known, self.placed
        return (f"<tr><td>{html_escape(self.label)}</td><td>{graduates}</td><td>{placed}</td>"
                f"<td>{percent_of(placed, graduates)}</td><td>{known}</td><td>{percent_of(known, graduates)}</td>"
                f"<td>{percent_of(placed, known)}</td></tr>\n")

    def add(self, other):
        self.graduates += other.graduates
        self.known += other.known
        self.placed += other.placed


RATE_SERIES = (("placement_rate", "毕业去向落实率"), ("knowledge_rate", "知晓率"), ("outcomes_rate", "职业成果率"))
CHART_MAX_ROWS = 300
RATE_TERMS = {"placement_rate": ("placed", "graduates"), "knowledge_rate": ("known", "graduates"),
              "outcomes_rate": ("placed", "known")}


# -- dimensions ----------------------------------------------------------------------------------
# Every table is aggregated first by a narrow key (major id, origin region id, sex...) straight from
# students ⋈ employment records, and only the few aggregated rows are joined to their labels, in the
# same SQL statement: joining 200,000 rows to majors and colleges before grouping doubled the time.
@dataclass(frozen=True)
class Dimension:
    key: str
    label: str
    live_key: str  # the group key on Student
    snapshot_key: str  # the group key on OutcomeSnapshot
    live_labels: str  # "major": the key is a major id; "code": a code id; "": the key is its own label
    snapshot_labels: str
    group: object  # callable(row dict) -> (sort key, group key, label)
    grain: str = RateAggregate.Grain.MAJOR  # which RateAggregate rows hold it
    aggregate_key: str = "major_id"  # the group key on RateAggregate


def _major_group(field):
    def group(row):
        spec = f"（{row['specialization']}）" if row["specialization"] else ""
        sort = (row["college_sort"], row["college_name"])
        if field == "college":
            return sort, row["college_id"], row["college_name"]
        if field == "level":
            return (row["level_code"],), row["level_code"], row["level_name"]
        return ((*sort, row["level_code"], row["major_name"], row["specialization"]), row["major_id"],
                f"{row['college_name']} · {row['level_name']} · {row['major_name']}{spec}")
    return group


def _level_group(row):
    if "level_code" in row:
        return _major_group("level")(row)
    return (row["code"],), row["code"], row["name"]


def _origin_group(row):
    # GB/T 2260: the first two digits of any region code name its province.
    code = province_code(row["code"] if "code" in row else row["group_key"])
    return (not code, code), code, code


DIMENSIONS = {
    "college": Dimension("college", "学院", "major_id", "major_id", "major", "major", _major_group("college")),
    "major": Dimension("major", "专业", "major_id", "major_id", "major", "major", _major_group("major")),
    "education_level": Dimension("education_level", "学历", "major_id", "education_level_id", "major", "code",
                                 _level_group, aggregate_key="education_level_id"),
    "gender": Dimension("gender", "性别", "gender", "gender", "", "",
                        lambda row: ((row["group_key"],), row["group_key"],
                                     GENDERS.get(row["group_key"], row["group_key"])),
                        grain=RateAggregate.Grain.GENDER, aggregate_key="key"),
    "origin": Dimension("origin", "生源地", "origin_region_id", "origin_province", "code", "", _origin_group,
                        grain=RateAggregate.Grain.ORIGIN, aggregate_key="key"),
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


def labelled(aggregated, labels):
    """Rows (dicts) of an aggregated values() queryset with a `group_key`, joined to their labels in one query."""
    from careers.org.models import College, Major

    sql, params = aggregated.query.sql_with_params()
    q = connection.ops.quote_name
    if labels == "major":
        select = ("m.id AS major_id, m.name AS major_name, m.specialization AS specialization, "
                  "c.id AS college_id, c.sort AS college_sort, c.name AS college_name, "
                  "l.code AS level_code, l.name AS level_name")
        joins = (f"JOIN {q(Major._meta.db_table)} m ON m.id = a.group_key "
                 f"JOIN {q(College._meta.db_table)} c ON c.id = m.college_id "
                 f"JOIN {q(Code._meta.db_table)} l ON l.id = m.education_level_id")
    elif labels == "code":
        select, joins = "k.code AS code, k.name AS name", f"LEFT JOIN {q(Code._meta.db_table)} k ON k.id = a.group_key"
    else:
        select, joins = "", ""
    columns = "a.group_key AS group_key, a.graduates AS graduates, a.known AS known, a.placed AS placed"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns}{', ' if select else ''}{select} FROM ({sql}) a {joins}", params)
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]


def _sort_key(entry):
    return tuple(["" if v is None else v for v in entry[0]])


def group_rows(dimension, rows):
    """Labelled RateRows in the dimension's order, and the total (one pass: thousands of majors)."""
    merged = {}
    for row in rows:
        sort, key, label = dimension.group(row)
        graduates, known, placed = row["graduates"] or 0, row["known"] or 0, row["placed"] or 0
        entry = merged.get(key)
        if entry is None:
            merged[key] = (sort, RateRow(label, graduates, known, placed, key=key))
        else:
            entry[1].graduates += graduates
            entry[1].known += known
            entry[1].placed += placed
    entries = list(merged.values())
    try:
        entries.sort(key=itemgetter(0))
    except TypeError:  # an empty (None) sort value beside filled ones: sort it as ""
        entries.sort(key=_sort_key)
    ordered = [row for _, row in entries]
    if dimension.key == "origin":
        names = province_names([r.key for r in ordered])
        for row in ordered:
            row.label = names.get(row.key, row.key) if row.key else EMPTY_LABEL
    total = RateRow("合计")
    for row in ordered:
        row.label = row.label or EMPTY_LABEL
        total.graduates += row.graduates
        total.known += row.known
        total.placed += row.placed
    return ordered, total


def live_rows(user, year, dimension):
    aggregated = (graduates(user, year).annotate(group_key=F(dimension.live_key)).order_by()
                  .values("group_key").annotate(**live_aggregates()))
    return labelled(aggregated, dimension.live_labels)


def snapshot_rows(user, snapshot, dimension):
    if snapshot.aggregated:  # the pre-summed rows: a few per major
        queryset = scope_filter(RateAggregate.objects.filter(snapshot=snapshot, grain=dimension.grain), user)
        aggregated = (queryset.annotate(group_key=F(dimension.aggregate_key)).order_by().values("group_key")
                      .annotate(**rate_aggregate_sums()))
        return labelled(aggregated, dimension.snapshot_labels)
    queryset = scope_filter(OutcomeSnapshot.objects.filter(graduation_year=snapshot.graduation_year,
                                                           taken_on=snapshot.taken_on), user)
    aggregated = (queryset.annotate(group_key=F(dimension.snapshot_key)).order_by().values("group_key")
                  .annotate(**snapshot_aggregates()))
    return labelled(aggregated, dimension.snapshot_labels)


# -- as of a date --------------------------------------------------------------------------------
@dataclass
class AsOf:
    """Which data a table shows: live, the snapshot for a past date, or — for today — the latest daily
    snapshot while it is fresh (`current`; the page says when it was taken and offers 实时重算)."""

    requested: date
    live: bool
    snapshot: Snapshot | None = None
    current: bool = False  # today's figures from a fresh snapshot rather than live
    live_requested: bool = False  # live because the user asked (实时重算)

    @property
    def missing(self):
        return not self.live and self.snapshot is None

    @property
    def freshness(self):
        """How fresh the figures are, for the page: "实时" or when the snapshot was taken."""
        if self.live:
            return f"实时（{timezone.localtime():%Y-%m-%d %H:%M} 计算）"
        if self.snapshot is None:
            return ""
        kind = "每日快照" if self.snapshot.source == Snapshot.Source.SCHEDULE else "手动生成的快照"
        return f"数据截至 {timezone.localtime(self.snapshot.taken_at):%Y-%m-%d %H:%M}（{kind}）"

    @property
    def description(self):
        if self.live:
            return f"实时数据（截至 {timezone.localtime():%Y-%m-%d %H:%M}）"
        if self.snapshot is None:
            return f"{self.requested:%Y-%m-%d} 及之前没有快照"
        if self.current:
            return self.freshness
        return f"{self.snapshot.taken_on:%Y-%m-%d} 的快照（截至 {self.requested:%Y-%m-%d} 最近的一次）"


def current_snapshot(year, today=None):
    """The latest scheduled or manual snapshot of `year` taken on `today` or the day before and no older
    than settings.RATES_SNAPSHOT_MAX_AGE_HOURS (default 36): what today's page shows unless 实时重算 is
    asked for. Demo snapshots rebuild earlier days and never count as current; nor do snapshots taken
    before the pre-summed rows existed (they would be slow to read)."""
    today = today or timezone.localdate()
    hours = getattr(settings, "RATES_SNAPSHOT_MAX_AGE_HOURS", 36)
    if not hours:
        return None
    return (Snapshot.objects.filter(graduation_year=year, taken_on__gte=today - timedelta(days=1),
                                    taken_on__lte=today, aggregated=True,
                                    taken_at__gte=timezone.now() - timedelta(hours=hours))
            .exclude(source=Snapshot.Source.DEMO).order_by("-taken_on", "-taken_at").first())


def resolve_as_of(year, requested=None, today=None, *, prefer_snapshot=False, live=False):
    """Today (or a future date) -> live; a past date -> the latest snapshot on or before it.

    `prefer_snapshot` (the page): today's figures come from the current snapshot when there is one
    (current_snapshot), unless `live` (the user asked for 实时重算)."""
    today = today or timezone.localdate()
    if requested is None or requested >= today:
        if prefer_snapshot and not live:
            snapshot = current_snapshot(year, today)
            if snapshot is not None:
                return AsOf(requested or today, live=False, snapshot=snapshot, current=True)
        return AsOf(requested or today, live=True, live_requested=live)
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
    body: str | None = field(default=None, repr=False)  # the rendered rows, when cached with them

    @property
    def chart_height(self):
        """Pixels: three bars per row need room when the rows are many."""
        return max(360, 40 * len(self.rows) + 80) if len(self.rows) > 8 else 360

    @property
    def charted(self):
        """Whether the page draws the chart: a bar per row is unreadable (and megabytes) for thousands of
        majors; the table and the export keep every row."""
        return len(self.rows) <= CHART_MAX_ROWS

    @property
    def chart(self):
        """ECharts data: one bar series per rate, in percent with one decimal (n / d is float(Fraction(n, d)))."""
        def series(attr):
            num, den = RATE_TERMS[attr]
            return [round(getattr(r, num) / getattr(r, den) * 100, 1) if getattr(r, den) else 0 for r in self.rows]

        return {"categories": [r.label for r in self.rows],
                "series": [{"name": label, "data": series(attr)} for attr, label in RATE_SERIES]}

    @property
    def body_html(self):
        """The <tbody> rows in one string: thousands of majors would take a template loop ~100 ms."""
        if self.body is None:
            self.body = "".join(row.cells() for row in self.rows)
        return mark_safe(self.body)  # noqa: S308 (labels escaped in cells())


SNAPSHOT_CACHE_SECONDS = 300


def scope_key(user):
    """Who sees what, for a cache key: "all", a digest of the managed major ids, or None (do not cache)."""
    if sees_all_majors(user):
        return "all"
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_backoffice", False):
        return None
    ids = sorted(managed_major_ids(user).values_list("pk", flat=True))
    return hashlib.sha1(",".join(map(str, ids)).encode()).hexdigest()


def compute(user, year, dimension="college", as_of=None):
    """The rate table for `year` within the user's scope: one GROUP BY query (+ region names).

    A snapshot's table never changes, so it is cached (SNAPSHOT_CACHE_SECONDS, with its rendered rows) per
    snapshot version, dimension and exact scope (the managed major ids): thousands of majors are grouped,
    sorted and rendered once, not on every visit. Major names edited meanwhile show after the timeout."""
    dim = DIMENSIONS.get(dimension) or DIMENSIONS["college"]
    as_of = as_of or AsOf(timezone.localdate(), live=True)
    key = None
    if as_of.live:
        rows = live_rows(user, year, dim)
    elif as_of.snapshot is not None:
        scope = scope_key(user)
        snapshot = as_of.snapshot
        if scope is not None:
            key = f"reports:rates:{snapshot.pk}:{snapshot.taken_at.timestamp()}:{dim.key}:{scope}"
            cached = cache.get(key)
            if cached is not None:
                rows, total, body = cached
                return RateTable(year, dim, as_of, rows, total, body)
        rows = snapshot_rows(user, snapshot, dim)
    else:
        rows = []
    rows, total = group_rows(dim, rows)
    table = RateTable(year, dim, as_of, rows, total)
    if key is not None:
        cache.set(key, (rows, total, str(table.body_html)), SNAPSHOT_CACHE_SECONDS)
    return table
