"""主管单位库 (supervising authorities) and the 回生源地 default of every dispatch record.

`load_authorities()` seeds the shared reference table from the region codes (GB/T 2260):
one 人力资源和社会保障厅/局 per province-level unit and per prefecture-level unit. It is
idempotent and runs from `manage.py load_codes` (after the region codes) and from the
demo seed. Admins add or deactivate further entries in the back office.

`origin_dispatch_values(student)` is what a dispatch record starts as: back to the
employment authority of the student's 生源地 (the prefecture's, else the province's).
`OriginResolver` answers it for thousands of students with a fixed number of queries,
for `careers.students.actions.create_students`.
"""

from collections import namedtuple

from django.db import transaction

from careers.codes.models import Code
from careers.core.bulk import in_values

from .models import DispatchRecord, SupervisingAuthority

# Province-level units that get no authority here (no mainland 人社 authority to send a certificate to).
SKIPPED_PROVINCES = {"71", "81", "82"}  # 台湾省, 香港, 澳门
MUNICIPALITIES = {"11", "12", "31", "50"}  # 北京, 天津, 上海, 重庆: province level only
LOOKUP_MIN_CHARS = 2
EMPTY_VALUES = {"kind": DispatchRecord.Kind.ORIGIN, "receiving_region_id": None, "supervising_authority_id": None,
                "receiving_unit": "", "report_address": "", "report_postal_code": "", "archive_unit": "",
                "archive_address": "", "archive_postal_code": "", "hukou_address": ""}
LOOKUP_LIMIT = 20


def province_code(code):
    return f"{code[:2]}0000"


def prefecture_code(code):
    return f"{code[:4]}00"


def authority_name(region):
    """人社 authority of a region code: 厅 for provinces and autonomous regions, 局 for cities and municipalities."""
    suffix = "厅" if region.level == 1 and region.code[:2] not in MUNICIPALITIES else "局"
    return f"{region.name}人力资源和社会保障{suffix}"


def seeded_regions():
    """The province-level and prefecture-level region codes that get an authority, in code order."""
    regions = Code.objects.of("region").filter(level__in=(1, 2), is_active=True).order_by("code")
    for region in regions:
        prefix = region.code[:2]
        if prefix in SKIPPED_PROVINCES:
            continue
        if region.level == 2 and (prefix in MUNICIPALITIES or region.code[2:4] == "90"):
            continue  # municipality placeholders (市辖区, 县) and 省直辖县级行政区划 groups
        yield region


@transaction.atomic
def load_authorities(stdout=None):
    """Create the missing seeded authorities; never changes or removes existing ones (admins may have edited them).

    An entry counts as present when an authority already carries the region's code as its 主管单位代码,
    or has the same name. Returns the number created.
    """
    by_code = set(SupervisingAuthority.objects.exclude(code="").values_list("code", flat=True))
    names = set(SupervisingAuthority.objects.values_list("name", flat=True))
    new = []
    for region in seeded_regions():
        name = authority_name(region)
        if region.code in by_code or name in names:
            continue
        names.add(name)
        new.append(SupervisingAuthority(name=name, code=region.code, region=region))
    SupervisingAuthority.objects.bulk_create(new, batch_size=500)
    if stdout:
        stdout.write(f"主管单位库: 新增 {len(new)}")
    return len(new)


def lookup(keyword, limit=LOOKUP_LIMIT):
    """Active authorities whose name contains `keyword` (≥ 2 characters), best matches first."""
    keyword = (keyword or "").strip()[:50]
    if len(keyword) < LOOKUP_MIN_CHARS:
        return []
    matches = list(SupervisingAuthority.objects.filter(is_active=True, name__contains=keyword)
                   .select_related("region").order_by("name")[:200])
    # names starting with the keyword first, then shorter (more general) names
    matches.sort(key=lambda a: (not a.name.startswith(keyword), len(a.name), a.name))
    return matches[:limit]


# what a dispatch record takes from its 回生源地 authority (authority_for's answer)
Authority = namedtuple("Authority", "pk code name address postal_code")


class OriginResolver:
    """Region → 回生源地 authority with a fixed number of queries, however many students.

    An authority belongs to a region through `region`; when several share one, the seeded one
    (code = region code) wins, else the oldest.
    """

    def __init__(self):
        self.by_region = {}
        # plain rows, not model instances: building ~370 authorities and their regions was most of the cost
        for region, *fields in (SupervisingAuthority.objects.filter(is_active=True, region__isnull=False)
                                .order_by("pk").values_list("region__code", *Authority._fields)):
            authority = Authority(*fields)
            if region not in self.by_region or authority.code == region:
                self.by_region[region] = authority
        self.region_codes = {}  # region pk -> code, for students whose origin_region is not loaded
        self._values = {}  # region code -> the values it leads to

    def prime(self, students):
        """Load the codes of the students' origin regions in one query (no-op when they are loaded)."""
        wanted = {s.origin_region_id for s in students if s.origin_region_id and not self._loaded(s)}
        wanted -= set(self.region_codes)
        if wanted:
            self.region_codes.update(Code.objects.filter(in_values("pk", wanted)).values_list("pk", "code"))
        return self

    @staticmethod
    def _loaded(student):
        return "origin_region" in student._state.fields_cache  # the related Code is already on the instance

    def region_code(self, student):
        if not student.origin_region_id:
            return None
        if self._loaded(student):
            return student.origin_region.code
        if student.origin_region_id not in self.region_codes:
            self.prime([student])
        return self.region_codes.get(student.origin_region_id)

    def authority_for(self, region_code):
        """The prefecture's authority, else the province's (municipalities and 省直辖县 have only the latter)."""
        if not region_code:
            return None
        return self.by_region.get(prefecture_code(region_code)) or self.by_region.get(province_code(region_code))

    def values(self, student):
        code = self.region_code(student)
        if code not in self._values:
            authority = self.authority_for(code)
            values = dict(EMPTY_VALUES)
            if authority is not None:
                values.update(supervising_authority_id=authority.pk, receiving_unit=authority.name,
                              report_address=authority.address, report_postal_code=authority.postal_code)
            self._values[code] = values
        return {**self._values[code], "receiving_region_id": student.origin_region_id}


def origin_dispatch_values(student, resolver=None):
    """回生源地: the field values (attnames) a dispatch record starts with for `student`.

    supervising authority = the authority of the 生源地's prefecture (else province), receiving unit =
    its name, receiving region = the 生源地, kind = 回生源地; archive and 户口 fields empty.
    """
    return (resolver or OriginResolver()).values(student)
