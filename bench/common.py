"""What the bench modules share: the output line and bulk-built admitted employers."""


def line(name, value, unit, target=None, op="<="):
    """`bench: <name> = <value> <unit> (target <op> <target> <unit>)` — the one format `make bench` prints."""
    suffix = f" (target {op} {f'{target} {unit}'.strip()})" if target is not None else ""
    print(f"bench: {name} = {f'{value} {unit}'.strip()}{suffix}", flush=True)


def admitted_employers(count, *, name, fields=None):
    """`count` admitted employers with employer accounts, inserted in bulk (fast_insert).

    Usernames, credit codes, name keys and phones continue from the employers already in the database, so
    several bench modules can build units in the same run. `name(i)` gives each unit's name; `fields(i)`
    may override any Employer field (region, industry, admitted_at …); codes default to the first of each
    table."""
    from django.utils import timezone

    from careers.accounts.models import User
    from careers.codes.models import Code
    from careers.core.bulk import fast_insert
    from careers.recruitment.models import Employer

    if not Code.objects.of("region").exists():
        from careers.codes.loader import load_regions

        load_regions()
    base = Employer.objects.count()
    now = timezone.now()
    defaults = {"region_id": Code.objects.of("region").filter(level=3).values_list("pk", flat=True).first(),
                "industry_id": Code.objects.of("industry").values_list("pk", flat=True).first(),
                "nature_id": Code.objects.of("employer_nature").values_list("pk", flat=True).first(),
                "size": "150-500", "address": "某路1号", "contact_person": "王经理", "review_status": "approved",
                "admitted_at": now, "reviewed_at": now, "submitted_at": now}
    users = fast_insert(User, [User(username=f"bench-unit-{base + i:07d}", kind=User.Kind.EMPLOYER,
                                    name=f"单位账号{base + i}", password="!", is_active=True) for i in range(count)])
    return fast_insert(Employer, [Employer(
        user=user, name=name(i), name_key=f"bench-unit-{base + i}", credit_code=f"9199{base + i:014d}",
        phone=f"13{base + i:09d}", email=f"hr{base + i}@example.com", **{**defaults, **(fields(i) if fields else {})})
        for i, user in enumerate(users)])
