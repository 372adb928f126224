"""就业日历 month view (issue 16): 2,000 published events in one month — 1,000 就业活动, 800 talks, 200 fairs
(plus drafts and other months' events that must not show) — timed as the public page, anonymous:

- cold: the cache emptied before every render (three queries reading all 2,000 entries, which the month grid
  counts; the day lists below it show views.MONTH_PER_DAY a day and link to the day);
- warm: the cached body (what a visitor gets until something changes).

The headline is the cold figure: the page must be fast even right after a change invalidates it.
"""

import datetime
import random
import statistics
import time

from bench.common import line

CAREER_EVENTS, TALKS, FAIRS = 1000, 800, 200


def build(rng, month_start):
    from django.utils import timezone

    from careers.events.models import CareerEvent, CareerEventCategory, Fair, Talk, Venue

    category = CareerEventCategory.objects.create(name="基准讲座")
    venues = Venue.objects.bulk_create([Venue(name=f"日历场地{i}", capacity=300) for i in range(40)])

    def at():
        return month_start + datetime.timedelta(days=rng.randrange(28), hours=rng.choice([9, 10, 14, 15, 19]))

    events = []
    for i in range(CAREER_EVENTS + 300):  # 300 drafts / other month
        begins = at() if i < CAREER_EVENTS else at() + datetime.timedelta(days=rng.choice([0, 40]))
        state = "published" if i < CAREER_EVENTS else rng.choice(["draft", "cancelled", "published"])
        if i >= CAREER_EVENTS and state == "published":
            begins += datetime.timedelta(days=40)
        events.append(CareerEvent(title=f"基准就业活动{i}", category=category, starts_at=begins,
                                  ends_at=begins + datetime.timedelta(hours=2), state=state,
                                  venue=rng.choice(venues) if i % 3 else None))
    CareerEvent.objects.bulk_create(events, batch_size=1000)
    Talk.objects.bulk_create([
        Talk(organiser="基准单位", title=f"基准宣讲会{i}", starts_at=(b := at()), ends_at=b + datetime.timedelta(hours=2),
             venue=rng.choice(venues), status="approved" if i < TALKS else "pending", submitted_at=b)
        for i in range(TALKS + 200)], batch_size=1000)
    Fair.objects.bulk_create([
        Fair(title=f"基准招聘会{i}", starts_at=(b := at()), ends_at=b + datetime.timedelta(hours=6),
             publish_at=timezone.now() - datetime.timedelta(days=1), place="体育馆", status="published",
             apply_deadline=b - datetime.timedelta(days=3)) for i in range(FAIRS)], batch_size=1000)


def run():
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from careers.events.calendar.views import MONTH_PER_DAY

    rng = random.Random(16)
    today = timezone.localdate()
    first = (today.replace(day=1) + datetime.timedelta(days=70)).replace(day=1)  # a month of our own
    month_start = timezone.make_aware(datetime.datetime.combine(first, datetime.time.min))
    build(rng, month_start)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    client = Client(SERVER_NAME="localhost")
    params = {"view": "month", "date": first.isoformat()}
    response = client.get("/calendar/", params)
    page = response.content.decode()
    total = int(page.split('id="calendar-total">', 1)[1].split("<", 1)[0])
    shown = page.count('class="py-1 border-bottom small calendar-entry"')
    assert response.status_code == 200 and total >= CAREER_EVENTS + TALKS + FAIRS, total
    assert 0 < shown <= 31 * MONTH_PER_DAY, shown

    def timed(clear, repeat=9):
        samples = []
        for _ in range(repeat):
            if clear:
                cache.clear()
            t = time.perf_counter()
            assert client.get("/calendar/", params).status_code == 200
            samples.append((time.perf_counter() - t) * 1000)
        return round(statistics.median(samples), 1)

    cold = timed(True)
    warm = timed(False)
    line(f"calendar_month_{CAREER_EVENTS + TALKS + FAIRS}_events_cold_cache", cold, "ms", 150)
    line(f"calendar_month_{CAREER_EVENTS + TALKS + FAIRS}_events_cached", warm, "ms", 150)
