"""批量分配展位 (careers/events/participants/booths.py): codes, skipping taken ones, per-unit counts, overflow into the next
area, all-or-nothing refusals, and the unique constraint under concurrent allocations."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from careers.core.models import OperationLog
from careers.events.participants import booths
from careers.events.models import Booth
from tests.factories import BoothFactory, FairFactory, ParticipationFactory


# code_tables: the root fixture (/conftest.py), the code tables after a flush.


def unit(pk, requested=1):
    return SimpleNamespace(pk=pk, booths_requested=requested)


def codes_of(result):
    return {pk: [code for _, code in codes] for pk, codes in result.items()}


# -- the pure plan --------------------------------------------------------------------------------------

def test_plan_numbers_a01_to_a40_then_b01():
    fair = SimpleNamespace(booths_per_unit=1)
    result = codes_of(booths.plan(fair, [unit(i) for i in range(42)], set()))
    assert result[0] == ["A01"] and result[39] == ["A40"]
    assert result[40] == ["B01"] and result[41] == ["B02"]


def test_plan_skips_taken_codes_and_honours_start():
    fair = SimpleNamespace(booths_per_unit=1)
    result = codes_of(booths.plan(fair, [unit(1), unit(2), unit(3)], {"A05", "A06"}, start=4))
    assert result == {1: ["A04"], 2: ["A07"], 3: ["A08"]}


def test_plan_gives_consecutive_codes_per_unit_capped_by_fair():
    fair = SimpleNamespace(booths_per_unit=2)
    result = codes_of(booths.plan(fair, [unit(1, 2), unit(2, 5), unit(3, 1)], {"A02"}))
    assert result[1] == ["A03", "A04"]  # A01 alone is too short a run for two booths
    assert result[2] == ["A05", "A06"]  # asked for 5, the fair allows 2
    assert result[3] == ["A01"]  # a single-booth unit fills the gap


def test_plan_keeps_a_unit_in_one_area_when_it_can():
    fair = SimpleNamespace(booths_per_unit=2)
    result = codes_of(booths.plan(fair, [unit(1, 1), unit(2, 1), unit(3, 2)], set(), per_area=3))
    assert result[3] == ["B01", "B02"]  # A03 + B01 would split the unit over two areas
    assert result[1] == ["A01"] and result[2] == ["A02"]


def test_plan_refuses_when_codes_run_out_and_plans_nothing():
    fair = SimpleNamespace(booths_per_unit=1)
    with pytest.raises(ValidationError, match="展位不足：所选 3 家单位共需 3 个展位"):
        booths.plan(fair, [unit(1), unit(2), unit(3)], {"A01"}, per_area=3, next_areas=False)


def test_plan_width_and_named_areas():
    fair = SimpleNamespace(booths_per_unit=1)
    assert codes_of(booths.plan(fair, [unit(1)], set(), area="东区", width=3, per_area=120)) == {1: ["东区001"]}
    assert booths.area_sequence("东区", True) == ["东区"]
    assert booths.area_sequence("Y", True) == ["Y", "Z"]


@pytest.mark.parametrize("layout, message", [
    ({"area": "", "start": 1, "width": 2, "per_area": 40}, "区域"),
    ({"area": "A", "start": 41, "width": 2, "per_area": 40}, "起始号"),
    ({"area": "A", "start": 1, "width": 2, "per_area": 0}, "每区展位数"),
    ({"area": "A", "start": 1, "width": 2, "per_area": 120}, "编号位数"),
])
def test_layout_errors_name_the_field(layout, message):
    with pytest.raises(ValidationError, match=message):
        booths.validate_layout(**layout)


@settings(max_examples=200, deadline=None)
@given(requests=st.lists(st.integers(min_value=0, max_value=6), min_size=1, max_size=60),
       per_unit=st.integers(min_value=1, max_value=4),
       taken=st.sets(st.integers(min_value=1, max_value=40), max_size=30),
       per_area=st.integers(min_value=1, max_value=40), start=st.integers(min_value=1, max_value=40),
       next_areas=st.booleans())
def test_plan_invariants(requests, per_unit, taken, per_area, start, next_areas):
    """Whatever the input: either a refusal, or every unit gets exactly its (capped) count of distinct,
    free, well-formed codes and no code is given twice."""
    start = min(start, per_area)
    fair = SimpleNamespace(booths_per_unit=per_unit)
    units = [unit(i, r) for i, r in enumerate(requests)]
    taken_codes = {f"A{n:02d}" for n in taken}
    try:
        result = codes_of(booths.plan(fair, units, taken_codes, start=start, per_area=per_area,
                                      next_areas=next_areas))
    except ValidationError:
        total = sum(max(1, min(r, per_unit)) for r in requests)
        capacity = (per_area - start + 1) + (25 * per_area if next_areas else 0)
        free = capacity - len([n for n in taken if start <= n <= per_area])
        assert total > free
        return
    given_out = [c for codes in result.values() for c in codes]
    assert len(given_out) == len(set(given_out))
    assert not set(given_out) & taken_codes
    for u in units:
        assert len(result[u.pk]) == max(1, min(u.booths_requested, per_unit))
    assert all(booths.CODE_RE.match(c) and int(c[1:]) <= per_area for c in given_out)


def test_parse_codes():
    assert booths.parse_codes(" a01,A02、 b3；C-1 ") == ["A01", "A02", "B3", "C-1"]
    assert booths.parse_codes("") == []
    with pytest.raises(ValidationError, match="重复"):
        booths.parse_codes("A01 a01")
    with pytest.raises(ValidationError, match="格式不对"):
        booths.parse_codes("A01 A#2")


# -- allocate() on the database ------------------------------------------------------------------------

pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_allocate_writes_codes_skipping_other_units_and_logs(school_admin):
    fair = FairFactory(booths_per_unit=2)
    other = ParticipationFactory(fair=fair, confirmed=True)
    BoothFactory(participation=other, code="A01")
    a = ParticipationFactory(fair=fair, confirmed=True, booths_requested=2)
    b = ParticipationFactory(fair=fair, confirmed=True)
    result = booths.allocate(fair, [a, b], acting_user=school_admin)
    assert result == {a.pk: ["A02", "A03"], b.pk: ["A04"]}
    assert sorted(Booth.objects.filter(fair=fair).values_list("code", flat=True)) == ["A01", "A02", "A03", "A04"]
    assert Booth.objects.get(code="A02").area == "A"
    log = OperationLog.objects.filter(object_type="events.fair", object_id=str(fair.pk)).get()
    assert "2 家单位，3 个展位" in log.message and "A02、A03" in log.changes["booths"][1]


@pytestmark_db
def test_allocate_again_releases_the_units_own_booths_first(school_admin):
    fair = FairFactory()
    a = ParticipationFactory(fair=fair, confirmed=True)
    booths.allocate(fair, [a], area="C", start=7, acting_user=school_admin)
    assert list(a.booths.values_list("code", flat=True)) == ["C07"]
    booths.allocate(fair, [a], acting_user=school_admin)
    assert list(a.booths.values_list("code", flat=True)) == ["A01"]


@pytestmark_db
def test_allocate_refuses_unconfirmed_units_by_name_and_writes_nothing(school_admin):
    fair = FairFactory()
    ok = ParticipationFactory(fair=fair, confirmed=True)
    pending = ParticipationFactory(fair=fair, employer__name="待确认科技有限公司")
    with pytest.raises(ValidationError, match="“待确认科技有限公司”（待确认）尚未确认"):
        booths.allocate(fair, [ok, pending], acting_user=school_admin)
    assert not Booth.objects.exists()


@pytestmark_db
def test_allocate_refuses_units_of_another_fair(school_admin):
    fair = FairFactory()
    stranger = ParticipationFactory(confirmed=True)
    with pytest.raises(ValidationError, match="不属于招聘会"):
        booths.allocate(fair, [stranger], acting_user=school_admin)


@pytestmark_db
def test_allocate_overflow_refusal_keeps_existing_booths(school_admin):
    fair = FairFactory()
    units = [ParticipationFactory(fair=fair, confirmed=True) for _ in range(3)]
    booths.allocate(fair, units[:1], acting_user=school_admin)
    with pytest.raises(ValidationError, match="展位不足"):
        booths.allocate(fair, units, per_area=2, next_areas=False, acting_user=school_admin)
    assert list(Booth.objects.values_list("code", flat=True)) == ["A01"]  # the first allocation survives


@pytestmark_db
def test_unique_constraint_holds_for_booth_codes():
    booth = BoothFactory(code="A01")
    with pytest.raises(IntegrityError), transaction.atomic():
        Booth.objects.create(fair=booth.fair, participation=ParticipationFactory(fair=booth.fair, confirmed=True),
                             code="A01")


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_allocations_never_share_a_code(code_tables, school_admin):
    """Two admins allocate different units of one fair at the same moment, on two connections: both end up
    with distinct codes (the fair row lock serialises them; the unique constraint is the last guard)."""
    fair = FairFactory()
    groups = [[ParticipationFactory(fair=fair, confirmed=True) for _ in range(20)] for _ in range(2)]
    from tests.concurrency import run_concurrently

    outcomes = run_concurrently(lambda group: booths.allocate(fair.pk, [p.pk for p in group], acting_user=None),
                                args=groups)
    assert [o for o in outcomes if isinstance(o, BaseException)] == []
    codes = list(Booth.objects.filter(fair=fair).values_list("code", flat=True))
    assert len(codes) == 40 and len(set(codes)) == 40
    assert sorted(codes) == [f"A{n:02d}" for n in range(1, 41)]


@pytestmark_db
def test_a_code_taken_behind_the_plans_back_is_refused_cleanly(school_admin, monkeypatch):
    """If a code turns out to be taken at INSERT time (the unique constraint fires), nothing is written and
    the unit keeps its old booth."""
    fair = FairFactory()
    holder = ParticipationFactory(fair=fair, confirmed=True)
    BoothFactory(participation=holder, code="A01")
    unit_ = ParticipationFactory(fair=fair, confirmed=True)
    BoothFactory(participation=unit_, code="A09")
    monkeypatch.setattr(booths, "plan", lambda fair, units, taken, **kw: {units[0].pk: [("A", "A01")]})
    with pytest.raises(ValidationError, match="已被其他操作占用"):
        booths.allocate(fair, [unit_], acting_user=school_admin)
    assert list(unit_.booths.values_list("code", flat=True)) == ["A09"]


CODE = st.from_regex(r"[A-Z]{1,2}[0-9]{1,3}", fullmatch=True)
SEPARATOR = st.sampled_from([",", "，", "、", " ", ";", "；", " , ", "\n"])


@settings(max_examples=200, deadline=None)
@given(codes=st.lists(CODE, unique=True, max_size=8), seps=st.lists(SEPARATOR, min_size=9, max_size=9),
       lower=st.booleans())
def test_parse_codes_round_trip(codes, seps, lower):
    text = "".join(f"{code.lower() if lower else code}{sep}" for code, sep in zip(codes, seps))
    assert booths.parse_codes(text) == codes


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=60))
def test_parse_codes_never_crashes_and_returns_only_valid_distinct_codes(text):
    try:
        codes = booths.parse_codes(text)
    except ValidationError as exc:
        assert "展位号" in exc.messages[0]
        return
    assert len(codes) == len(set(codes))
    assert all(booths.CODE_RE.match(code) and code == code.upper() for code in codes)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_settings_and_allocation_racing_for_a01_never_deadlock_or_share_it(code_tables, school_admin):
    from careers.events.participants import actions

    fair = FairFactory()
    batch = [ParticipationFactory(fair=fair, confirmed=True) for _ in range(5)]
    single = ParticipationFactory(fair=fair, confirmed=True)
    from tests.concurrency import run_concurrently

    jobs = [lambda: booths.allocate(fair.pk, [p.pk for p in batch], acting_user=school_admin),
            lambda: actions.update_settings(single, booth_codes=["A01"], booths_requested=1, checked_in=False,
                                            acting_user=school_admin)]
    outcomes = run_concurrently(lambda job: job(), args=jobs)
    # the loser may be refused cleanly (ValidationError); anything else is an error
    assert [o for o in outcomes if isinstance(o, BaseException) and not isinstance(o, ValidationError)] == []
    codes = list(Booth.objects.filter(fair=fair).values_list("code", flat=True))
    assert len(codes) == len(set(codes)) and len(codes) in (5, 6)
