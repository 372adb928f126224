"""The events demo: a whole fair end to end (and its statistics), talks in every state; idempotent."""

import io

import pytest
from django.core.management import call_command

from careers.core.scoping import SYSTEM
from careers.events.fairs.demo import PAST, UPCOMING
from careers.events.models import Booth, CheckIn, Fair, Order, Participation, Registration, Talk, Venue
from careers.events.stats.figures import fair_stats

pytestmark = pytest.mark.django_db


def snapshot():
    return [m.objects.count() for m in (Venue, Talk, Fair, Participation, Booth, Order, Registration, CheckIn)]


def test_demo_builds_every_state_and_is_idempotent():
    call_command("seed_demo", "--students-per-year", "20", stdout=io.StringIO())
    assert Venue.objects.filter(is_placeholder=True).count() == 2
    assert set(Talk.objects.values_list("status", flat=True)) == {"pending", "approved", "rejected", "cancelled"}
    upcoming, past = Fair.objects.get(title=UPCOMING), Fair.objects.get(title=PAST)
    assert set(upcoming.participations.values_list("status", flat=True)) == {"confirmed", "pending", "rejected",
                                                                            "withdrawn"}
    assert set(Order.objects.filter(participation__fair=upcoming).values_list("status", flat=True)) == {"paid",
                                                                                                     "unpaid"}
    stats = fair_stats(past, SYSTEM)
    assert stats.value("registrations") > 0 and stats.value("checkins") > 0 and stats.value("deliveries") > 0
    assert stats.value("units_checked_in") > 0 and stats.value("paid") > 0
    assert sum(n for _, n in stats.per_hour) == stats.value("checkins")
    assert Registration.objects.filter(fair=upcoming).exists() and Booth.objects.filter(fair=upcoming).exists()
    before = snapshot()
    call_command("seed_demo", "--students-per-year", "20", stdout=io.StringIO())
    assert snapshot() == before
