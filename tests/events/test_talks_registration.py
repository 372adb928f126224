"""Student registration for talks: register/cancel through the pages (POST, CSRF), window, capacity,
duplicates, the concurrent last seat, 我的报名."""


import pytest
from django.urls import reverse
from django.utils import timezone

from careers.events.checkin import registration
from careers.events.models import CheckIn, Registration
from tests.events.talks_support import at, codes_reloaded, student_account  # noqa: F401
from tests.factories import EmployerFactory, FairFactory, TalkFactory, VenueFactory
from tests.recruitment.test_employers_race import _code_tables  # noqa: F401  (codes back after flushes)

pytestmark = pytest.mark.django_db


@pytest.fixture
def talk(db):
    return TalkFactory(approved=True, title="报名测试宣讲会", venue=VenueFactory(capacity=300))


@pytest.fixture
def student(db):
    return student_account()


def test_register_and_cancel_through_the_pages(client, talk, student):
    client.force_login(student.user)
    page = client.get(reverse("site_events:talk_detail", args=[talk.pk])).content.decode()
    assert 'id="register"' in page
    response = client.post(reverse("portal_events:talk_register", args=[talk.pk]), follow=True)
    assert "报名成功" in response.content.decode()
    assert Registration.objects.filter(talk=talk, student=student).count() == 1
    response = client.post(reverse("portal_events:talk_register", args=[talk.pk]), follow=True)
    assert "无需重复报名" in response.content.decode()
    assert Registration.objects.filter(talk=talk, student=student).count() == 1
    page = client.get(reverse("site_events:talk_detail", args=[talk.pk])).content.decode()
    assert 'id="registered"' in page and 'id="cancel-registration"' in page
    client.post(reverse("portal_events:talk_cancel", args=[talk.pk]))
    assert not Registration.objects.filter(talk=talk, student=student).exists()


def test_register_is_post_only_and_needs_csrf(talk, student):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(student.user)
    assert client.get(reverse("portal_events:talk_register", args=[talk.pk])).status_code == 302
    assert client.post(reverse("portal_events:talk_register", args=[talk.pk])).status_code == 403
    assert not Registration.objects.exists()


def test_anonymous_is_sent_to_login(client, talk):
    response = client.post(reverse("portal_events:talk_register", args=[talk.pk]))
    assert response.status_code == 302 and "login" in response["Location"]
    page = client.get(reverse("site_events:talk_detail", args=[talk.pk])).content.decode()
    assert 'id="login-to-register"' in page


def test_employer_and_admin_cannot_register(client, talk, school_admin):
    for user in (EmployerFactory(admitted=True).user, school_admin):
        client.force_login(user)
        assert client.post(reverse("portal_events:talk_register", args=[talk.pk])).status_code == 403
    assert not Registration.objects.exists()


def test_window_not_open_yet_and_closed(talk, student):
    talk.registration_opens_at = timezone.now() + timezone.timedelta(hours=2)
    talk.save()
    with pytest.raises(Exception, match="报名将于"):
        registration.register(student, talk)
    talk.registration_opens_at, talk.registration_closes_at = at(-3, 9), timezone.now() - timezone.timedelta(minutes=1)
    talk.save()
    with pytest.raises(Exception, match="报名已于"):
        registration.register(student, talk)


@pytest.mark.parametrize("status", ["pending", "rejected", "cancelled"])
def test_unpublished_talk_refuses_registration(student, status):
    talk = TalkFactory(status=status)
    with pytest.raises(Exception, match="未发布或已取消"):
        registration.register(student, talk)


def test_capacity_full(client, student):
    talk = TalkFactory(approved=True, capacity=1)
    registration.register(student_account(), talk)
    client.force_login(student.user)
    response = client.post(reverse("portal_events:talk_register", args=[talk.pk]), follow=True)
    assert "报名人数已满（上限 1 人）" in response.content.decode()
    assert Registration.objects.filter(talk=talk).count() == 1


def test_capacity_defaults_to_room_but_not_placeholder(student):
    talk = TalkFactory(approved=True, capacity=None, venue=VenueFactory(capacity=1))
    registration.register(student_account(), talk)
    with pytest.raises(Exception, match="已满"):
        registration.register(student, talk)
    open_talk = TalkFactory(approved=True, capacity=None, venue=VenueFactory(capacity=1, is_placeholder=True))
    registration.register(student_account(), open_talk)
    assert registration.register(student, open_talk)[1] is True


def test_cancel_refused_after_start(student):
    talk = TalkFactory(approved=True, starts_at=timezone.now() - timezone.timedelta(minutes=5),
                       ends_at=timezone.now() + timezone.timedelta(hours=1))
    Registration.objects.create(talk=talk, student=student)
    with pytest.raises(Exception, match="已开始"):
        registration.cancel(student, talk)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_last_seat_goes_to_one_student(code_tables):
    """Two students on two connections take the last seat at once: exactly one gets it."""
    talk = TalkFactory(approved=True, capacity=1)
    students = [student_account(), student_account()]
    from tests.concurrency import run_concurrently

    def attempt(student):
        registration.register(student, talk)
        return "ok"

    outcomes = [str(o) for o in run_concurrently(attempt, args=students)]  # the loser's ValidationError
    assert outcomes.count("ok") == 1 and len(outcomes) == 2, outcomes
    assert any("已满" in o for o in outcomes)
    assert Registration.objects.filter(talk=talk).count() == 1


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_double_click_registers_once(code_tables):
    talk = TalkFactory(approved=True, capacity=10)
    student = student_account()
    from tests.concurrency import run_concurrently

    created = run_concurrently(lambda: registration.register(student, talk)[1], 3)
    assert created.count(True) == 1 and len(created) == 3
    assert Registration.objects.filter(talk=talk, student=student).count() == 1


def test_my_events_lists_talks_and_fairs_with_checkin_state(client, student):
    talk = TalkFactory(approved=True, title="我报名的宣讲会")
    done = TalkFactory(approved=True, title="已签到的宣讲会", starts_at=at(-2, 14), ends_at=at(-2, 16))
    fair = FairFactory(title="我报名的招聘会")
    other = TalkFactory(approved=True, title="别人的宣讲会")
    for event in (talk, done, fair):
        Registration.objects.create(student=student, **{event._meta.model_name: event})
    Registration.objects.create(talk=other, student=student_account())
    CheckIn.objects.create(talk=done, student=student, checked_in_at=at(-2, 14, 5), method="qr")
    client.force_login(student.user)
    body = client.get(reverse("portal_events:my_events")).content.decode()
    assert "我报名的宣讲会" in body and "我报名的招聘会" in body and "别人的宣讲会" not in body
    assert "已签到 " in body and 'data-kind="fair"' in body


def test_my_events_is_for_students_only(client, school_admin):
    client.force_login(school_admin)
    assert client.get(reverse("portal_events:my_events")).status_code == 403
    client.logout()
    assert client.get(reverse("portal_events:my_events")).status_code == 302


def test_my_events_cancel_returns_to_the_list(client, talk, student):
    Registration.objects.create(talk=talk, student=student)
    client.force_login(student.user)
    response = client.post(reverse("portal_events:talk_cancel", args=[talk.pk]),
                           {"next": reverse("portal_events:my_events")})
    assert response["Location"] == reverse("portal_events:my_events")
    assert not Registration.objects.exists()
    evil = client.post(reverse("portal_events:talk_cancel", args=[talk.pk]), {"next": "https://evil.example/"})
    assert evil["Location"] == reverse("site_events:talk_detail", args=[talk.pk])

