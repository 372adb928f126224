"""生成统计表 (动态统计表): per major, the cohort's follow-up state from each student's latest entry.

One GROUP BY query over the user's students (latest situation and difficulties, placed), one
query for the majors' names; everything else is arithmetic in Python. 5,000 students: ~50 ms.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape as html_escape  # django's escape() minus its lazy-string wrapper (thousands of cells)

from django.db.models import Count, OuterRef, Subquery, TextField, Value
from django.db.models.functions import Cast, Concat
from django.utils.safestring import mark_safe

from careers.org.models import Major

from .models import FollowUpEntry
from careers.employment.outcomes.placed import placed_destinations

from .queries import cohort, placed_condition


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    group: str

    @property
    def export_label(self):
        return f"{self.group}：{self.label}" if self.group in ("求职状态", "困难帮扶") else self.label


COLUMNS = (
    Column("graduates", "毕业生人数", "总体"),
    Column("contacted", "已跟踪", "跟踪情况"),
    Column("not_contacted", "未跟踪", "跟踪情况"),
    *(Column(f"s:{code}", label, "求职状态") for code, label in FollowUpEntry.Situation.choices),
    Column("difficulty", "困难帮扶人数", "困难帮扶"),
    *(Column(f"d:{code}", label, "困难帮扶") for code, label in FollowUpEntry.Difficulty.choices),
    Column("placed", "已落实去向", "就业"),
    Column("placed_rate", "去向落实率", "就业"),
)
COUNT_KEYS = [c.key for c in COLUMNS if c.key != "placed_rate"]
GRADUATES, PLACED = COUNT_KEYS.index("graduates"), COUNT_KEYS.index("placed")


CELL = '<td class="text-end">{}</td>'
# One format per row kind: str.format over a prepared template is ~5× faster than joining 25 cells per row
# (a school of 5,000 majors renders 5,000 rows).
ROW_FORMATS = {kind: f'<tr{css} data-row="{kind}"><td>{{}}</td><td>{{}}</td><td>{{}}</td>'
                     + CELL * (len(COUNT_KEYS) + 1) + "</tr>\n"
               for kind, css in (("major", ""), ("college", ' class="table-secondary fw-semibold"'))}


@dataclass
class Row:
    college: str
    major: str
    education_level: str
    values: list = field(default_factory=lambda: [0] * len(COUNT_KEYS))  # in COUNT_KEYS order
    kind: str = "major"  # "major", "college" (subtotal) or "total"

    @classmethod
    def of(cls, college, major, education_level, counts, kind="major"):
        return cls(college, major, education_level, [counts.get(key, 0) for key in COUNT_KEYS], kind)

    @classmethod
    def summing(cls, college, major, rows, kind):
        """A subtotal or total: the column sums of `rows` (zip over lists: no per-key dict arithmetic)."""
        values = [sum(column) for column in zip(*(row.values for row in rows))]
        return cls(college, major, "", values or [0] * len(COUNT_KEYS), kind)

    @property
    def counts(self):
        return dict(zip(COUNT_KEYS, self.values))

    @property
    def cells(self):
        return [*self.values, self.placed_rate]

    @property
    def placed_rate(self):
        graduates, placed = self.values[GRADUATES], self.values[PLACED]
        return f"{placed * 100 / graduates:.1f}%" if graduates else ""

    def html(self):
        """The <tr> as the template used to render it: labels escaped, numbers right-aligned."""
        return ROW_FORMATS[self.kind].format(html_escape(self.college), html_escape(self.major),
                                             html_escape(self.education_level), *self.values, self.placed_rate)


@dataclass
class Statistics:
    year: int
    rows: list  # majors, each college followed by its subtotal when there is more than one college
    total: Row

    @property
    def columns(self):
        return COLUMNS

    @property
    def body_html(self):
        """The <tbody> rows in one string: a school of 5,000 majors × 25 cells took a template loop ~0.5 s."""
        return mark_safe("".join(row.html() for row in self.rows))  # noqa: S308 (labels escaped in Row.html)

    @property
    def groups(self):
        """(group label, number of columns) for the two-row header."""
        spans = []
        for column in COLUMNS[1:]:
            if spans and spans[-1][0] == column.group:
                spans[-1][1] += 1
            else:
                spans.append([column.group, 1])
        return spans


def grouped_counts(students, placed_codes):
    """(kind, major id, state, count) rows over `students`, in ONE statement (a UNION ALL of three GROUP BYs):

    * ("g", major, None, n): graduates per major — an index-only scan of the cohort;
    * ("s", major, state, n): the latest entry's "situation|[json list]" per major, over the students that
      have an entry only (a semi-join: at 50,000 graduates and 10,000 followed up, the latest-entry
      subquery ran 50,000 times, mostly finding nothing);
    * ("p", major, None, n): placed graduates per major; `placed_codes` are inlined (as a subquery the
      planner expected 2 codes, not 18, and probed the students 146,000 times instead of one hash join).
    """
    entries = FollowUpEntry.objects.filter(student=OuterRef("pk")).order_by("-contacted_on", "-pk")
    state = entries.annotate(state=Concat("situation", Value("|"), Cast("difficulties", TextField()),
                                          output_field=TextField())).values("state")[:1]
    none = Value(None, output_field=TextField())
    base = students.order_by()
    graduates = base.annotate(kind=Value("g"), state=none).values("kind", "major_id", "state").annotate(n=Count("*"))
    states = (base.filter(pk__in=FollowUpEntry.objects.values("student_id"))
              .annotate(kind=Value("s"), state=Subquery(state)).values("kind", "major_id", "state")
              .annotate(n=Count("*")))
    placed = (base.filter(placed_condition(codes=placed_codes)).annotate(kind=Value("p"), state=none)
              .values("kind", "major_id", "state").annotate(n=Count("*")))
    return graduates.union(states, placed, all=True).values_list("kind", "major_id", "state", "n")


def live_per_major(students):
    """{major id: {count key: n}} of `students`, computed now (two queries)."""
    per_major = defaultdict(lambda: dict.fromkeys(COUNT_KEYS, 0))
    codes = list(placed_destinations().values_list("pk", flat=True))
    for kind, major_id, state, n in grouped_counts(students, codes):
        counts = per_major[major_id]
        if kind == "g":
            counts["graduates"] += n
        elif kind == "p":
            counts["placed"] += n
        else:
            add_state(counts, state, n)
    for counts in per_major.values():
        counts["not_contacted"] = counts["graduates"] - counts["contacted"]
    return per_major


def add_state(counts, state, n):
    """Count `n` students whose latest entry reads `state` ("situation|[json list]"; None: no entry)."""
    if not state:
        return
    situation, _, listed = state.partition("|")
    difficulties = json.loads(listed) if listed else []
    if situation:
        counts["contacted"] += n
        counts[f"s:{situation}"] += n
    if difficulties:
        counts["difficulty"] += n
        for code in difficulties:
            key = f"d:{code}"
            if key in counts:
                counts[key] += n


def narrowed(queryset, college, education_level, major):
    """`queryset` (students, or a snapshot's per-major rows: both have `major`) limited by the page's conditions."""
    if college:
        queryset = queryset.filter(major__college=college)
    if education_level:
        queryset = queryset.filter(major__education_level=education_level)
    if major:
        queryset = queryset.filter(major=major)
    return queryset


def ledger_statistics(user, year, *, college=None, education_level=None, major=None, snapshot=None):
    """The dynamic statistics table of the user's 在读 students of graduation `year`: live, or from the
    per-major rows of `snapshot` (a LedgerSnapshot of that year; scope and conditions applied the same way)."""
    if snapshot is not None:
        from .snapshots import snapshot_per_major

        per_major = snapshot_per_major(snapshot, user, college, education_level, major)
    else:
        per_major = live_per_major(narrowed(cohort(user, year), college, education_level, major))
    return build(year, per_major)


# Past this many majors, reading every major's labels is cheaper than sending the ids (5,000 ids: 38 ms to
# parse and plan the IN list; every one of 5,200 majors: 10 ms).
MAJORS_BY_ID = 500


def build(year, per_major):
    """Rows (majors with college subtotals when there is more than one college) and the total."""
    # only the labels (values, not thousands of Major instances with every column)
    majors = (Major.objects.order_by("college__sort", "college__name", "education_level__code", "name",
                                     "specialization", "pk")
              .values_list("pk", "college_id", "college__name", "name", "specialization", "education_level__name"))
    if len(per_major) <= MAJORS_BY_ID:
        majors = majors.filter(pk__in=list(per_major))
    rows = []  # (college id, row)
    names = {}
    for pk, college_id, college_name, name, specialization, level in majors:
        if pk not in per_major:
            continue
        label = f"{name}（{specialization}）" if specialization else name  # Major.__str__
        rows.append((college_id, Row.of(college_name, label, level, per_major[pk])))
        names[college_id] = college_name
    total = Row.summing("合计", "", [row for _, row in rows], "total")
    if len(names) < 2:
        return Statistics(year, [row for _, row in rows], total)
    ordered, group = [], []  # each college's majors, then its subtotal (rows come ordered by college)
    for index, (college_id, row) in enumerate(rows):
        group.append(row)
        if index + 1 == len(rows) or rows[index + 1][0] != college_id:
            ordered += [*group, Row.summing(names[college_id], "小计", group, "college")]
            group = []
    return Statistics(year, ordered, total)


def export_rows(statistics):
    """Rows of cells for the .xlsx download: the table as shown, with the subtotal and total rows."""
    for row in [*statistics.rows, statistics.total]:
        yield [row.college, row.major, row.education_level, *row.cells]


def export_labels():
    return ["学院", "专业", "学历", *(c.export_label for c in COLUMNS)]
