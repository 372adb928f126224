"""展位分配 (manual 4.6.2 (2)): batch allocation by area and group, and the codes of one unit.

    allocate(fair, participations, area="A", start=1, width=2, per_area=40, next_areas=True, acting_user=None)

Booth codes are `<area><number>` with the number zero-padded to `width` digits: A01 … A40, then (when
`next_areas` and the area is one letter) B01 … B40, C01 … up to Z. `per_area` is the last number of an area
(每区展位数); `start` (起始号) applies to the first area only, the next areas start at 1.

Rules:
- every unit must be confirmed (已确认) and belong to the fair; otherwise nothing happens and the
  message names the units;
- the selected units' current booths are released first (re-allocation), every other unit's booths
  stay and their codes are skipped;
- each unit gets `booths_requested` (capped at `fair.booths_per_unit`, at least 1) codes, consecutive in
  one area where possible (the first free run from the lowest free code; single-booth units fill gaps),
  otherwise the lowest free codes;
- all or nothing: when the free codes do not suffice, nothing is written and the message says how many
  are missing;
- one transaction under a row lock on the fair (allocations of one fair run one after the other), one
  DELETE and one INSERT batch (`bulk_create`); the (fair, code) unique constraint is the last guard.
"""

import re
import string
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connections, transaction

from careers.core.bulk import fast_insert
from careers.core.history import log_event
from careers.core.transitions import locked

from ..models import Booth, Fair, Participation, ParticipationStatus

MODULE = "recruitment"
CODE_RE = re.compile(r"^[A-Za-z0-9\u4e00-\u9fff\-]{1,20}$")
SEPARATORS = re.compile(r"[\s,，、;；]+")
MAX_PER_AREA = 999


class Unit(NamedTuple):
    pk: int
    fair_id: int
    status: str
    booths_requested: int
    name: str


def needed(participation, fair):
    """How many booths a unit gets: what it asked for, at most the fair's booths per unit, at least 1."""
    return max(1, min(participation.booths_requested or 1, fair.booths_per_unit or 1))


def area_sequence(area, next_areas):
    """The areas in allocation order: "A" → A, B, … Z when overflowing is allowed; any other name alone."""
    area = area.strip()
    if next_areas and len(area) == 1 and area.upper() in string.ascii_uppercase:
        first = string.ascii_uppercase.index(area.upper())
        return list(string.ascii_uppercase[first:])
    return [area]


def format_code(area, number, width):
    return f"{area}{number:0{width}d}"


def _slots(areas, start, per_area):
    """[(area, number)] in allocation order."""
    slots = []
    for index, area in enumerate(areas):
        first = start if index == 0 else 1
        slots.extend((area, number) for number in range(first, per_area + 1))
    return slots


def validate_layout(area, start, width, per_area):
    errors = []
    if not area or not CODE_RE.match(area) or len(area) > 10:
        errors.append("区域：请填写 1–10 位字母、数字或汉字，如 A。")
    if not 1 <= per_area <= MAX_PER_AREA:
        errors.append(f"每区展位数：应在 1–{MAX_PER_AREA} 之间。")
    elif not 1 <= start <= per_area:
        errors.append(f"起始号：应在 1–{per_area}（每区展位数）之间。")
    if not 1 <= width <= 3 or len(str(per_area)) > width:
        errors.append(f"编号位数：{width} 位放不下编号 {per_area}。")
    if errors:
        raise ValidationError(errors)


def plan(fair, units, taken, *, area="A", start=1, width=2, per_area=40, next_areas=True):
    """{participation pk: [(area, code)]} for `units` (in order), avoiding the codes in `taken`; pure.

    Raises ValidationError when the free codes are too few (nothing is planned then)."""
    validate_layout(area, start, width, per_area)
    areas = area_sequence(area, next_areas)
    slots = _slots(areas, start, per_area)
    codes = [format_code(a, n, width) for a, n in slots]
    free = [code not in taken for code in codes]
    wanted = [(unit, needed(unit, fair)) for unit in units]
    total = sum(n for _, n in wanted)
    available = sum(free)
    if available < total:
        last = codes[-1] if codes else area
        raise ValidationError(
            f"展位不足：所选 {len(wanted)} 家单位共需 {total} 个展位，{codes[0] if codes else area} 至 {last} "
            f"之间只有 {available} 个空展位，未分配任何展位。请增加每区展位数"
            f"{'或允许顺延到下一区域' if not next_areas else '或换一个区域'}。")
    result = {}
    lowest = 0  # index of the lowest free slot
    for unit, count in wanted:
        while lowest < len(free) and not free[lowest]:
            lowest += 1
        picks = _first_run(slots, free, lowest, count)
        if picks is None:  # no consecutive run left in any area: the lowest free codes
            picks = [i for i in range(lowest, len(free)) if free[i]][:count]
        for i in picks:
            free[i] = False
        result[unit.pk] = [(slots[i][0], codes[i]) for i in picks]
    return result


def _first_run(slots, free, begin, count):
    run = []
    for i in range(begin, len(free)):
        if not free[i] or (run and slots[i][0] != slots[run[-1]][0]):
            run = []
        if free[i]:
            run.append(i)
            if len(run) == count:
                return run
    return None


def allocate(fair, participations, area="A", start=1, width=2, per_area=40, next_areas=True, acting_user=None):
    """批量分配展位: {participation pk: [codes]}; see the module docstring. All or nothing."""
    wanted = []
    for p in participations:
        pk = getattr(p, "pk", p)
        if pk not in wanted:
            wanted.append(pk)
    if not wanted:
        raise ValidationError("请先勾选要分配展位的参会单位。")
    with transaction.atomic():
        fair = locked(fair, model=Fair)
        # plain tuples, not model instances: 500 units stay cheap
        rows = (Participation.objects.select_for_update(of=("self",)).filter(pk__in=wanted)
                .values_list("pk", "fair_id", "status", "booths_requested", "employer__name"))
        units = {pk: Unit(pk, fair_id, status, requested, name) for pk, fair_id, status, requested, name in rows}
        missing = [pk for pk in wanted if pk not in units or units[pk].fair_id != fair.pk]
        if missing:
            raise ValidationError(f"所选单位中有 {len(missing)} 家不属于招聘会“{fair}”或已不存在，未分配任何展位。")
        unconfirmed = [units[pk] for pk in wanted if units[pk].status != ParticipationStatus.CONFIRMED]
        if unconfirmed:
            names = "、".join(f"“{u.name}”（{ParticipationStatus(u.status).label}）" for u in unconfirmed[:5])
            more = f"等 {len(unconfirmed)} 家" if len(unconfirmed) > 5 else ""
            raise ValidationError(f"只能给已确认的单位分配展位：{names}{more}尚未确认，未分配任何展位。")
        taken = set(Booth.objects.filter(fair=fair).exclude(participation_id__in=wanted)
                    .values_list("code", flat=True))
        ordered = [units[pk] for pk in wanted]
        planned = plan(fair, ordered, taken, area=area, start=start, width=width, per_area=per_area,
                       next_areas=next_areas)
        # Booth has no history, signals or dependants, so Django deletes it in one statement (fast delete)
        released, _ = Booth.objects.filter(fair=fair, participation_id__in=wanted).delete()
        booths = [Booth(fair=fair, participation_id=pk, area=a, code=code)
                  for pk, codes in planned.items() for a, code in codes]
        try:
            # COPY raises the driver's error: the wrapper turns it into Django's IntegrityError
            with transaction.atomic(), connections[Booth.objects.db].wrap_database_errors:
                fast_insert(Booth, booths)
        except IntegrityError:
            raise ValidationError("展位号已被其他操作占用，未分配任何展位，请刷新后重试。")
        summary = {pk: [code for _, code in codes] for pk, codes in planned.items()}
        log_event("update", module=MODULE, user=acting_user, obj=fair,
                  message=f"批量分配展位：{len(summary)} 家单位，{len(booths)} 个展位（区域 {area}，起始号 {start}，"
                          f"每区 {per_area} 个）" + (f"，释放原展位 {released} 个" if released else ""),
                  changes={"booths": ["", "；".join(f"{units[pk].name}：{'、'.join(c)}" for pk, c in summary.items())]})
    return summary


def parse_codes(text):
    """"A01, A02 、a03" → ["A01", "A02", "A03"]; ValidationError naming a bad or repeated code."""
    codes = []
    for raw in SEPARATORS.split((text or "").strip()):
        if not raw:
            continue
        code = raw.upper()
        if not CODE_RE.match(code):
            raise ValidationError(f"展位号“{raw}”格式不对：只能包含字母、数字、汉字或“-”，最长 20 位。")
        if code in codes:
            raise ValidationError(f"展位号“{code}”重复填写。")
        codes.append(code)
    return codes


def set_codes(participation, codes, *, acting_user=None):
    """参会设置: the unit holds exactly `codes` (already parsed); a code held by another unit is refused.
    Call inside the caller's transaction with the participation locked."""
    fair_id = participation.fair_id
    if codes and participation.status != ParticipationStatus.CONFIRMED:
        raise ValidationError("展位号：该单位尚未确认参会，不能设置展位号。")
    clash = (Booth.objects.filter(fair_id=fair_id, code__in=codes).exclude(participation=participation)
             .select_related("participation__employer").first())
    if clash:
        raise ValidationError(f"展位号：{clash.code} 已分配给“{clash.participation.employer.name}”。")
    current = set(participation.booths.values_list("code", flat=True))
    if current == set(codes):
        return False
    Booth.objects.filter(participation=participation).exclude(code__in=codes).delete()
    area_of = re.compile(r"^(\D*)")
    try:
        with transaction.atomic():
            Booth.objects.bulk_create([Booth(fair_id=fair_id, participation=participation, code=code,
                                             area=area_of.match(code).group(1)[:20])
                                       for code in codes if code not in current])
    except IntegrityError:
        raise ValidationError("展位号：所填展位号刚被其他单位占用，请刷新后重试。")
    log_event("update", module=MODULE, user=acting_user, obj=participation,
              message=f"参会设置：展位号 {'、'.join(sorted(codes)) or '（清空）'}",
              changes={"booths": ["、".join(sorted(current)), "、".join(sorted(codes))]})
    return True
