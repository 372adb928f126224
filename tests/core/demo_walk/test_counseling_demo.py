"""The demo's 预约咨询: settings on, every booking state, ratings and unrated sessions, both slot modes, weekly and
one-off slots, an inactive adviser and topic; the adviser login exists; each step run again adds nothing."""

import random

from tests.demowalk import DEMO_YEARS


def test_counseling_demo_holds_every_variant_and_is_seeded_once(demo):
    from careers.core.demo import DEMO_PASSWORD, DemoContext
    from careers.counseling.bookings import demo as bookings_demo
    from careers.counseling.models import Adviser, Booking, BookingStatus, CounselingSettings, Rating, Slot, Topic
    from careers.counseling.setup import demo as setup_demo
    from careers.counseling.slots import demo as slots_demo

    assert CounselingSettings.current().enabled and CounselingSettings.current().guide
    assert set(Booking.objects.values_list("status", flat=True)) == set(BookingStatus.values)
    completed = Booking.objects.filter(status=BookingStatus.COMPLETED)
    assert completed.filter(rating__isnull=False).exists() and completed.filter(rating__isnull=True).exists()
    assert set(Slot.objects.values_list("mode", flat=True)) == {"room", "online"}
    assert Slot.objects.filter(rule__isnull=True).exists() and Slot.objects.filter(rule__isnull=False).exists()
    assert Slot.objects.filter(capacity__gt=1).exists()
    assert {True, False} == set(Adviser.objects.values_list("is_active", flat=True))
    assert {True, False} == set(Topic.objects.values_list("is_active", flat=True))
    assert Adviser.objects.get(user__username="50001").user.check_password(DEMO_PASSWORD)  # the walk's adviser
    assert Adviser.objects.filter(topics__isnull=True).exists()  # one takes every topic

    def counts():
        return [m.objects.count() for m in (Adviser, Topic, Slot, Booking, Rating)]

    before = counts()
    rng = random.Random(1)
    setup_demo.run(DemoContext(rng=rng, years=DEMO_YEARS, students_per_year=1))
    slots_demo.seed(rng, DEMO_YEARS)
    bookings_demo.seed(rng, DEMO_YEARS)
    assert counts() == before
