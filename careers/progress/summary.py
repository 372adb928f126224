"""报送情况 and 汇总表: completion per college and the combined table of a project, within a user's scope.

Expected majors are the active majors that have 在读 students of the project's graduation year;
a major reported although no longer expected still shows in the table (nothing is hidden).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef
from django.utils import timezone

from careers.core.scoping import scope_filter
from careers.org.models import Major
from careers.students.models import Student

from .figures import display
from .models import ProgressReport


def expected_majors(year, user):
    """Majors that must report for graduation `year`, within the user's scope."""
    has_students = Student.objects.filter(major=OuterRef("pk"), graduation_year=year, is_active=True)
    return scope_filter(Major.objects.filter(is_active=True).filter(Exists(has_students)), user)


def completion_counts(projects, user):
    """{project id: (reported, expected)} for a page of projects: two queries whatever the page size."""
    projects = list(projects)
    if not projects:
        return {}
    years = {p.graduation_year for p in projects}
    students = scope_filter(Student.objects.filter(graduation_year__in=years, is_active=True, major__is_active=True),
                            user)
    expected = dict(students.order_by().values_list("graduation_year").annotate(n=Count("major", distinct=True)))
    current = Student.objects.filter(major=OuterRef("major"), graduation_year=OuterRef("project__graduation_year"),
                                     is_active=True)
    reports = scope_filter(ProgressReport.objects.filter(project__in=projects, major__is_active=True)
                           .filter(Exists(current)), user)
    reported = dict(reports.order_by().values_list("project").annotate(n=Count("pk")))
    return {p.pk: (reported.get(p.pk, 0), expected.get(p.graduation_year, 0)) for p in projects}


@dataclass
class Row:
    college: str
    major: str = ""
    education_level: str = ""
    report: object = None
    cells: list = field(default_factory=list)  # as shown
    raw: list = field(default_factory=list)  # as exported (numbers stay numbers)
    kind: str = "major"  # "major", "college" (subtotal) or "total"
    expected: bool = True
    major_id: int = None

    @property
    def status(self):
        if self.kind != "major":
            return ""
        return "已报送" if self.report is not None else "未报送"

    @property
    def reported_by(self):
        return self.report.reported_by.name if self.report is not None and self.report.reported_by_id else ""

    @property
    def reported_at(self):
        if self.report is None:
            return ""
        return timezone.localtime(self.report.reported_at).strftime("%Y-%m-%d %H:%M")


@dataclass
class CollegeCompletion:
    college: str
    expected: int = 0
    reported: int = 0
    missing: list = field(default_factory=list)

    @property
    def percent(self):
        return round(self.reported * 100 / self.expected) if self.expected else 100


@dataclass
class Summary:
    project: object
    rows: list
    total: Row
    colleges: list  # CollegeCompletion, in college order
    expected: int
    reported: int

    @property
    def percent(self):
        return round(self.reported * 100 / self.expected) if self.expected else 100


def totals(figures, reports):
    """(shown, raw) totals of the numeric figures: integers add up, percentages are averaged over the reports."""
    cells, raw = [], []
    for figure in figures:
        numbers = [r.values.get(figure["key"]) for r in reports]
        numbers = [n for n in numbers if isinstance(n, (int, float)) and not isinstance(n, bool)]
        if figure["kind"] == "integer":
            cells.append(sum(numbers))
            raw.append(sum(numbers))
        elif figure["kind"] == "percentage" and numbers:
            mean = round(sum(numbers) / len(numbers), 2)
            cells.append(f"{mean:g}%（平均）")
            raw.append(mean)
        else:
            cells.append("")
            raw.append("")
    return cells, raw


def project_summary(project, user):
    """Completion and the combined table of `project` for the majors `user` manages."""
    figures = project.figures
    expected = {m.pk for m in expected_majors(project.graduation_year, user)}
    reports = {r.major_id: r for r in scope_filter(project.reports.select_related("reported_by"), user)}
    majors = (Major.objects.filter(pk__in=expected | set(reports)).select_related("college", "education_level")
              .order_by("college__sort", "college__name", "education_level__code", "name", "specialization", "pk"))
    rows, colleges, grouped = [], [], []
    for major in majors:
        if not colleges or colleges[-1].college != major.college.name:
            colleges.append(CollegeCompletion(major.college.name))
            grouped.append([])
        report = reports.get(major.pk)
        completion = colleges[-1]
        if major.pk in expected:
            completion.expected += 1
            if report is not None:
                completion.reported += 1
            else:
                completion.missing.append(str(major))
        values = report.values if report is not None else {}
        cells = [display(f, values.get(f["key"])) for f in figures]
        raw = [values.get(f["key"], "") for f in figures]
        grouped[-1].append(Row(major.college.name, str(major), major.education_level.name, report, cells, raw,
                               expected=major.pk in expected, major_id=major.pk))
    for completion, college_rows in zip(colleges, grouped):
        rows.extend(college_rows)
        if len(colleges) > 1:
            done = [r.report for r in college_rows if r.report is not None]
            cells, raw = totals(figures, done)
            rows.append(Row(completion.college, "小计", cells=cells, raw=raw, kind="college"))
    cells, raw = totals(figures, list(reports.values()))
    total = Row("合计", cells=cells, raw=raw, kind="total")
    reported = sum(c.reported for c in colleges)
    return Summary(project, rows, total, colleges, len(expected), reported)


def export_labels(project):
    return ["学院", "专业", "学历", *(f"{f['label']}（%）" if f["kind"] == "percentage" else f["label"]
                                      for f in project.figures), "报送状态", "报送人", "报送时间"]


def export_rows(summary):
    for row in [*summary.rows, summary.total]:
        yield [row.college, row.major, row.education_level, *row.raw, row.status, row.reported_by, row.reported_at]
