"""Two approvals into the same room at overlapping times, on two connections: exactly one wins (the room row
is locked before the conflict check), the other gets the 已被占用 message."""


import pytest

from careers.events.talks import actions
from careers.events.models import Talk
from tests.events.talks_support import at, codes_reloaded  # noqa: F401
from tests.factories import SchoolAdminFactory, TalkFactory, VenueFactory
from tests.recruitment.test_employers_race import _code_tables  # noqa: F401


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_approvals_into_one_room(code_tables):  # noqa: F811
    admin = SchoolAdminFactory(username="raceadmin")
    placeholder = VenueFactory(name="待定（100人）", is_placeholder=True)
    room = VenueFactory(name="唯一的报告厅")
    talks = [TalkFactory(venue=placeholder, starts_at=at(8, 14), ends_at=at(8, 16)),
             TalkFactory(venue=placeholder, starts_at=at(8, 15), ends_at=at(8, 17))]
    from tests.concurrency import run_concurrently

    def approve(talk):
        actions.approve_talk(talk, acting_user=admin, venue=room)
        return "ok"

    outcomes = [str(o) for o in run_concurrently(approve, args=talks)]  # the loser's ValidationError
    assert outcomes.count("ok") == 1 and any("已被占用" in o for o in outcomes), outcomes
    assert Talk.objects.filter(status="approved", venue=room).count() == 1
