"""The employer's 宣讲会: apply (admitted only), own jobs only, description sanitised, edit/withdraw while
pending, status and reason shown."""

import pytest
from django.urls import reverse

from careers.events.models import Talk
from tests.events.talks_support import at, local_input
from tests.factories import EmployerFactory, JobFactory, TalkFactory, VenueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer(db):
    return EmployerFactory(admitted=True)


@pytest.fixture
def placeholder(db):
    return VenueFactory(name="待定（300人）", capacity=300, is_placeholder=True)


def form_data(venue, **extra):
    return {"title": "2027届校园宣讲会", "starts_at": local_input(at(10, 14)), "ends_at": local_input(at(10, 16)),
            "venue": venue.pk, "audience": "计算机类", "description": "<p>介绍</p><img src=x onerror=alert(1)>",
            "contact_person": "王经理", "contact_phone": "027-88888888", **extra}


def test_apply_with_placeholder_and_own_jobs(client, employer, placeholder):
    job = JobFactory(employer=employer, approved=True, title="我方职位")
    client.force_login(employer.user)
    page = client.get(reverse("company_events:talk_apply")).content.decode()
    assert "我方职位" in page and "待定（300人）" in page
    response = client.post(reverse("company_events:talk_apply"), form_data(placeholder, jobs=[job.pk]))
    assert response.status_code == 302, response.content.decode()[-2000:]
    talk = Talk.objects.get(employer=employer)
    assert talk.status == "pending" and talk.venue == placeholder and list(talk.jobs.all()) == [job]
    assert "onerror" not in talk.description and "介绍" in talk.description


def test_other_units_jobs_are_refused(client, employer, placeholder):
    foreign = JobFactory(approved=True, title="别家职位")
    client.force_login(employer.user)
    response = client.post(reverse("company_events:talk_apply"), form_data(placeholder, jobs=[foreign.pk]))
    assert response.status_code == 400 and "不属于贵单位" in response.content.decode()
    assert not Talk.objects.exists()


def test_validation_messages_name_the_field(client, employer, placeholder):
    client.force_login(employer.user)
    response = client.post(reverse("company_events:talk_apply"), form_data(
        placeholder, title="", ends_at=local_input(at(10, 13)), contact_phone="abc"))
    body = response.content.decode()
    assert "请填写宣讲会标题" in body and "结束时间必须晚于开始时间" in body and "不是有效的联系电话" in body
    response = client.post(reverse("company_events:talk_apply"), form_data(
        placeholder, starts_at=local_input(at(-1, 14)), ends_at=local_input(at(-1, 16))))
    assert "开始时间必须晚于现在" in response.content.decode()
    assert not Talk.objects.exists()


def test_not_admitted_unit_is_refused(client, placeholder):
    pending = EmployerFactory()
    client.force_login(pending.user)
    assert client.get(reverse("company_events:talk_list")).status_code == 403
    assert client.post(reverse("company_events:talk_apply"), form_data(placeholder)).status_code == 403
    assert not Talk.objects.exists()


def test_edit_and_withdraw_only_while_pending(client, employer, placeholder):
    talk = TalkFactory(employer=employer, venue=placeholder)
    client.force_login(employer.user)
    response = client.post(reverse("company_events:talk_edit", args=[talk.pk]), form_data(placeholder, title="改过的标题"))
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.title == "改过的标题"
    client.post(reverse("company_events:talk_withdraw", args=[talk.pk]))
    talk.refresh_from_db()
    assert talk.status == "cancelled"
    response = client.post(reverse("company_events:talk_edit", args=[talk.pk]), form_data(placeholder, title="再改"))
    assert response.status_code == 302
    talk.refresh_from_db()
    assert talk.title == "改过的标题"
    approved = TalkFactory(employer=employer, approved=True)
    response = client.post(reverse("company_events:talk_withdraw", args=[approved.pk]), follow=True)
    assert "不能撤回" in response.content.decode()
    assert Talk.objects.get(pk=approved.pk).status == "approved"


def test_units_see_only_their_own_talks(client, employer):
    mine, theirs = TalkFactory(employer=employer, title="我方宣讲"), TalkFactory(title="他方宣讲")
    client.force_login(employer.user)
    body = client.get(reverse("company_events:talk_list")).content.decode()
    assert "我方宣讲" in body and "他方宣讲" not in body
    assert client.get(reverse("company_events:talk_detail", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("company_events:talk_withdraw", args=[theirs.pk])).status_code == 404
    assert Talk.objects.get(pk=theirs.pk).status == "pending"
    assert client.get(reverse("company_events:talk_detail", args=[mine.pk])).status_code == 200


def test_nav_entry(client, employer):
    client.force_login(employer.user)
    body = client.get(reverse("company_events:talk_list")).content.decode()
    assert 'href="/company/talks/"' in body and "宣讲会" in body


def test_room_already_taken_is_refused_at_application(client, employer):
    room = VenueFactory(name="已被订的教室")
    TalkFactory(venue=room, approved=True, starts_at=at(10, 15), ends_at=at(10, 17), title="已审核的宣讲会")
    client.force_login(employer.user)
    response = client.post(reverse("company_events:talk_apply"), form_data(room))
    body = response.content.decode()
    assert response.status_code == 400 and "已被占用" in body and "已审核的宣讲会" in body
    assert not Talk.objects.filter(employer=employer).exists()
