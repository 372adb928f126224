"""统计 of talks and fairs (manual 4.6: 在招聘会列表中，可即时查看招聘会数据统计).

Two levels:

- `annotate_fair_stats(qs, user)` / `annotate_talk_stats(qs, user)` add the live figures to a list's
  queryset as correlated subqueries (`stat_*` attributes), so a list page of any length costs one
  query more or less, whatever the number of rows or registrations;
- `fair_stats(fair, user)` / `talk_stats(talk, user)` compute the figures of one event plus its
  breakdowns (check-ins per hour, by college, by education level, registrations per day) in a fixed
  number of grouped queries.

Definitions (the same everywhere: lists, stats pages, exports, tests):

    参会单位 (units applied)     participations not withdrawn (待确认, 已确认, 未通过)
    已确认单位                    participations 已确认
    单位签到                      participations with checked_in_at set
    职位数 / 招聘人数              visible ParticipantJobs (hidden=False) of confirmed units; openings summed
    报名人数 / 签到人数             Registration / CheckIn rows of the event
    简历投递 (deliveries)          recruitment.Application to those visible fair jobs, created between the
                                  fair's start and end (both included)
    已缴费用                      sum of the participations' orders in state 已支付 (refunds excluded)
    签到率 (talks, fairs)          registered students who checked in ÷ registrations

Student-linked figures (registrations, check-ins, deliveries and their breakdowns) are scoped: a college
admin counts only students of the majors they manage. Unit, job and fee figures are school-wide.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Subquery,
)
from django.db.models.functions import TruncDate, TruncHour
from django.utils import timezone

from careers.core.scoping import managed_major_id_list, scope_filter, sees_all_majors

from ..checkin.models import event_field
from ..models import (
    CheckIn,
    Order,
    OrderStatus,
    ParticipantJob,
    Participation,
    ParticipationStatus,
    Registration,
)

EMPTY_LABEL = "（未填写）"


def in_scope(queryset, user, majors=None):
    """Student-linked rows in the user's scope. The rule is core's `scope_filter`, applied to the students
    (a semi-join on student ids, hashed once per query, instead of joining every row to its student).
    School-wide figures come from `SYSTEM` (or a school admin); `None` counts nobody.

    The managed majors are written into the SQL as constants (`majors`: read once by the caller, see
    `scope_majors`), so the planner knows how many students are in scope."""
    if sees_all_majors(user):
        return queryset
    from careers.students.models import Student

    students = scope_filter(Student.objects.all(), user)
    if students.query.is_empty():
        return queryset.none()
    ids = scope_majors(user) if majors is None else majors
    return queryset.filter(student_id__in=Student.objects.filter(major_id__in=ids).values("pk"))


def scope_majors(user):
    """The user's managed major ids for `in_scope` (None: no restriction or nobody — in_scope decides)."""
    if sees_all_majors(user) or user is None or not (user.is_authenticated and user.is_backoffice):
        return None
    return managed_major_id_list(user)


CENTS = Decimal("0.01")


class _CountOf(Subquery):
    template = "(SELECT COUNT(*) FROM (%(subquery)s) _n)"
    output_field = IntegerField()


class _SumOf(Subquery):
    template = "(SELECT COALESCE(SUM(_s.v), 0) FROM (%(subquery)s) _s)"
    output_field = IntegerField()


class _YuanOf(Subquery):
    """Fen summed, as yuan with 2 decimals."""
    template = "(SELECT ROUND(COALESCE(SUM(_s.v), 0) / 100.0, 2) FROM (%(subquery)s) _s)"
    output_field = DecimalField(max_digits=14, decimal_places=2)

    def convert_value(self, value, expression, connection):
        # SQLite's ROUND gives a float and Django quantizes only plain columns: 800.0 would show as "800",
        # not "800.00" as on PostgreSQL (numeric keeps its scale).
        return None if value is None else Decimal(value).quantize(CENTS)


def _count(queryset):
    """A correlated COUNT(*) of `queryset` (filtered on OuterRef): no GROUP BY, 0 when empty."""
    return _CountOf(queryset.order_by().values("pk"))


def _sum(queryset, expression):
    return _SumOf(queryset.order_by().values(v=F(expression)))


def visible_fair_jobs():
    """The fair's job list as students see it: not hidden, of confirmed units."""
    return ParticipantJob.objects.filter(hidden=False, participation__status=ParticipationStatus.CONFIRMED)


def fair_deliveries(fair, starts, ends, jobs_fair=None):
    """Applications to the fair's visible jobs created during the fair. `fair`, `starts`, `ends` are values
    or OuterRefs of the query the count sits in; `jobs_fair` is how the job subquery (one level deeper)
    refers to the fair (default: `fair`; pass OuterRef(OuterRef("pk")) when correlating)."""
    from careers.recruitment.models import Application

    jobs = visible_fair_jobs().filter(participation__fair=fair if jobs_fair is None else jobs_fair)
    return Application.objects.filter(job_id__in=jobs.values("job_id"), created_at__gte=starts, created_at__lte=ends)


def _registered_checkins(checkins, kind):
    """Check-ins whose student registered for the same event (probes the registration unique index)."""
    return checkins.filter(Exists(Registration.objects.filter(**{kind: OuterRef(f"{kind}_id")},
                                                              student=OuterRef("student_id"))))


def annotate_fair_stats(queryset, user, with_rate=False, one=None):
    """Fairs with stat_units_applied, stat_units_confirmed, stat_units_checked_in, stat_jobs, stat_openings,
    stat_registrations, stat_checkins, stat_deliveries, stat_paid (yuan, Decimal); with_rate adds
    stat_registered_checkins (the 签到率 numerator: the detail page, not the list).

    `one`: the fair itself when `queryset` is just that fair: the subqueries then name its id and times as
    constants, so PostgreSQL plans them with the fair's real row counts (a big fair is skewed data)."""
    fair = one.pk if one is not None else OuterRef("pk")
    starts, ends = (one.starts_at, one.ends_at) if one is not None else (OuterRef("starts_at"), OuterRef("ends_at"))
    participations = Participation.objects.filter(fair=fair)
    jobs = visible_fair_jobs().filter(participation__fair=fair)
    majors = scope_majors(user)
    registrations = in_scope(Registration.objects.filter(fair=fair), user, majors)
    checkins = in_scope(CheckIn.objects.filter(fair=fair), user, majors)
    deliveries = in_scope(fair_deliveries(fair, starts, ends, fair if one is not None else OuterRef(OuterRef("pk"))),
                         user, majors)
    extra = {"stat_registered_checkins": _count(_registered_checkins(checkins, "fair"))} if with_rate else {}
    return queryset.annotate(
        stat_units_applied=_count(participations.exclude(status=ParticipationStatus.WITHDRAWN)),
        stat_units_confirmed=_count(participations.filter(status=ParticipationStatus.CONFIRMED)),
        stat_units_checked_in=_count(participations.filter(checked_in_at__isnull=False)),
        stat_jobs=_count(jobs),
        stat_openings=_sum(jobs, "job__openings"),
        stat_registrations=_count(registrations),
        stat_checkins=_count(checkins),
        stat_deliveries=_count(deliveries),
        stat_paid=_YuanOf(Order.objects.filter(participation__fair=fair, status=OrderStatus.PAID)
                          .order_by().values(v=F("amount_fen"))),
        **extra,
    )


def annotate_talk_stats(queryset, user, one=None):
    """Talks with stat_registrations, stat_checkins, stat_registered_checkins (签到率 = the last ÷ the first);
    `one` as for annotate_fair_stats."""
    talk = one.pk if one is not None else OuterRef("pk")
    majors = scope_majors(user)
    checkins = in_scope(CheckIn.objects.filter(talk=talk), user, majors)
    return queryset.annotate(
        stat_registrations=_count(in_scope(Registration.objects.filter(talk=talk), user, majors)),
        stat_checkins=_count(checkins),
        stat_registered_checkins=_count(_registered_checkins(checkins, "talk")),
    )


def rate(part, whole):
    """A percentage with one decimal (Decimal), or None when there is nothing to divide by."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def rate_text(part, whole):
    value = rate(part, whole)
    return "—" if value is None else f"{value}%"


# -- one event in detail ------------------------------------------------------------------------------

@dataclass
class Figure:
    key: str
    label: str
    value: object
    student_based: bool = False  # scoped for a college admin
    note: str = ""


@dataclass
class EventStats:
    event: object
    kind: str  # "fair" | "talk"
    figures: list
    per_hour: list = field(default_factory=list)  # [(label "09:00", check-ins)]
    by_college: list = field(default_factory=list)  # [(college, registrations, check-ins)]
    by_education: list = field(default_factory=list)  # [(level, registrations, check-ins)]
    per_day: list = field(default_factory=list)  # [(date "2026-11-20", registrations)]
    scoped: bool = False  # figures limited to the viewer's majors

    def value(self, key):
        return next(f.value for f in self.figures if f.key == key)

    def chart_data(self):
        return {
            "per_hour": {"labels": [h for h, _ in self.per_hour], "values": [n for _, n in self.per_hour]},
            "per_day": {"labels": [d for d, _ in self.per_day], "values": [n for _, n in self.per_day]},
            "by_college": {"labels": [c for c, _, _ in self.by_college],
                           "registrations": [r for _, r, _ in self.by_college],
                           "checkins": [c for _, _, c in self.by_college]},
            "by_education": [{"name": e, "value": r} for e, r, _ in self.by_education],
        }

    def rows(self):
        """Every number on the page as (section, item, value) rows: the copyable table and the export."""
        rows = [("概况", f.label, f.value) for f in self.figures]
        rows += [("按小时签到人数", label, n) for label, n in self.per_hour]
        rows += [("按学院", f"{label} 报名人数", r) for label, r, _ in self.by_college]
        rows += [("按学院", f"{label} 签到人数", c) for label, _, c in self.by_college]
        rows += [("按学历层次", f"{label} 报名人数", r) for label, r, _ in self.by_education]
        rows += [("按学历层次", f"{label} 签到人数", c) for label, _, c in self.by_education]
        rows += [("每日报名人数", label, n) for label, n in self.per_day]
        return rows


def _by_major(registrations, checkins):
    """({major id: registrations}, {major id: check-ins}) in one statement. Each registered or checked-in
    student's major is looked up by primary key (a big fair's 32,000 rows probe the students' index)
    rather than hash-joined: the hash join read the whole students table (158 MB at 271,000 students)
    twice — once per breakdown — and was most of the page."""
    from careers.students.models import Student

    parts, params = [], []
    for tag, queryset in ((1, registrations), (2, checkins)):
        sql, part_params = queryset.order_by().values_list("student_id").query.sql_with_params()
        parts.append(f"SELECT {tag} AS kind, u.student_id AS sid FROM ({sql}) u")
        params.extend(part_params)
    students = connection.ops.quote_name(Student._meta.db_table)
    statement = (f"SELECT t.kind, (SELECT s.major_id FROM {students} s WHERE s.id = t.sid) AS major_id, COUNT(*) "
                 f"FROM ({' UNION ALL '.join(parts)}) t GROUP BY 1, 2")
    counts = {1: {}, 2: {}}
    with connection.cursor() as cursor:
        # (the probes' summed cost crosses jit_above_cost: the connection runs with JIT off, config/settings.py)
        cursor.execute(statement, params)
        for kind, major_id, n in cursor.fetchall():
            counts[kind][major_id] = n
    return counts[1], counts[2]


def _regroup(regs_by_major, checks_by_major, label_of):
    """[(label, registrations, check-ins)] biggest first, from per-major counts and label_of[major_id]."""
    regs, checks = {}, {}
    for counts, target in ((regs_by_major, regs), (checks_by_major, checks)):
        for major_id, n in counts.items():
            label = label_of.get(major_id) or EMPTY_LABEL
            target[label] = target.get(label, 0) + n
    labels = sorted(set(regs) | set(checks), key=lambda k: (-regs.get(k, 0), -checks.get(k, 0), k))
    return [(label, regs.get(label, 0), checks.get(label, 0)) for label in labels]


def _major_labels(major_ids):
    """College and education level names of the majors that occur (not every major: a school of
    thousands of majors would load them all for a fair of a few)."""
    from careers.org.models import Major

    ids = [pk for pk in major_ids if pk is not None]
    if not ids:
        return {}, {}
    rows = Major.objects.filter(pk__in=ids).values_list("pk", "college__name", "education_level__name")
    return {pk: college for pk, college, _ in rows}, {pk: level for pk, _, level in rows}


def _per_hour(checkins, event):
    """Check-ins per local hour from the event's first hour to its last (empty hours included), plus any
    hour outside the event that has check-ins (early arrivals, late uploads)."""
    tz = timezone.get_current_timezone()
    counts = dict(checkins.order_by().annotate(h=TruncHour("checked_in_at", tzinfo=tz)).values("h")
                  .annotate(n=Count("pk")).values_list("h", "n"))
    counts = {timezone.localtime(h, tz).replace(tzinfo=None): n for h, n in counts.items()}
    start = timezone.localtime(event.starts_at, tz).replace(minute=0, second=0, microsecond=0, tzinfo=None)
    end = timezone.localtime(event.ends_at, tz).replace(tzinfo=None)
    hours, hour = set(counts), start
    while hour < end and len(hours) < 24 * 7:
        hours.add(hour)
        hour += datetime.timedelta(hours=1)
    multi_day = len({h.date() for h in hours}) > 1
    return [((f"{h:%m-%d %H:00}" if multi_day else f"{h:%H:00}"), counts.get(h, 0)) for h in sorted(hours)]


def _per_day(registrations):
    tz = timezone.get_current_timezone()
    rows = (registrations.order_by().annotate(d=TruncDate("created_at", tzinfo=tz)).values("d")
            .annotate(n=Count("pk")).order_by("d").values_list("d", "n"))
    return [(f"{d:%Y-%m-%d}", n) for d, n in rows]


def _breakdowns(stats, event, user):
    kind = event_field(event)
    majors = scope_majors(user)
    registrations = in_scope(Registration.objects.filter(**{kind: event}), user, majors)
    checkins = in_scope(CheckIn.objects.filter(**{kind: event}), user, majors)
    stats.per_hour = _per_hour(checkins, event)
    regs, checks = _by_major(registrations, checkins)  # one grouped statement for both breakdowns
    colleges, levels = _major_labels(set(regs) | set(checks))
    stats.by_college = _regroup(regs, checks, colleges)
    stats.by_education = _regroup(regs, checks, levels)
    stats.per_day = _per_day(registrations)
    stats.scoped = not sees_all_majors(user)
    return stats


def fair_stats(fair, user):
    """All figures of one fair plus breakdowns (8 queries)."""
    from ..models import Fair

    row = annotate_fair_stats(Fair.objects.filter(pk=fair.pk), user, with_rate=True, one=fair).values(
        "stat_units_applied", "stat_units_confirmed", "stat_units_checked_in", "stat_jobs", "stat_openings",
        "stat_registrations", "stat_checkins", "stat_registered_checkins", "stat_deliveries", "stat_paid").get()
    figures = [
        Figure("units_applied", "申请参会单位", row["stat_units_applied"], note="不含已撤回的申请"),
        Figure("units_confirmed", "已确认单位", row["stat_units_confirmed"]),
        Figure("units_checked_in", "单位签到", row["stat_units_checked_in"]),
        Figure("jobs", "职位数", row["stat_jobs"], note="已确认单位的显示中职位"),
        Figure("openings", "招聘人数", row["stat_openings"]),
        Figure("registrations", "报名人数", row["stat_registrations"], True),
        Figure("checkins", "签到人数", row["stat_checkins"], True),
        Figure("checkin_rate", "签到率", rate_text(row["stat_registered_checkins"], row["stat_registrations"]), True,
               note="已报名且签到的人数 ÷ 报名人数"),
        Figure("deliveries", "现场简历投递", row["stat_deliveries"], True, note="招聘会举办期间向本场职位在线投递的简历"),
        Figure("paid", "已缴费用（元）", row["stat_paid"], note="已支付的订单，不含已退款"),
    ]
    return _breakdowns(EventStats(fair, "fair", figures), fair, user)


def talk_stats(talk, user):
    """All figures of one talk plus breakdowns (6 queries)."""
    from ..models import Talk

    row = annotate_talk_stats(Talk.objects.filter(pk=talk.pk), user, one=talk).values(
        "stat_registrations", "stat_checkins", "stat_registered_checkins").get()
    figures = [
        Figure("registrations", "报名人数", row["stat_registrations"], True),
        Figure("checkins", "签到人数", row["stat_checkins"], True),
        Figure("registered_checkins", "已报名且签到", row["stat_registered_checkins"], True),
        Figure("checkin_rate", "签到率", rate_text(row["stat_registered_checkins"], row["stat_registrations"]), True,
               note="已报名且签到的人数 ÷ 报名人数"),
    ]
    return _breakdowns(EventStats(talk, "talk", figures), talk, user)
