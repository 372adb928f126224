"""场地冲突 and the talk pages over a busy year (issue 6, talks area).

Builds 60 venues (4 placeholders), 6,000 talks over 365 days in every state and 120 fairs, then times:
`venue_conflicts` for one booking (median of 200 calls), the venue calendar (all venues, one week), the
talk review page and the admin talk list (50 and 200 rows with 报名人数), and the public /talks/ list. Each page
figure is the median of repeated renders after a warm-up.
"""

import datetime
import random
import statistics
import time

from bench.common import line

VENUES = 60
TALKS = 6000
FAIRS = 120




def build(rng):
    from django.utils import timezone

    from careers.events.models import Fair, Talk, Venue

    Venue.objects.bulk_create([Venue(name=f"基准场地{i}", capacity=rng.choice([100, 200, 300, 500]),
                                     is_placeholder=i < 4) for i in range(VENUES)])
    venues = list(Venue.objects.filter(name__startswith="基准场地"))
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0) - datetime.timedelta(days=30)
    statuses = ["pending"] * 2 + ["approved"] * 6 + ["rejected", "cancelled"]
    talks = []
    for i in range(TALKS):
        begins = start + datetime.timedelta(days=rng.randrange(365), hours=rng.choice([9, 10, 14, 15, 19]))
        talks.append(Talk(organiser="基准单位", title=f"基准宣讲会{i}", starts_at=begins,
                          ends_at=begins + datetime.timedelta(hours=2), venue=rng.choice(venues),
                          status=rng.choice(statuses), description="<p>介绍</p>", submitted_at=begins))
    Talk.objects.bulk_create(talks, batch_size=2000)
    fairs = []
    for i in range(FAIRS):
        begins = start + datetime.timedelta(days=rng.randrange(365), hours=9)
        fairs.append(Fair(title=f"基准招聘会{i}", starts_at=begins, ends_at=begins + datetime.timedelta(hours=7),
                          publish_at=begins - datetime.timedelta(days=20), venue=rng.choice(venues), place="体育馆",
                          status="published", apply_deadline=begins - datetime.timedelta(days=3)))
    Fair.objects.bulk_create(fairs)
    return venues, start


def timed(client, url, params=None, repeat=7):
    client.get(url, params or {})
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        response = client.get(url, params or {})
        samples.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return round(statistics.median(samples), 1)


def run():
    from django.db import connection
    from django.test import Client

    from careers.accounts.models import User
    from careers.events.venues.conflicts import venue_conflicts
    from careers.events.models import Talk

    rng = random.Random(6)
    venues, start = build(rng)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    room = next(v for v in venues if not v.is_placeholder)
    samples = []
    for _ in range(200):
        begins = start + datetime.timedelta(days=rng.randrange(365), hours=14)
        t = time.perf_counter()
        venue_conflicts(room, begins, begins + datetime.timedelta(hours=2))
        samples.append((time.perf_counter() - t) * 1000)
    line(f"venue_conflicts ({TALKS} talks, {FAIRS} fairs)", round(statistics.median(samples), 2), "ms", 20)

    admin = User.objects.create(username="bench-talks", name="宣讲会管理员", kind=User.Kind.SCHOOL_ADMIN,
                                is_superuser=True, must_change_password=False)
    client = Client(SERVER_NAME="localhost")
    client.force_login(admin)
    week = (start + datetime.timedelta(days=60)).date().isoformat()
    line(f"venue calendar, all {VENUES} venues, one week", timed(client, "/events/venues/calendar/", {"week": week}),
         "ms", 300)
    rooms = [v for v in venues if not v.is_placeholder]
    talk = Talk.objects.filter(status="pending", venue__in=rooms).order_by("pk").first()  # ours, not another bench's
    line("talk review page (conflicts + day plan)", timed(client, f"/events/talks/{talk.pk}/"), "ms", 200)
    line("admin talk list, 50 rows (default page) with 报名人数", timed(client, "/events/talks/"), "ms", 200)
    line("admin talk list, 200 rows with 报名人数", timed(client, "/events/talks/", {"per_page": 200}), "ms", 500)
    client.logout()
    line("public /talks/ list", timed(client, "/talks/"), "ms", 100)
