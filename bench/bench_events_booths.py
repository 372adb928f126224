"""批量分配展位 for 500 units (issue 6: ≤ 1 s).

Builds a fair with 500 confirmed units asking for 1 or 2 booths (每单位 2 个) plus 30 units that already
hold scattered booths in areas A–C (their codes must be skipped), then times `events.booths.allocate`
for the 500 units from A01 (40 per area, overflowing into B, C …): one transaction with the fair row
lock, one DELETE of their old booths, one INSERT batch and one log entry. Repeated (each run releases
the previous run's codes first); the figure is the median.
"""

import random
import statistics
import time

from bench.common import admitted_employers, line

UNITS = 500
TARGET_S = 1




def build(rng):
    import datetime

    from django.utils import timezone

    from careers.core.bulk import fast_insert
    from careers.events.models import Booth, Fair, Participation

    now = timezone.now()
    employers = admitted_employers(UNITS + 30, name=lambda i: f"展位测试{i}号有限公司")
    fair = Fair.objects.create(title="展位分配压测双选会", starts_at=now + datetime.timedelta(days=10),
                               ends_at=now + datetime.timedelta(days=10, hours=7), publish_at=now, place="体育馆",
                               apply_deadline=now + datetime.timedelta(days=5), booths_per_unit=2,
                               status="published")
    units = fast_insert(Participation, [Participation(
        fair=fair, employer=e, status="confirmed", booths_requested=rng.choice([1, 1, 2]), contact_person="王",
        contact_phone="13800000000", attendees=[], reviewed_at=now) for e in employers])
    holders, selected = units[UNITS:], units[:UNITS]
    taken = rng.sample([f"{a}{n:02d}" for a in "ABC" for n in range(1, 41)], len(holders))
    fast_insert(Booth, [Booth(fair=fair, participation=p, area=code[0], code=code) for p, code in zip(holders, taken)])
    return fair, [p.pk for p in selected]


def run():
    from careers.events.participants import booths
    from careers.events.models import Booth

    rng = random.Random(6)
    fair, pks = build(rng)
    times = []
    for _ in range(5):
        start = time.perf_counter()
        result = booths.allocate(fair, pks, area="A", start=1, per_area=40, next_areas=True)
        times.append(time.perf_counter() - start)
    codes = Booth.objects.filter(fair=fair).values_list("code", flat=True)
    assert len(set(codes)) == len(codes) and len(result) == UNITS
    line("booth allocation 500 units", round(statistics.median(times), 3), "s", TARGET_S)
    line("booth allocation 500 units booths", sum(len(c) for c in result.values()), "booths")
