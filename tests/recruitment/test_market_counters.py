"""就业市场信息统计's recruitment figures (用人单位, 职位数, 招聘人数): what they count, and that 职位数 and
招聘人数 share one statement that checks accounts per unit (issue 13: the page joined every account)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careers.recruitment.employers.hooks import count_admitted_employers
from careers.recruitment.jobs.hooks import count_jobs, count_positions
from careers.reports.market import Period
from tests.factories import EmployerFactory, JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def units():
    on = EmployerFactory(admitted=True)
    off = EmployerFactory(admitted=True)
    off.user.is_active = False
    off.user.save()
    waiting = EmployerFactory()  # not admitted
    JobFactory(employer=on, approved=True, openings=5)
    JobFactory(employer=on, approved=True, openings=2)
    JobFactory(employer=on, openings=7)  # never approved
    JobFactory(employer=off, approved=True, openings=11)  # account off
    JobFactory(employer=waiting, approved=True, openings=13)  # unit not admitted
    return on, off, waiting


def test_only_admitted_units_with_accounts_on_and_their_approved_posts(units):
    period = Period()
    assert count_admitted_employers(period) == 1
    with CaptureQueriesContext(connection) as ctx:
        assert (count_jobs(period), count_positions(period)) == (2, 7)
    assert len(ctx) == 1  # both figures from one statement per page view
    assert count_jobs(period, "industry") and sum(count_positions(period, "region").values()) == 7


def test_the_period_is_by_first_approval(units):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    later = Period(start=tomorrow)
    assert (count_jobs(later), count_positions(later), count_admitted_employers(later)) == (0, 0, 0)
    today = Period(start=timezone.localdate(), end=timezone.localdate())
    assert (count_jobs(today), count_positions(today)) == (2, 7)
