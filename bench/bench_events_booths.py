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

UNITS = 500
TARGET_S = 1


def line(name, value, unit, target=None):
    suffix = f" (target <= {target} {unit})" if target else ""
    print(f"bench: {name} = {value} {unit}{suffix}", flush=True)


def build(rng):
    import datetime

    from django.utils import timezone

    from careers.accounts.models import User
    from careers.codes.models import Code
    from careers.core.bulk import fast_insert
    from careers.events.models import Booth, Fair, Participation
    from careers.recruitment.models import Employer

    if not Code.objects.of("region").exists():
        from careers.codes.loader import load_regions

        load_regions()
    now = timezone.now()
    region = Code.objects.of("region").filter(level=3).values_list("pk", flat=True).first()
    industry = Code.objects.of("industry").values_list("pk", flat=True).first()
    nature = Code.objects.of("employer_nature").values_list("pk", flat=True).first()
    total = UNITS + 30
    users = fast_insert(User, [User(username=f"benchbooth{i:05d}", kind=User.Kind.EMPLOYER, name=f"展位单位{i}",
                                    password="!", is_active=True) for i in range(total)])
    employers = fast_insert(Employer, [Employer(
        user=u, name=f"展位测试{i}号有限公司", name_key=f"benchbooth{i}", credit_code=f"9143{i:014d}",
        nature_id=nature, industry_id=industry, region_id=region, size="150-500", address="某路1号",
        contact_person="王经理", phone=f"137{i:08d}", email=f"booth{i}@example.com", review_status="approved",
        admitted_at=now, reviewed_at=now, submitted_at=now) for i, u in enumerate(users)])
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
    from careers.events import booths
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
