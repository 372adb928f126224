"""统计: exact figures on a hand-built fair and talk, scoped for a college admin, in bounded queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from careers.core.scoping import SYSTEM
from careers.events.models import CheckIn, Fair, Order, ParticipantJob, Registration, Talk
from careers.events.stats.figures import annotate_fair_stats, annotate_talk_stats, fair_stats, rate, talk_stats
from careers.recruitment.models import Application
from tests.factories import FairFactory, JobFactory, ParticipationFactory, StudentFactory, TalkFactory

pytestmark = pytest.mark.django_db


def deliver(student, job, at):
    application = Application.objects.create(job=job, employer=job.employer, student=student)
    Application.objects.filter(pk=application.pk).update(created_at=at)
    return application


def checkin(event, student, at, method=CheckIn.Method.QR):
    kind = event._meta.model_name
    return CheckIn.objects.create(**{kind: event}, student=student, checked_in_at=at, method=method)


def order(participation, fen, status, number):
    return Order.objects.create(number=number, participation=participation, description="展位费", amount_fen=fen,
                                status=status)


@pytest.fixture
def fair_world(org):
    s = org["students"]
    # today 08:00–14:00 local: the hour labels must not depend on when the suite runs (a fair started three
    # hours ago crossed midnight when run at night, and its labels gained dates)
    start = timezone.localtime().replace(hour=8, minute=0, second=0, microsecond=0)
    fair = FairFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=6))
    p1 = ParticipationFactory(fair=fair, confirmed=True, checked_in_at=start)
    p2 = ParticipationFactory(fair=fair, confirmed=True)
    p3 = ParticipationFactory(fair=fair)  # pending
    ParticipationFactory(fair=fair, status="withdrawn")
    ParticipationFactory(fair=fair, status="rejected")
    j1 = JobFactory(employer=p1.employer, approved=True, openings=3)
    j2 = JobFactory(employer=p1.employer, approved=True, openings=5)
    j3 = JobFactory(employer=p2.employer, approved=True, openings=2)
    j4 = JobFactory(employer=p3.employer, approved=True, openings=7)
    ParticipantJob.objects.create(participation=p1, job=j1)
    ParticipantJob.objects.create(participation=p1, job=j2, hidden=True)
    ParticipantJob.objects.create(participation=p2, job=j3)
    ParticipantJob.objects.create(participation=p3, job=j4)
    order(p1, 80000, "paid", "F1")
    order(p1, 10000, "refunded", "F2")
    order(p2, 80000, "unpaid", "F3")
    for key in ("a1", "a2", "b1"):
        Registration.objects.create(fair=fair, student=s[key])
    checkin(fair, s["a1"], start + datetime.timedelta(minutes=10))
    checkin(fair, s["b1"], start + datetime.timedelta(minutes=70))
    checkin(fair, s["b2"], start + datetime.timedelta(minutes=75), CheckIn.Method.DEVICE)
    deliver(s["a1"], j1, start + datetime.timedelta(hours=1))  # counted
    deliver(s["a2"], j2, start + datetime.timedelta(hours=1))  # hidden job
    deliver(s["b1"], j3, start - datetime.timedelta(hours=1))  # before the fair
    deliver(s["b2"], j3, start + datetime.timedelta(hours=2))  # counted
    deliver(s["a2"], j4, start + datetime.timedelta(hours=2))  # unit not confirmed
    empty = FairFactory()
    return {"fair": fair, "empty": empty, "start": start}


def test_fair_annotations_are_exact(fair_world):
    fair = annotate_fair_stats(Fair.objects.filter(pk=fair_world["fair"].pk), SYSTEM, with_rate=True).get()
    assert (fair.stat_units_applied, fair.stat_units_confirmed, fair.stat_units_checked_in) == (4, 2, 1)
    assert (fair.stat_jobs, fair.stat_openings) == (2, 5)
    assert (fair.stat_registrations, fair.stat_checkins, fair.stat_registered_checkins) == (3, 3, 2)
    assert fair.stat_deliveries == 2
    assert str(fair.stat_paid) == "800.00"  # two decimals on SQLite too (its ROUND gives a float)


def test_a_fair_without_anything_counts_zero(fair_world):
    fair = annotate_fair_stats(Fair.objects.filter(pk=fair_world["empty"].pk), SYSTEM).get()
    assert [fair.stat_units_applied, fair.stat_jobs, fair.stat_openings, fair.stat_registrations,
            fair.stat_checkins, fair.stat_deliveries] == [0] * 6
    assert fair.stat_paid == Decimal("0.00")


def test_college_admin_counts_only_their_students(fair_world, college_admin):
    fair = annotate_fair_stats(Fair.objects.filter(pk=fair_world["fair"].pk), college_admin, with_rate=True).get()
    # students a1, a2 only; units, jobs and fees stay school-wide
    assert (fair.stat_registrations, fair.stat_checkins, fair.stat_registered_checkins) == (2, 1, 1)
    assert fair.stat_deliveries == 1
    assert (fair.stat_units_applied, fair.stat_jobs, fair.stat_paid) == (4, 2, Decimal("800.00"))


def test_fair_detail_breakdowns(fair_world):
    stats = fair_stats(fair_world["fair"], SYSTEM)
    assert stats.value("checkin_rate") == "66.7%"
    assert stats.value("paid") == Decimal("800.00")
    assert stats.by_college == [("甲学院", 2, 1), ("乙学院", 1, 2)]  # most registrations first
    assert sum(r for _, r, _ in stats.by_education) == 3 and sum(c for _, _, c in stats.by_education) == 3
    start = timezone.localtime(fair_world["start"])
    assert stats.per_hour[0] == (f"{start:%H:00}", 1)
    assert stats.per_hour[1][1] == 2
    assert len(stats.per_hour) == 6 and sum(n for _, n in stats.per_hour) == 3
    assert stats.per_day == [(f"{timezone.localdate():%Y-%m-%d}", 3)]
    assert not stats.scoped
    rows = stats.rows()
    assert ("概况", "报名人数", 3) in rows and ("按学院", "乙学院 签到人数", 2) in rows


def test_fair_detail_scoped(fair_world, college_admin):
    stats = fair_stats(fair_world["fair"], college_admin)
    assert stats.scoped
    assert stats.by_college == [("甲学院", 2, 1)]
    assert stats.value("checkin_rate") == "50.0%"


def test_fair_detail_in_a_fixed_number_of_queries(fair_world, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        fair_stats(fair_world["fair"], SYSTEM)


@pytest.fixture
def talk_world(org):
    s = org["students"]
    talk = TalkFactory(approved=True, starts_at=timezone.now() - datetime.timedelta(hours=1))
    for key in ("a1", "a2", "b1", "b2"):
        Registration.objects.create(talk=talk, student=s[key])
    checkin(talk, s["a1"], timezone.now())
    checkin(talk, s["b2"], timezone.now())
    extra = StudentFactory(major=org["majors"]["b1"])  # checked in without registering
    checkin(talk, extra, timezone.now())
    return talk


def test_talk_figures(talk_world, college_admin):
    talk = annotate_talk_stats(Talk.objects.filter(pk=talk_world.pk), SYSTEM).get()
    assert (talk.stat_registrations, talk.stat_checkins, talk.stat_registered_checkins) == (4, 3, 2)
    assert talk_stats(talk_world, SYSTEM).value("checkin_rate") == "50.0%"
    scoped = annotate_talk_stats(Talk.objects.filter(pk=talk_world.pk), college_admin).get()
    assert (scoped.stat_registrations, scoped.stat_checkins, scoped.stat_registered_checkins) == (2, 1, 1)


def test_annotations_are_one_query_whatever_the_number_of_events(fair_world, talk_world):
    for _ in range(4):
        FairFactory()
        TalkFactory(approved=True)
    for qs, annotate in ((Fair.objects.all(), annotate_fair_stats), (Talk.objects.all(), annotate_talk_stats)):
        with CaptureQueriesContext(connection) as ctx:
            rows = list(annotate(qs, SYSTEM))
        assert len(rows) >= 5 and len(ctx) == 1


def test_rate():
    assert rate(1, 3) == Decimal("33.3") and rate(2, 3) == Decimal("66.7") and rate(0, 0) is None
