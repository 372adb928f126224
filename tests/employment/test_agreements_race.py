"""批量审核打印 by two admins at the same moment: numbers are never shared and never skipped.

On PostgreSQL the two batches run on two connections at once; the unique index on AgreementNumber.number
decides: overlapping ranges → exactly one batch is printed, the other is refused as a whole naming the
clashing numbers; adjacent ranges → both are printed and together form one consecutive run. SQLite's shared
in-memory test database cannot run two writing connections at once ("table is locked"), so there the same
two batches run one after the other through the same action — the rule (the database refuses a used
number) is the same, only the timing differs.
"""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from careers.employment.agreements import actions
from careers.employment.agreements.models import AgreementApplication, AgreementNumber
from tests.factories import SchoolAdminFactory, StudentFactory
from tests.factories import MajorFactory


def admin(username):
    from careers.core.permissions import registry

    user = SchoolAdminFactory(username=username)
    user.set_permissions(sorted(registry.all_codes()))
    user.save()
    return user


def _batches(n=2, size=5):
    major = MajorFactory()
    return [[actions.apply(StudentFactory(major=major), kind="first") for _ in range(size)] for _ in range(n)]


def _run(calls):
    if connection.vendor == "postgresql":
        from tests.concurrency import run_concurrently

        return run_concurrently(lambda call: call(), args=calls)
    outcomes = []
    for call in calls:
        try:
            outcomes.append(call())
        except ValidationError as exc:
            outcomes.append(exc)
    return outcomes


def _printer(admin, applications, start, label):
    def call():
        actions.print_batch(applications, batch_label=label, start=start, acting_user=admin)
        return "ok"
    return call


@pytest.mark.django_db(transaction=True)
def test_two_batches_from_the_same_start_one_wins_the_other_is_refused_whole():
    admin_a, admin_b = admin("race-a"), admin("race-b")
    first, second = _batches()
    outcomes = _run([_printer(admin_a, first, "3001", "A"), _printer(admin_b, second, "3001", "B")])
    assert sorted(str(o) == "ok" for o in outcomes) == [False, True], outcomes
    refusal = next(str(o) for o in outcomes if o != "ok")
    assert "3001" in refusal and "已被使用" in refusal and "整批未打印" in refusal
    numbers = sorted(AgreementNumber.objects.values_list("number", flat=True))
    assert numbers == ["3001", "3002", "3003", "3004", "3005"]
    assert AgreementApplication.objects.filter(status="printed").count() == 5
    assert AgreementApplication.objects.filter(status="pending").count() == 5  # the loser wrote nothing


@pytest.mark.django_db(transaction=True)
def test_two_adjacent_batches_share_nothing_and_skip_nothing():
    admin_a, admin_b = admin("race-c"), admin("race-d")
    first, second = _batches()
    outcomes = _run([_printer(admin_a, first, "4001", "A"), _printer(admin_b, second, "4006", "B")])
    numbers = sorted(AgreementNumber.objects.values_list("number", flat=True))
    assert len(numbers) == len(set(numbers))
    printed = [o for o in outcomes if o == "ok"]
    assert len(numbers) == 5 * len(printed)
    if len(printed) == 2:
        assert numbers == [f"{n}" for n in range(4001, 4011)]  # one consecutive run


@pytest.mark.django_db(transaction=True)
def test_many_admins_offered_the_next_number_never_share_or_skip():
    """Each admin takes the offered next number and retries on a clash: the end result is one run."""
    batches = _batches(n=4, size=3)
    admins = [admin(f"race-{i}") for i in range(4)]

    def printer(i):
        def call():
            for _ in range(10):
                try:
                    actions.print_batch(batches[i], batch_label=f"R{i}", start=actions.next_number("5001") or "5001",
                                        acting_user=admins[i])
                    return "ok"
                except ValidationError as exc:
                    if "已被使用" not in str(exc) and "跳过" not in str(exc):
                        raise
            return "gave up"
        return call

    outcomes = _run([printer(i) for i in range(4)])
    assert outcomes == ["ok"] * 4, outcomes
    numbers = sorted(AgreementNumber.objects.values_list("number", flat=True))
    assert numbers == [str(n) for n in range(5001, 5013)]
