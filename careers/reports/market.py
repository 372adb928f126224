"""就业市场信息统计: live counts of the employment market, each from the app that holds the data.

An app registers a counter from a module its registry.py imports (core/registry.py):

    from careers.reports.market import Counter, register

    register(Counter("jobs", "职位数", count_jobs, groupings=("industry", "region")))

`count(period, by)` gets a `Period` (start/end dates, either may be None, and the viewing user for
student-linked data, which must be scoped) and a grouping key: "" → an int; a key the counter lists
in `groupings` → {label: count}. The page shows the registered counters in registration order.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from careers.core.registry import Registry
from careers.core.scoping import scope_filter

GROUPINGS = {"industry": "按行业", "region": "按地区"}
EMPTY_LABEL = "（未填写）"
REGISTRY: Registry = Registry("market counter")


@dataclass(frozen=True)
class Period:
    start: datetime.date | None = None
    end: datetime.date | None = None
    user: object = None
    # what one page's counters share (e.g. 职位数 and 招聘人数 from one statement): see `shared`
    memo: dict = field(default_factory=dict, compare=False, hash=False, repr=False)

    def shared(self, key, compute):
        """compute() once per period (one page view), for counters that read the same rows."""
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def on(self, queryset, field):
        """Rows of `queryset` whose date or datetime `field` falls in the period (both ends included)."""
        model_field = queryset.model._meta.get_field(field)
        is_datetime = model_field.get_internal_type() == "DateTimeField"
        if self.start:
            start = self._moment(self.start) if is_datetime else self.start
            queryset = queryset.filter(**{f"{field}__gte": start})
        if self.end:
            if is_datetime:
                queryset = queryset.filter(**{f"{field}__lt": self._moment(self.end + datetime.timedelta(days=1))})
            else:
                queryset = queryset.filter(**{f"{field}__lte": self.end})
        return queryset

    def scope(self, queryset):
        """Student-linked rows the viewer may see (none without a viewer)."""
        return scope_filter(queryset, self.user) if self.user is not None else queryset.none()

    @staticmethod
    def _moment(day):
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))

    @property
    def label(self):
        if not self.start and not self.end:
            return "全部时间"
        return f"{self.start or '最早'} 至 {self.end or '今天'}"


@dataclass(frozen=True)
class Counter:
    key: str
    label: str
    count: object  # callable(period, by="") -> int | {label: int}
    groupings: tuple = ()
    note: str = ""  # what is counted, shown under the figure


@dataclass
class Figure:
    key: str
    label: str
    value: int
    groups: list | None = None  # [(label, count)] when grouped
    note: str = ""
    grouping_supported: bool = False


def register(counter, *, replace=False):
    """Add a counter; `replace=True` says on purpose that it takes over a figure another app registered."""
    REGISTRY.register(counter.key, counter, replace=replace)
    return counter


def grouped(queryset, expression, count=None):
    """{label: count}, biggest first: the grouped result of a counter."""
    rows = queryset.order_by().values(group=expression).annotate(n=count or Count("pk")).order_by("-n", "group")
    return {row["group"] or EMPTY_LABEL: row["n"] for row in rows}


def figures(period, by=""):
    """Every registered figure for the period, in registration order."""
    result = []
    for key, counter in REGISTRY.items():
        value = counter.count(period, "")
        groups = None
        if by and by in counter.groupings:
            groups = sorted(counter.count(period, by).items(), key=lambda kv: (-kv[1], kv[0]))
        result.append(Figure(key, counter.label, value, groups, counter.note, by in counter.groupings))
    return result


# -- what exists now -----------------------------------------------------------------------------
def industry_section(prefix):
    return Coalesce(f"{prefix}__parent__name", f"{prefix}__name")


def region_province(prefix):
    return Coalesce(f"{prefix}__parent__parent__name", f"{prefix}__parent__name", f"{prefix}__name")


def count_employer_accounts(period, by=""):
    from careers.accounts.models import User

    return period.on(User.objects.filter(kind=User.Kind.EMPLOYER, is_active=True), "date_joined").count()


def count_resumes(period, by=""):
    from careers.resumes.models import Resume

    queryset = period.on(period.scope(Resume.objects.all()), "created_at")
    if by == "industry":
        return grouped(queryset, industry_section("expected_industry"))
    return queryset.count()


def placed_employer_records(period):
    from careers.employment.models import EmploymentRecord

    records = EmploymentRecord.objects.filter(destination__isnull=False).exclude(employer_name="")
    return period.on(period.scope(records), "placed_on")


def employer_identity():
    """An employer is its credit code, or its name when the record has none."""
    return Coalesce(NullIf("employer_credit_code", Value("")), "employer_name")


def count_placed_employers(period, by=""):
    records = placed_employer_records(period)
    distinct = Count(employer_identity(), distinct=True)
    if by == "industry":
        return grouped(records, industry_section("employer_industry"), distinct)
    if by == "region":
        return grouped(records, region_province("employer_region"), distinct)
    # COUNT(*) over SELECT DISTINCT: hashed (8,000 units among 140,000 records), where COUNT(DISTINCT …)
    # sorted every record's identity
    return records.order_by().values(identity=employer_identity()).distinct().count()


register(Counter("employers", "用人单位（注册账号）", count_employer_accounts,
                 note="已注册的用人单位账号，按注册时间统计"))
register(Counter("placed_employers", "接收毕业生的单位", count_placed_employers, groupings=("industry", "region"),
                 note="已审核就业信息中填写的就业单位（按统一社会信用代码或单位名称去重），按落实日期统计"))
register(Counter("resumes", "学生简历", count_resumes, groupings=("industry",),
                 note="学生创建的简历，按创建时间统计；行业为期望行业"))
