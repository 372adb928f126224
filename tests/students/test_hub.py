"""The student hub (/me/): each app's card shows the student's own data, says what to do when empty, registers
in one tap, and the page costs the same number of queries however much the student has."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.employment.models import DispatchRecord, ReportingWindow
from careers.events.models import CheckIn, Registration
from careers.recruitment.models import Application, JobMatch
from tests.factories import FairFactory, JobFactory, TalkFactory
from tests.recruitment.test_applications import make_resume
from tests.students.accounts_support import accounts, me, private_media  # noqa: F401

pytestmark = pytest.mark.django_db




def hub(client):
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    return response.content.decode()


def fill(student, n):
    """n of everything the hub shows: matched jobs, applications at every status, talks and fairs (registered,
    one checked in) and a résumé."""
    resume = make_resume(student)
    statuses = list(Application.Status)
    for i in range(n):
        job = JobFactory(approved=True, title=f"推荐职位{i}")
        JobMatch.objects.create(student=student, job=job, score=80 - i, reasons=["专业对口", "期望地区一致"])
        Application.objects.create(student=student, job=job, employer=job.employer, resume=resume,
                                   snapshot={"title": resume.title}, status=statuses[i % len(statuses)])
        talk = TalkFactory(approved=True, title=f"宣讲会{i}")
        fair = FairFactory(title=f"双选会{i}")
        Registration.objects.create(student=student, talk=talk)
        Registration.objects.create(student=student, fair=fair)
    CheckIn.objects.create(student=student, talk=talk, method="qr", checked_in_at=timezone.now())
    return resume


def test_empty_hub_says_what_to_do(client, me):
    body = hub(client)
    assert "创建简历并填写求职期望后" in body  # 为你推荐
    assert "还没有投递记录" in body and "未来 30 天暂无" in body and "暂无待参加的活动" in body
    assert "还没有简历" in body and 'id="hub-resume-add"' in body
    assert 'id="portal-dispatch"' in body and 'id="portal-employment"' in body and 'id="portal-edit"' in body
    assert 'id="student-nav"' in body  # the bottom bar


def test_cards_show_the_students_own_data(client, me, accounts):
    fill(me, 2)
    other = accounts["b1"]
    foreign = JobFactory(approved=True, title="别人的推荐")
    JobMatch.objects.create(student=other, job=foreign, score=99)
    body = hub(client)
    assert "推荐职位1" in body and "专业对口" in body and "别人的推荐" not in body
    assert 'data-status="delivered"' in body and "邀请面试" in body
    assert body.count('class="list-group-item hub-registration"') == 4
    assert "已签到" in body and "已报名" in body
    assert "软件开发简历" in body and "完整度" in body


def test_one_tap_registration_returns_to_the_hub(client, me):
    talk = TalkFactory(approved=True, title="一键报名宣讲会")
    body = hub(client)
    assert reverse("portal_events:talk_register", args=[talk.pk]) in body
    response = client.post(reverse("portal_events:talk_register", args=[talk.pk]), {"next": reverse("portal:home")})
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert Registration.objects.filter(student=me, talk=talk).exists()
    assert "报名成功" in client.get(reverse("portal:home")).content.decode()
    # any other "next" is ignored: back to the event page
    response = client.post(reverse("portal_events:talk_cancel", args=[talk.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("site_events:talk_detail", args=[talk.pk])


def test_deadlines_card_names_what_to_report_and_until_when(client, me):
    now = timezone.now()
    ReportingWindow.objects.create(graduation_year=me.graduation_year, function="dispatch",
                                   opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=3))
    DispatchRecord.objects.filter(student=me).update(review_status="rejected", review_note="单位名称与协议不符")
    body = hub(client)
    assert "未通过，请修改" in body and "单位名称与协议不符" in body and "填报截止时间" in body
    assert "2 项待填报" in body  # and 就业信息: empty, and no window set means open


def test_hub_queries_do_not_grow_with_the_students_data(client, me, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fill(me, 2)  # every card full enough to show its "全部" count
    with CaptureQueriesContext(connection) as few:
        hub(client)
    fill(me, 5)
    with django_assert_max_num_queries(len(few.captured_queries)):
        hub(client)
    assert len(few.captured_queries) <= 28  # issue 16 added the 协议书, 项目活动 and 预约咨询 cards


def test_bottom_bar_on_every_student_page_and_not_for_others(client, me, school_admin):
    for name in ("portal:profile", "site:job_list", "site_events:talk_list", "core:inbox",
                 "portal_recruitment:application_list"):
        assert 'id="student-nav"' in client.get(reverse(name)).content.decode(), name
    client.force_login(school_admin)
    assert 'id="student-nav"' not in client.get(reverse("site:job_list")).content.decode()
