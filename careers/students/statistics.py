"""数据统计: a registry of statistics items, each one GROUP BY query over the user's students.

Another app adds items the same way (e.g. the employment issue's placement figures):

    from careers.students.statistics import StatItem, register

    register(StatItem("by_destination", "就业 · 按毕业去向", ("employmentrecord__destination__name",),
                      base=employment_base, permission="employment.statistics.view"))

An item groups `base(user, year)` — default: the user's 在读 students of that graduation year
within their managed majors — by `group_by` (ORM paths or names of `annotate` expressions) and
counts rows; `label(values)` turns one group into its label. `run(user, year, by)` optionally
splits every group per college or per major (a cross table), still in one query.
"""

from dataclasses import dataclass, field
from html import (
    escape as html_escape,  # django's escape() minus its lazy-string wrapper (thousands of cells)
)

from django.db.models import Count
from django.db.models.functions import Coalesce
from django.utils.safestring import mark_safe

from careers.core.registry import Registry
from careers.core.scoping import scope_filter
from careers.org.models import Major

from .models import Student

EMPTY_LABEL = "（未填写）"
REGISTRY: Registry = Registry("statistics item")  # key -> StatItem; reports adds the 就业 items
CHART_MAX_ROWS = 300  # a bar per row is unreadable (and megabytes of JSON) for thousands of majors

# "Split by" choices: the ORM paths that name a row, and how to label it.
SPLITS = {
    "college": ("按学院", ("major__college__sort", "major__college__name"), lambda v: v["major__college__name"]),
    "major": ("按专业", ("major__college__sort", "major__college__name", "major__education_level__code",
                        "major__education_level__name", "major__name", "major__specialization"),
              lambda v: major_label(v)),
}


def major_label(v):
    spec = f"（{v['major__specialization']}）" if v["major__specialization"] else ""
    return f"{v['major__college__name']} · {v['major__education_level__name']} · {v['major__name']}{spec}"


def student_base(user, year):
    return scope_filter(Student.objects.filter(graduation_year=year, is_active=True), user)


@dataclass
class Result:
    item: "StatItem"
    dimension: str  # header of the label column
    columns: list  # category labels (one "人数" column when not split)
    rows: list  # [(label, [counts per column], row total)]
    totals: list
    total: int
    split: str = ""
    freshness: str = ""  # how fresh the figures are, when they come from a snapshot ("数据截至 …（每日快照）")
    live_url: str = ""  # where the live figure is computed on demand (实时重算), when the result is a snapshot's

    @property
    def table_rows(self):
        """Rows with the share of the grand total, e.g. "12.5%"."""
        return [(label, cells, total, f"{total * 100 / self.total:.1f}%" if self.total else "")
                for label, cells, total in self.rows]

    @property
    def body_html(self):
        """The <tbody> rows in one string: a template loop over thousands of rows cost more than the query."""
        rows = []
        for label, cells, total, share in self.table_rows:
            tds = "".join(f"<td>{html_escape(str(n))}</td>" for n in cells)
            last = total if self.split else share
            rows.append(f"<tr><td>{html_escape(str(label))}</td>{tds}<td>{html_escape(str(last))}</td></tr>\n")
        return mark_safe("".join(rows))  # noqa: S308 (every cell escaped above)

    @property
    def charted(self):
        """Whether the result draws a chart: not for more than CHART_MAX_ROWS rows (the table keeps them all)."""
        return len(self.rows) <= CHART_MAX_ROWS

    @property
    def chart_height(self):
        """Pixels: room for one bar per row when there are many rows."""
        return max(320, 26 * len(self.rows) + 80)

    @property
    def chart(self):
        """ECharts option data: categories and one series per column."""
        return {"type": self.item.chart if not self.split else "bar", "categories": [r[0] for r in self.rows],
                "series": [{"name": col, "data": [r[1][i] for r in self.rows]} for i, col in enumerate(self.columns)],
                "stacked": bool(self.split)}


@dataclass(frozen=True)
class StatItem:
    key: str
    title: str
    dimension: str  # the category's name, e.g. 性别
    group_by: tuple
    label: object = None  # callable(values) -> str; default: the grouped values joined
    annotate: dict = field(default_factory=dict)
    permission: str = "students.statistics.view"
    base: object = student_base
    chart: str = "bar"  # "bar" or "pie"
    order_by_count: bool = True  # else keep the grouped fields' order
    splittable: bool = True

    def label_of(self, values):
        if self.label is not None:
            text = self.label(values)
        else:
            text = " · ".join(str(values[p]) for p in self.group_by if values[p] not in (None, ""))
        return text or EMPTY_LABEL

    def unsplit_result(self, rows):
        """One 人数 column from the grouped rows (dicts with the group_by fields and "count")."""
        counts = {}
        for values in rows:
            key = self.label_of(values)
            counts[key] = counts.get(key, 0) + values["count"]
        items = sorted(counts.items(), key=lambda kv: -kv[1]) if self.order_by_count else list(counts.items())
        total = sum(counts.values())
        return Result(self, self.dimension, ["人数"], [(k, [n], n) for k, n in items], [total], total)

    def query(self, user, year, split_fields=()):
        queryset = self.base(user, year)
        fields = (*split_fields, *self.group_by)
        if queryset.model is Student and not self.annotate and all(f.startswith(MAJOR) for f in fields):
            return by_major(queryset, fields)
        if self.annotate:
            queryset = queryset.annotate(**self.annotate)
        # COUNT(*), not COUNT(id): the rows are the base model's, never NULL, and the index can answer it
        return queryset.order_by().values(*fields).annotate(count=Count("*")).order_by(*fields)

    def run(self, user, year, split="", live=False):
        """The item's figures for `year` within the user's scope: exactly one query. `live`: 实时重算 was asked
        for (an item that can read a snapshot computes live instead; these items are always live)."""
        if split not in SPLITS or not self.splittable:
            split = ""
        if not split:
            return self.unsplit_result(self.query(user, year))
        split_label, split_fields, split_name = SPLITS[split]
        table, columns = {}, {}
        for values in self.query(user, year, split_fields):
            row, col = split_name(values), self.label_of(values)
            columns[col] = columns.get(col, 0) + values["count"]
            cells = table.setdefault(row, {})
            cells[col] = cells.get(col, 0) + values["count"]
        cols = sorted(columns, key=lambda c: -columns[c]) if self.order_by_count else list(columns)
        rows = [(row, [cells.get(c, 0) for c in cols], sum(cells.values())) for row, cells in table.items()]
        total = sum(columns.values())
        return Result(self, split_label[1:], cols, rows, [columns[c] for c in cols], total, split)


MAJOR = "major__"


def by_major(students, fields):
    """Group counts by fields of the student's major (学院, 专业, 学历 …) as `query` returns them.

    Counted per major_id first — an index-only scan of (graduation_year, is_active, major) — and the
    few thousand majors' labels read separately, instead of joining 40,000 students to majors, colleges
    and codes and sorting the wide rows (380 ms at 200,000 students; query plans in docs/performance.md)."""
    counts = dict(students.order_by().values("major_id").annotate(n=Count("*")).values_list("major_id", "n"))
    names = [f[len(MAJOR):] for f in fields]
    majors = Major.objects.order_by()
    if len(counts) <= 500:  # else every major: cheaper than a long IN list (and SQLite's parameter limit)
        majors = majors.filter(pk__in=list(counts))
    grouped = {}
    for values in majors.values_list("pk", *names):
        n = counts.get(values[0])
        if n:
            grouped[values[1:]] = grouped.get(values[1:], 0) + n
    rows = [{**dict(zip(fields, key)), "count": n} for key, n in grouped.items()]
    rows.sort(key=lambda row: tuple((row[f] is None, row[f] if row[f] is not None else 0) for f in fields))
    return rows


def register(item):
    REGISTRY.register(item.key, item)
    return item


def items_for(user):
    return [item for item in REGISTRY.values() if user.has_permission(item.permission)]


GENDERS = dict(Student.Gender.choices)

register(StatItem("by_college", "生源 · 按学院", "学院", SPLITS["college"][1], label=SPLITS["college"][2],
                  order_by_count=False, splittable=False))
register(StatItem("by_major", "生源 · 按专业", "专业", SPLITS["major"][1], label=major_label, order_by_count=False,
                  splittable=False))
register(StatItem("by_education_level", "生源 · 按学历", "学历",
                  ("major__education_level__code", "major__education_level__name"),
                  label=lambda v: v["major__education_level__name"], order_by_count=False, chart="pie"))
register(StatItem("by_gender", "生源 · 按性别", "性别", ("gender",), label=lambda v: GENDERS.get(v["gender"], v["gender"]),
                  order_by_count=False, chart="pie"))
# Region codes nest county -> prefecture -> province: the first non-empty of grandparent, parent
# and the region itself is the province, whatever level the student's region was recorded at.
register(StatItem("by_province", "生源 · 按生源地（省）", "生源地", ("province",),
                  annotate={"province": Coalesce("origin_region__parent__parent__name", "origin_region__parent__name",
                                                 "origin_region__name")}))
register(StatItem("by_ethnicity", "生源 · 按民族", "民族", ("ethnicity__name",)))
register(StatItem("by_political_status", "生源 · 按政治面貌", "政治面貌", ("political_status__name",), chart="pie"))
register(StatItem("by_training_mode", "生源 · 按培养方式", "培养方式", ("training_mode__name",), chart="pie"))
