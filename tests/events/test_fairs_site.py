"""Public /fairs/ pages and student registration: publish time, units with booths, visible jobs only,
register/cancel through the shared rules, phone-first markup."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.events.models import Booth, ParticipantJob, Registration
from tests.events.fairs_support import student_with_login
from tests.factories import (
    EmployerFactory,
    FairFactory,
    JobFactory,
    ParticipationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_not_public_before_publish_at_or_as_draft(client):
    later = FairFactory(title="未到发布时间", publish_at=timezone.now() + datetime.timedelta(hours=1))
    draft = FairFactory(title="草稿双选会", status="draft")
    shown = FairFactory(title="公开双选会")
    page = client.get(reverse("site_events:fair_list")).content.decode()
    assert "公开双选会" in page and "未到发布时间" not in page and "草稿双选会" not in page
    assert client.get(reverse("site_events:fair_detail", args=[later.pk])).status_code == 404
    assert client.get(reverse("site_events:fair_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("site_events:fair_detail", args=[shown.pk])).status_code == 200


def test_past_fairs_listed_separately(client):
    now = timezone.now()
    FairFactory(title="往期双选会", starts_at=now - datetime.timedelta(days=3),
                ends_at=now - datetime.timedelta(days=3) + datetime.timedelta(hours=6),
                publish_at=now - datetime.timedelta(days=10), apply_deadline=now - datetime.timedelta(days=5),
                registration_opens_at=None, registration_closes_at=None)
    assert "往期双选会" not in client.get(reverse("site_events:fair_list")).content.decode()
    assert "往期双选会" in client.get(reverse("site_events:fair_list"), {"past": "1"}).content.decode()


def test_detail_shows_confirmed_units_booths_and_visible_jobs(client):
    fair = FairFactory()
    confirmed = ParticipationFactory(fair=fair, confirmed=True, employer=EmployerFactory(admitted=True,
                                                                                         name="甲公司"))
    Booth.objects.create(fair=fair, participation=confirmed, area="A", code="A01")
    Booth.objects.create(fair=fair, participation=confirmed, area="A", code="A02")
    pending = ParticipationFactory(fair=fair, employer=EmployerFactory(admitted=True, name="待确认公司"))
    shown = JobFactory(employer=confirmed.employer, approved=True, title="后端工程师", openings=5)
    hidden = JobFactory(employer=confirmed.employer, approved=True, title="被隐藏职位")
    unpublished = JobFactory(employer=confirmed.employer, title="未审核职位")
    pending_job = JobFactory(employer=pending.employer, approved=True, title="待确认单位职位")
    ParticipantJob.objects.create(participation=confirmed, job=shown)
    ParticipantJob.objects.create(participation=confirmed, job=hidden, hidden=True)
    ParticipantJob.objects.create(participation=confirmed, job=unpublished)
    ParticipantJob.objects.create(participation=pending, job=pending_job)
    page = client.get(reverse("site_events:fair_detail", args=[fair.pk])).content.decode()
    assert "甲公司" in page and "A01、A02" in page and "待确认公司" not in page
    assert "后端工程师" in page and reverse("site:job_detail", args=[shown.pk]) in page
    assert "被隐藏职位" not in page and "未审核职位" not in page and "待确认单位职位" not in page
    assert "招聘职位（1 个，共招 5 人）" in page


def test_detail_query_count_bounded(client, django_assert_max_num_queries):
    fair = FairFactory()
    for _ in range(8):
        unit = ParticipationFactory(fair=fair, confirmed=True)
        Booth.objects.create(fair=fair, participation=unit, code=f"A{unit.pk:02d}")
        ParticipantJob.objects.create(participation=unit, job=JobFactory(employer=unit.employer, approved=True))
    with django_assert_max_num_queries(12):
        client.get(reverse("site_events:fair_detail", args=[fair.pk]))


def test_anonymous_sees_login_button(client):
    fair = FairFactory()
    page = client.get(reverse("site_events:fair_detail", args=[fair.pk])).content.decode()
    assert 'id="login-to-register"' in page


def test_student_registers_and_cancels(client):
    fair = FairFactory()
    student = student_with_login()
    client.force_login(student.user)
    page = client.get(reverse("site_events:fair_detail", args=[fair.pk])).content.decode()
    assert 'id="register"' in page
    response = client.post(reverse("portal_events:fair_register", args=[fair.pk]), follow=True)
    assert "报名成功！招聘会" in response.content.decode() and 'id="registered"' in response.content.decode()
    client.post(reverse("portal_events:fair_register", args=[fair.pk]))  # double click
    assert Registration.objects.filter(fair=fair, student=student).count() == 1
    response = client.post(reverse("portal_events:fair_cancel", args=[fair.pk]), follow=True)
    assert "已取消报名" in response.content.decode()
    assert not Registration.objects.filter(fair=fair).exists()


def test_register_refused_outside_window_and_when_full(client):
    early = FairFactory(registration_opens_at=timezone.now() + datetime.timedelta(days=1))
    full = FairFactory(capacity=1)
    Registration.objects.create(fair=full, student=student_with_login())
    student = student_with_login()
    client.force_login(student.user)
    page = client.get(reverse("site_events:fair_detail", args=[early.pk])).content.decode()
    assert "报名将于" in page and 'id="register"' not in page
    response = client.post(reverse("portal_events:fair_register", args=[early.pk]), follow=True)
    assert "报名未成功：报名将于" in response.content.decode()
    response = client.post(reverse("portal_events:fair_register", args=[full.pk]), follow=True)
    assert "报名人数已满" in response.content.decode()
    assert not Registration.objects.filter(student=student).exists()


def test_register_refused_for_unpublished_fair(client):
    draft = FairFactory(status="draft")
    student = student_with_login()
    client.force_login(student.user)
    response = client.post(reverse("portal_events:fair_register", args=[draft.pk]))
    assert response.status_code == 302 and response.url == reverse("site_events:fair_list")
    assert not Registration.objects.exists()


def test_non_students_cannot_register(client):
    fair = FairFactory()
    employer_user = EmployerFactory(admitted=True).user
    client.force_login(employer_user)
    assert client.post(reverse("portal_events:fair_register", args=[fair.pk])).status_code == 403
    client.logout()
    response = client.post(reverse("portal_events:fair_register", args=[fair.pk]))
    assert response.status_code == 302 and "login" in response.url
    admin = UserFactory()
    client.force_login(admin)
    page = client.get(reverse("site_events:fair_detail", args=[fair.pk])).content.decode()
    assert "只有学生账号可以报名" in page
    assert not Registration.objects.exists()


def test_get_on_register_goes_back_to_the_fair(client):
    fair = FairFactory()
    client.force_login(student_with_login().user)
    response = client.get(reverse("portal_events:fair_register", args=[fair.pk]))
    assert response.url == reverse("site_events:fair_detail", args=[fair.pk])
    assert not Registration.objects.exists()


def test_cancelled_fair_page_says_so(client, school_admin):
    from careers.events.fairs.actions import cancel

    fair = FairFactory()
    cancel(fair, reason="原因", acting_user=school_admin)
    page = client.get(reverse("site_events:fair_detail", args=[fair.pk])).content.decode()
    assert "本场招聘会已取消" in page and 'id="register"' not in page
    assert fair.title not in client.get(reverse("site_events:fair_list")).content.decode()


def test_pages_are_phone_first(client):
    fair = FairFactory(title="很长很长很长很长很长很长很长很长很长很长的招聘会标题")
    for url in (reverse("site_events:fair_list"), reverse("site_events:fair_detail", args=[fair.pk])):
        page = client.get(url).content.decode()
        assert 'name="viewport"' in page
        assert "<table" not in page  # lists, not wide tables
