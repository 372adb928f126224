"""The 数据统计 就业 items from a snapshot (BreakdownAggregate): written by take_snapshot, read while current.

With 192,000 graduates in one year the live items are GROUP BYs of the whole cohort joined to its
employment records (300–700 ms each); the snapshot's rows are a few hundred for the whole school, or a
few per managed major for a college admin. Each item keeps its live query for 实时重算 and for splits.
"""

from django.db.models import Count, Sum

from careers.codes.models import Code
from careers.core.scoping import scope_filter, sees_all_majors
from careers.students.models import Student

from .models import BreakdownAggregate
from .rates import current_snapshot

EMPLOYED_CATEGORIES = ("协议和合同就业", "灵活就业", "自主创业")
Grain = BreakdownAggregate.Grain


def employed_destinations():
    """Destination codes that are a job (not 升学, not 未就业): a subquery of ids."""
    return Code.objects.filter(table__kind="destination", extra__category__in=EMPLOYED_CATEGORIES).values("pk")


def province_ids():
    """{region code id: the id of its province's row} — by the first two digits of the GB/T 2260 code, in the
    same code-table version; a code whose province row is missing stands for itself."""
    regions = list(Code.objects.filter(table__kind="region").values_list("pk", "table_id", "code"))
    provinces = {(table, code): pk for pk, table, code in regions if code.endswith("0000")}
    return {pk: provinces.get((table, f"{code[:2]}0000"), pk) for pk, table, code in regions}


def breakdown_rows(snapshot, outcome_rows):
    """The snapshot's BreakdownAggregate rows: per major and for the whole school (major None).

    `outcome_rows`: the snapshot's OutcomeSnapshot rows (destinations per major are already there); the
    employed graduates' unit nature, industry and provinces are counted in three more GROUP BYs."""
    sums = {}

    def add(grain, major, key1, key2, n):
        for owner in (major, None):
            key = (grain, owner, key1, key2)
            sums[key] = sums.get(key, 0) + n

    for row in outcome_rows:
        add(Grain.DESTINATION, row.major_id, row.destination_id if row.approved else None, None, row.count)
    employed = Student.objects.filter(graduation_year=snapshot.graduation_year, is_active=True,
                                      employment__destination__in=employed_destinations()).order_by()
    for grain, field in ((Grain.NATURE, "employment__employer_nature"), (Grain.INDUSTRY, "employment__employer_industry")):
        for major, key, n in employed.values("major", field).annotate(n=Count("pk")).values_list("major", field, "n"):
            add(grain, major, key, None, n)
    province = province_ids()
    flows = (employed.values("major", "origin_region", "employment__employer_region").annotate(n=Count("pk"))
             .values_list("major", "origin_region", "employment__employer_region", "n"))
    for major, origin, employer, n in flows:
        add(Grain.FLOW, major, province.get(origin, origin), province.get(employer, employer), n)
    return [BreakdownAggregate(snapshot=snapshot, grain=grain, major_id=major, key1=key1, key2=key2, count=n)
            for (grain, major, key1, key2), n in sums.items()]


def current(year, live=False):
    """The current snapshot of `year` when it holds breakdowns (and the user did not ask for 实时重算), else None."""
    if live:
        return None
    snapshot = current_snapshot(year)
    return snapshot if snapshot is not None and snapshot.breakdowns else None


def counts(user, snapshot, grain):
    """[(key1, key2, count)] of `grain` within the user's scope: the school's rows for a school admin, the
    managed majors' rows summed for anyone else (scope_filter: nobody sees nothing)."""
    rows = BreakdownAggregate.objects.filter(snapshot=snapshot, grain=grain)
    if sees_all_majors(user):
        rows = rows.filter(major__isnull=True)
    else:
        rows = scope_filter(rows.filter(major__isnull=False), user)
    return list(rows.order_by().values("key1", "key2").annotate(n=Sum("count")).values_list("key1", "key2", "n"))
