"""场地冲突 (conflicts.venue_conflicts / conflicting_keys): overlap edges, placeholders, statuses, exclude."""

import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from careers.events.venues.conflicts import conflicting_keys, venue_conflicts
from careers.events.models import Venue
from tests.events.talks_support import at
from tests.factories import FairFactory, TalkFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(db):
    return VenueFactory(name="报告厅A", capacity=300)


def test_overlapping_talk_conflicts(room):
    talk = TalkFactory(venue=room, starts_at=at(7, 14), ends_at=at(7, 16))
    assert venue_conflicts(room, at(7, 15), at(7, 17)) == [talk]
    assert venue_conflicts(room, at(7, 13), at(7, 14, 1)) == [talk]
    assert venue_conflicts(room, at(7, 14, 30), at(7, 15)) == [talk]  # inside
    assert venue_conflicts(room, at(7, 12), at(7, 18)) == [talk]  # around


def test_touching_intervals_do_not_conflict(room):
    TalkFactory(venue=room, starts_at=at(7, 14), ends_at=at(7, 16))
    assert venue_conflicts(room, at(7, 16), at(7, 18)) == []
    assert venue_conflicts(room, at(7, 12), at(7, 14)) == []


def test_other_venue_and_other_day_do_not_conflict(room):
    TalkFactory(venue=VenueFactory(), starts_at=at(7, 14), ends_at=at(7, 16))
    TalkFactory(venue=room, starts_at=at(8, 14), ends_at=at(8, 16))
    assert venue_conflicts(room, at(7, 14), at(7, 16)) == []


def test_placeholder_never_conflicts():
    placeholder = VenueFactory(name="待定（100人）", capacity=100, is_placeholder=True)
    TalkFactory(venue=placeholder, starts_at=at(7, 14), ends_at=at(7, 16))
    TalkFactory(venue=placeholder, starts_at=at(7, 14), ends_at=at(7, 16), approved=True)
    assert venue_conflicts(placeholder, at(7, 14), at(7, 16)) == []
    assert conflicting_keys(list(placeholder.talks.all())) == set()


@pytest.mark.parametrize("status", ["cancelled", "rejected"])
def test_cancelled_and_rejected_talks_are_ignored(room, status):
    TalkFactory(venue=room, starts_at=at(7, 14), ends_at=at(7, 16), status=status)
    assert venue_conflicts(room, at(7, 14), at(7, 16)) == []


def test_pending_and_approved_talks_count(room):
    pending = TalkFactory(venue=room, starts_at=at(7, 9), ends_at=at(7, 10))
    approved = TalkFactory(venue=room, starts_at=at(7, 10), ends_at=at(7, 11), approved=True)
    assert venue_conflicts(room, at(7, 8), at(7, 12)) == [pending, approved]


def test_fairs_count_unless_cancelled(room):
    fair = FairFactory(venue=room, starts_at=at(7, 9), ends_at=at(7, 16))
    draft = FairFactory(venue=room, starts_at=at(7, 9), ends_at=at(7, 16), status="draft")
    FairFactory(venue=room, starts_at=at(7, 9), ends_at=at(7, 16), status="cancelled")
    FairFactory(venue=None, starts_at=at(7, 9), ends_at=at(7, 16))
    found = venue_conflicts(room, at(7, 15), at(7, 17))
    assert set(found) == {fair, draft}


def test_exclude_the_event_itself(room):
    talk = TalkFactory(venue=room, starts_at=at(7, 14), ends_at=at(7, 16))
    other = TalkFactory(venue=room, starts_at=at(7, 15), ends_at=at(7, 17))
    assert venue_conflicts(room, talk.starts_at, talk.ends_at, exclude=talk) == [other]
    assert venue_conflicts(room, talk.starts_at, talk.ends_at, exclude=[talk, other]) == []


def test_no_venue_or_empty_interval(room):
    TalkFactory(venue=room, starts_at=at(7, 14), ends_at=at(7, 16))
    assert venue_conflicts(None, at(7, 14), at(7, 16)) == []
    assert venue_conflicts(room, at(7, 15), at(7, 15)) == []
    assert venue_conflicts(room, at(7, 16), at(7, 15)) == []


def test_conflicting_keys_marks_both_sides_only(room):
    a = TalkFactory(venue=room, starts_at=at(7, 14), ends_at=at(7, 16))
    b = FairFactory(venue=room, starts_at=at(7, 15), ends_at=at(7, 18))
    c = TalkFactory(venue=room, starts_at=at(7, 18), ends_at=at(7, 19))  # touches b
    assert conflicting_keys([a, b, c]) == {("talk", a.pk), ("fair", b.pk)}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(a=st.integers(0, 48), la=st.integers(1, 12), b=st.integers(0, 48), lb=st.integers(1, 12))
def test_conflicting_keys_agrees_with_interval_overlap(a, la, b, lb):
    """Pure check (no database): two bookings at one room conflict iff [a, a+la) ∩ [b, b+lb) ≠ ∅."""
    from types import SimpleNamespace

    room = Venue(pk=1, name="x", capacity=1)
    base = at(7, 0)
    hour = datetime.timedelta(minutes=30)

    def event(pk, start, length):
        e = SimpleNamespace(pk=pk, venue=room, status="pending", starts_at=base + start * hour,
                            ends_at=base + (start + length) * hour,
                            _meta=SimpleNamespace(model_name="talk"))
        return e

    keys = conflicting_keys([event(1, a, la), event(2, b, lb)])
    assert bool(keys) == (a < b + lb and b < a + la)
