"""单位查询: two or more characters of an employer's name → known employers, to fill in a record.

Sources are pluggable: a provider is `fn(keyword, limit) -> [EmployerHit]` registered with
`register_provider` (one or two queries each). A source drawn from student records is registered with
`scoped=True` and called `fn(keyword, limit, user)`: it offers only records within the user's scope
(an approved record names a student's employer, and a one-person unit may name the student). Registered first wins when two sources know the same
employer (same credit code, else same name), but the later one fills fields the first left blank.
The recruitment app's Employer model can add itself, ahead of the bare accounts, with
`register_provider("employers", lookup_registered_employers, before="accounts")`.
"""

from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

from django.db import connection
from django.db.models import Count, F, Func, Max, TextField, Value
from django.db.models.functions import Upper

from careers.core import validators
from careers.core.registry import Registry

MIN_KEYWORD = 2
MAX_HITS = 20
SAMPLE_RECORDS = 500  # past_records groups at most this many matching records


@dataclass(frozen=True)
class EmployerHit:
    name: str
    credit_code: str = ""
    nature_id: int | None = None
    nature: str = ""
    industry_id: int | None = None
    industry: str = ""
    region_id: int | None = None
    region: str = ""
    address: str = ""
    source: str = ""

    def key(self):
        return ("code", self.credit_code) if self.credit_code else ("name", self.name)


@dataclass(frozen=True)
class LookupSource:
    find: Callable  # (keyword, limit) -> [EmployerHit], or (keyword, limit, user) when scoped
    scoped: bool = False  # takes the user: a student-record source, limited to the user's scope


PROVIDERS: Registry[LookupSource] = Registry("employer lookup source")  # in priority order


def register_provider(name, fn=None, *, before=None, scoped=False):
    """Add a lookup source; usable as a decorator: @register_provider("records", scoped=True)."""
    def add(func):
        PROVIDERS.register(name, LookupSource(func, scoped), before=before)
        return func

    return add(fn) if fn is not None else add


def _merge(first, other):
    """Keep `first`, filling its blank fields from `other`."""
    blanks = {k: v for k, v in asdict(other).items() if k != "source" and v not in (None, "")
              and getattr(first, k) in (None, "")}
    return replace(first, **blanks) if blanks else first


def lookup_employers(keyword, limit=MAX_HITS, *, user):
    """Known employers whose name contains `keyword` (at least two characters), best sources first:
    registered employers, and the employers of approved records within `user`'s scope (grouped over at
    most SAMPLE_RECORDS matching records). One query per source; on PostgreSQL each is served by a GIN index
    over the names' character pairs (name_contains)."""
    keyword = (keyword or "").strip()[:50]
    if len(keyword) < MIN_KEYWORD:
        return []
    hits = {}
    for source in PROVIDERS.values():
        found = source.find(keyword, limit, user) if source.scoped else source.find(keyword, limit)
        for hit in found:
            key = hit.key()
            hits[key] = _merge(hits[key], hit) if key in hits else hit
    ranked = sorted(hits.values(), key=lambda h: (not h.name.startswith(keyword), len(h.name), h.name))
    return ranked[:limit]


class Bigrams(Func):
    """careers_bigrams(UPPER(value)): the character pairs of a text (PostgreSQL function of migration
    employment 0004, GIN-indexed on the unit names the lookup reads)."""

    function = "careers_bigrams"

    def __init__(self, expression):
        from django.contrib.postgres.fields import ArrayField

        super().__init__(Upper(expression), output_field=ArrayField(TextField()))


def name_contains(queryset, field, keyword):
    """`queryset` filtered to `field` containing `keyword` (case-insensitive). On PostgreSQL the pairs of
    characters of the keyword must all occur in the name first (the GIN indexes of migrations employment 0004
    and 0006: a few candidate rows instead of a scan of every name), then LIKE rechecks them."""
    if connection.vendor == "postgresql" and len(keyword) >= MIN_KEYWORD:
        queryset = queryset.alias(_name_pairs=Bigrams(F(field))).filter(_name_pairs__contains=Bigrams(Value(keyword)))
    return queryset.filter(**{f"{field}__icontains": keyword})


def region_label(code, name, parent_name="", grandparent_name=""):
    if not code:
        return ""
    chain = [n for n in (grandparent_name, parent_name, name) if n]
    return f"{code} {' '.join(dict.fromkeys(chain))}"


def is_credit_code(value):
    return validators.is_valid(validators.validate_credit_code, value)


@register_provider("accounts")
def employer_accounts(keyword, limit):
    """Registered employer accounts: the account name is the company, the username its credit code."""
    from careers.accounts.models import User

    rows = (name_contains(User.objects.filter(kind=User.Kind.EMPLOYER, is_active=True), "name", keyword)
            .order_by("name").values_list("name", "username")[:limit])
    return [EmployerHit(name=name, credit_code=username.upper() if is_credit_code(username) else "", source="注册单位")
            for name, username in rows]


@register_provider("records", scoped=True)
def past_records(keyword, limit, user):
    """Distinct employers of approved employment records in `user`'s scope (one grouped query, code names
    joined). Students and accounts without scope get none."""
    from careers.core.review import ReviewStatus
    from careers.core.scoping import scope_filter

    from .models import EmploymentRecord

    approved = name_contains(EmploymentRecord.objects.filter(review_status=ReviewStatus.APPROVED), "employer_name",
                             keyword)
    # At most SAMPLE_RECORDS matching records are grouped: a common pair of characters (有限, 公司) is in
    # most records, and grouping (or even sorting) all of them took seconds. No ORDER BY, so the scan
    # stops at the limit whichever plan PostgreSQL takes (its estimate of a LIKE is no guide here).
    sample = scope_filter(approved, user).order_by().values("pk")[:SAMPLE_RECORDS]
    rows = (EmploymentRecord.objects.filter(pk__in=sample)
            .exclude(destination__extra__category="未就业")
            .values("employer_name", "employer_credit_code", "employer_nature", "employer_nature__name",
                    "employer_industry", "employer_industry__code", "employer_industry__name", "employer_region",
                    "employer_region__code", "employer_region__name", "employer_region__parent__name",
                    "employer_region__parent__parent__name", "employer_address")
            .annotate(uses=Count("pk"), latest=Max("reviewed_at")).order_by("-uses", "-latest")[:limit * 3])
    hits = []
    for row in rows:
        industry = f"{row['employer_industry__code']} {row['employer_industry__name']}" \
            if row["employer_industry"] else ""
        hits.append(EmployerHit(
            name=row["employer_name"], credit_code=row["employer_credit_code"],
            nature_id=row["employer_nature"], nature=row["employer_nature__name"] or "",
            industry_id=row["employer_industry"], industry=industry,
            region_id=row["employer_region"],
            region=region_label(row["employer_region__code"], row["employer_region__name"],
                                row["employer_region__parent__name"] or "",
                                row["employer_region__parent__parent__name"] or ""),
            address=row["employer_address"], source="往届就业记录"))
    seen, unique = set(), []
    for hit in hits:  # the most used spelling of each employer first
        if hit.key() not in seen:
            seen.add(hit.key())
            unique.append(hit)
    return unique[:limit]
