"""Demo 咨询时间: for each adviser, past slots (the sessions already held), a weekly rule generating the coming
weeks, and a one-off online slot of capacity 2. Idempotent (nothing is added when the adviser has slots)."""

import datetime

from django.utils import timezone


def seed(rng, years):
    from careers.core.scoping import SYSTEM

    from ..setup.models import Adviser
    from . import actions
    from .models import Slot, SlotMode

    today = timezone.localdate()
    for index, adviser in enumerate(Adviser.objects.select_related("user").order_by("pk")):
        if Slot.objects.filter(adviser=adviser).exists():
            continue
        hour = 9 + index * 2
        past = []
        for days in (12, 9, 6, 5, 3, 2, 1):
            day = today - datetime.timedelta(days=days)
            start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))
            past.append(Slot(adviser=adviser, starts_at=start, ends_at=start + datetime.timedelta(hours=1),
                             mode=SlotMode.ROOM, location=adviser.location, capacity=1))
        Slot.objects.bulk_create(past)
        actions.add_rule(adviser, weekday=(today.weekday() + 1 + index) % 7, start_time=datetime.time(hour, 0),
                         end_time=datetime.time(hour + 1, 0), starts_on=today, ends_on=today + datetime.timedelta(days=28),
                         mode=SlotMode.ROOM, location=adviser.location, capacity=1, user=SYSTEM)
        for days, capacity in ((2, 2), (3, 1), (4, 1)):
            start = timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=days),
                                                                  datetime.time(hour + 5, 0)))
            actions.add_slot(adviser, starts_at=start, ends_at=start + datetime.timedelta(minutes=45),
                             mode=SlotMode.ONLINE if capacity == 2 else SlotMode.ROOM,
                             location="腾讯会议 123-456-789" if capacity == 2 else adviser.location,
                             capacity=capacity, user=SYSTEM)
