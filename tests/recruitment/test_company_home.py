"""单位首页 (company:home): the cards of the "company" board — new applications since the previous visit, jobs
by state and expiring soon, fairs and talks with what is still missing, unread messages — only ever about the
signed-in unit, with empty states that say what to do, in a number of queries that does not grow."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.core.models import Message, MessageDelivery, UserPreference
from careers.events.models import Order, Registration
from careers.recruitment.employers.visits import KEY
from careers.recruitment.models import Application
from tests.factories import (
    BoothFactory,
    EmployerFactory,
    FairFactory,
    JobFactory,
    ParticipationFactory,
    StudentFactory,
    TalkFactory,
)

pytestmark = pytest.mark.django_db
HOME = "/company/"
Status = Application.Status


@pytest.fixture
def employer(db):
    return EmployerFactory(admitted=True, name="星辰科技有限公司")


@pytest.fixture
def unit(client, employer):
    client.force_login(employer.user)
    return client


def deliver(job, status=Status.DELIVERED, ago=datetime.timedelta(hours=1), name=None):
    student = StudentFactory()
    application = Application.objects.create(job=job, employer=job.employer, student=student, status=status,
                                             snapshot={"name": name or student.name})
    Application.objects.filter(pk=application.pk).update(created_at=timezone.now() - ago)
    return application


def section(html, card_id):
    """The HTML of one card (its <section id=…>), so an assertion cannot be satisfied by another card."""
    match = re.search(rf'<section class="card[^"]*" id="{card_id}".*?</section>', html, re.DOTALL)
    assert match, f"no card {card_id}"
    return match.group(0)


def count_of(html, element_id):
    match = re.search(rf'id="{element_id}"[^>]*>\s*<div[^>]*data-count="(\d+)"', html)
    assert match, f"no count {element_id}"
    return int(match.group(1))


def home(client):
    response = client.get(HOME)
    assert response.status_code == 200
    return response.content.decode()


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


# -- 收到的简历: since the previous visit ---------------------------------------------------------------

def test_applications_card_counts_new_undecided_and_interview_and_links_to_them(unit, employer):
    job = JobFactory(employer=employer, approved=True, title="后端开发工程师")
    deliver(job, ago=datetime.timedelta(days=10), name="老投递")  # older than the first-visit week
    deliver(job, name="张新一")
    deliver(job, Status.INTERVIEW, ago=datetime.timedelta(days=2), name="李新二")
    card = section(home(unit), "card-applications")
    assert count_of(card, "new-applications") == 2
    assert count_of(card, "undecided-applications") == 2  # 已投递, old or new
    assert count_of(card, "interview-applications") == 1
    assert "张新一" in card and "李新二" in card and "老投递" not in card
    assert "近 7 天" in card
    new_url = re.search(r'href="([^"]+)" id="new-applications"', card).group(1).replace("&amp;", "&")
    listed = unit.get(new_url).content.decode()
    assert "张新一" in listed and "李新二" in listed and "老投递" not in listed and 'id="since-filter"' in listed
    undecided = unit.get(reverse("company:application_list") + "?status=delivered").content.decode()
    assert "张新一" in undecided and "老投递" in undecided and "李新二" not in undecided


def test_second_visit_shows_no_new_applications_until_one_arrives(unit, employer):
    job = JobFactory(employer=employer, approved=True)
    deliver(job, name="张新一")
    assert count_of(section(home(unit), "card-applications"), "new-applications") == 1
    seen = UserPreference.objects.get(user=employer.user).get(KEY)
    assert seen
    card = section(home(unit), "card-applications")
    assert count_of(card, "new-applications") == 0
    assert 'id="no-new-applications"' in card and "自上次访问以来没有新的简历投递" in card
    assert count_of(card, "undecided-applications") == 1  # still waiting for a decision
    deliver(job, name="王新三", ago=datetime.timedelta(seconds=0))
    card = section(home(unit), "card-applications")
    assert count_of(card, "new-applications") == 1 and "王新三" in card and "张新一" not in card
    assert "自上次访问" in card


def test_first_visit_window_is_a_week(unit, employer):
    job = JobFactory(employer=employer, approved=True)
    deliver(job, ago=datetime.timedelta(days=6))
    deliver(job, ago=datetime.timedelta(days=8))
    assert count_of(section(home(unit), "card-applications"), "new-applications") == 1


# -- 我的职位: by state, expiring soon -----------------------------------------------------------------

def test_jobs_card_counts_every_state_and_lists_jobs_expiring_within_a_week(unit, employer):
    soon = JobFactory(employer=employer, approved=True, title="即将到期的职位", deadline=days(3))
    today = JobFactory(employer=employer, approved=True, title="今天截止的职位", deadline=days(0))
    JobFactory(employer=employer, approved=True, title="下个月截止的职位", deadline=days(30))
    JobFactory(employer=employer, title="待审核的职位")
    JobFactory(employer=employer, title="未通过的职位", review_status="rejected", review_note="请补充职责")
    JobFactory(employer=employer, approved=True, title="已过期的职位", deadline=days(-1))
    JobFactory(employer=employer, approved=True, title="已关闭的职位", closed_at=timezone.now())
    card = section(home(unit), "card-jobs")
    counts = dict(re.findall(r'data-state="(\w+)">\s*<div[^>]*>(\d+)</div>', card))
    assert counts == {"approved": "3", "waiting": "1", "re_review": "0", "rejected": "1", "expired": "1",
                      "closed": "1"}
    assert "1 个职位未通过审核" in card
    expiring = re.search(r'id="expiring-jobs">.*?</ul>', card, re.DOTALL).group(0)
    assert "即将到期的职位" in expiring and "今天截止的职位" in expiring and "下个月截止的职位" not in expiring
    assert days(3).strftime("%m-%d") + " 截止" in card and "今天截止" in card
    assert reverse("company:job_edit", args=[soon.pk]) in card and reverse("company:job_edit", args=[today.pk]) in card
    assert f'href="{reverse("company:job_list")}?status=rejected"' in card


# -- 招聘会: what is still missing -----------------------------------------------------------------------

def test_fairs_card_lists_what_is_missing_with_links_where_the_unit_fixes_it(unit, employer):
    fair = FairFactory(title="秋季双选会")
    p = ParticipationFactory(fair=fair, employer=employer, confirmed=True, amount_due=800)
    Order.objects.create(number="T1", participation=p, description="参会费用", amount_fen=80000)
    card = section(home(unit), "card-fairs")
    assert "秋季双选会" in card and "已确认" in card
    assert "回执未上传" in card and reverse("company_events:receipt", args=[fair.pk]) in card
    assert "未缴纳参会费用 800" in card and reverse("company_events:payment", args=[fair.pk]) in card
    assert "展位待学校分配" in card
    assert 'id="fairs-needs-action">2 项待办' in card

    # the proof is uploaded: now the school's move; a booth, the receipt: ready
    Order.objects.filter(participation=p).update(proof="fairs/proof.png")
    BoothFactory(participation=p, fair=fair, code="A07")
    p.receipt_file = "fairs/receipt.pdf"
    p.save(update_fields=["receipt_file"])
    card = section(home(unit), "card-fairs")
    assert "等待学校确认收款" in card and "展位 A07" in card and "回执未上传" not in card
    assert "展位待学校分配" not in card and "fairs-needs-action" not in card

    Order.objects.filter(participation=p).update(status="paid", paid_at=timezone.now())
    card = section(home(unit), "card-fairs")
    assert "参会准备已完成" in card and "待学校确认收款" not in card


def test_fairs_card_pending_application_lists_attendees_and_uploads_while_editable(unit, employer):
    fair = FairFactory(title="春季双选会", poster_method="image")
    ParticipationFactory(fair=fair, employer=employer, attendees=[], amount_due=0)
    card = section(home(unit), "card-fairs")
    assert "待确认" in card and "等待学校确认参会申请" in card
    apply_url = reverse("company_events:apply", args=[fair.pk])
    assert "未填写参会人员" in card and "未上传海报图片" in card and apply_url in card
    assert "缴纳参会费用" not in card  # nothing due
    ended = FairFactory(title="已结束的双选会", starts_at=timezone.now() - datetime.timedelta(days=3),
                        ends_at=timezone.now() - datetime.timedelta(days=2))
    ParticipationFactory(fair=ended, employer=employer, confirmed=True)
    withdrawn = FairFactory(title="已撤回的双选会")
    ParticipationFactory(fair=withdrawn, employer=employer, status="withdrawn")
    card = section(home(unit), "card-fairs")
    assert "已结束的双选会" not in card and "已撤回的双选会" not in card


# -- 宣讲会 --------------------------------------------------------------------------------------------

def test_talks_card_shows_upcoming_talks_with_their_state_and_what_to_do(unit, employer):
    pending = TalkFactory(employer=employer, title="秋季补录宣讲会")
    approved = TalkFactory(employer=employer, approved=True, title="校园招聘宣讲会")
    Registration.objects.create(talk=approved, student=StudentFactory())
    TalkFactory(employer=employer, title="销售岗位宣讲会", status="rejected", review_note="场地已被占用")
    TalkFactory(employer=employer, title="已取消的宣讲会", status="cancelled")
    past = TalkFactory(employer=employer, approved=True, title="上周的宣讲会",
                       starts_at=timezone.now() - datetime.timedelta(days=7))
    assert past.ends_at < timezone.now()
    card = section(home(unit), "card-talks")
    assert "秋季补录宣讲会" in card and "等待学校审核" in card
    assert "未选择招聘职位" in card and reverse("company_events:talk_edit", args=[pending.pk]) in card
    assert "校园招聘宣讲会" in card and "学生报名 1 人" in card
    assert "场地已被占用" in card and reverse("company_events:talk_apply") in card
    assert "已取消的宣讲会" not in card and "上周的宣讲会" not in card


# -- 站内消息 ------------------------------------------------------------------------------------------

def send(user, subject, read=False):
    message = Message.objects.create(subject=subject, body="正文", channels=["inbox"])
    now = timezone.now()
    return MessageDelivery.objects.create(message=message, recipient=user, channel="inbox",
                                          status=MessageDelivery.Status.SENT, sent_at=now,
                                          read_at=now if read else None)


def test_messages_card_counts_unread_inbox_messages(unit, employer):
    send(employer.user, "职位审核通过通知")
    send(employer.user, "招聘会确认通知")
    send(employer.user, "已读的旧通知", read=True)
    card = section(home(unit), "card-messages")
    assert re.search(r'id="unread-messages" data-count="2"', card)
    assert "职位审核通过通知" in card and "已读的旧通知" not in card
    assert reverse("core:inbox") in card


# -- another unit's data never appears ------------------------------------------------------------------

def test_another_units_data_never_appears(unit, employer):
    other = EmployerFactory(admitted=True, name="别家公司")
    job = JobFactory(employer=other, approved=True, title="别家的职位", deadline=days(2))
    deliver(job, name="别家的投递人")
    TalkFactory(employer=other, title="别家的宣讲会")
    fair = FairFactory(title="共同的双选会")
    ParticipationFactory(fair=fair, employer=other, confirmed=True)
    send(other.user, "别家的消息")
    html = home(unit)
    for text in ("别家的职位", "别家的投递人", "别家的宣讲会", "别家的消息", "别家公司"):
        assert text not in html
    assert "共同的双选会" not in section(html, "card-fairs")  # open for us to apply, not our participation
    assert 'id="open-fairs"' in section(html, "card-fairs")
    assert 'id="applications-empty"' in html and 'id="jobs-empty"' in html and 'id="no-unread-messages"' in html


# -- empty states ----------------------------------------------------------------------------------------

def test_empty_states_say_what_to_do_next(unit, employer):
    html = home(unit)
    jobs = section(html, "card-jobs")
    assert "还没有发布职位" in jobs and reverse("company:job_add") in jobs
    applications = section(html, "card-applications")
    assert "先发布职位" in applications and reverse("company:job_add") in applications
    talks = section(html, "card-talks")
    assert 'id="talks-empty"' in talks and reverse("company_events:talk_apply") in talks
    fairs = section(html, "card-fairs")
    assert 'id="fairs-empty"' in fairs and "没有正在接受申请的招聘会" in fairs
    assert 'id="no-unread-messages"' in section(html, "card-messages")


def test_unit_not_yet_admitted_sees_its_review_state_and_no_event_cards(client):
    employer = EmployerFactory(name="待审核公司")
    client.force_login(employer.user)
    html = home(client)
    assert 'id="employer-status" data-status="waiting"' in html and 'id="next-step"' in html
    assert 'id="card-jobs"' in html and 'id="card-applications"' in html
    assert 'id="card-talks"' not in html and 'id="card-fairs"' not in html  # their pages need admission


def test_not_an_employer_is_refused(client, school_admin):
    client.force_login(school_admin)
    assert client.get(HOME).status_code == 403


# -- bounded queries ---------------------------------------------------------------------------------

def _fill(employer, n):
    for i in range(n):
        job = JobFactory(employer=employer, approved=True, deadline=days(i % 7))
        JobFactory(employer=employer)
        deliver(job)
        deliver(job, Status.INTERVIEW, ago=datetime.timedelta(days=1))
        talk = TalkFactory(employer=employer, approved=True)
        Registration.objects.create(talk=talk, student=StudentFactory())
        TalkFactory(employer=employer)
        p = ParticipationFactory(employer=employer, confirmed=True, amount_due=800)
        BoothFactory(participation=p, fair=p.fair)
        Order.objects.create(number=f"Q{employer.pk}-{i}", participation=p, description="参会费用", amount_fen=80000)
        send(employer.user, f"通知{i}")


def _queries(client):
    client.get(HOME)  # the preference row exists from the second visit on
    with CaptureQueriesContext(connection) as captured:
        assert client.get(HOME).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_jobs_applications_events_or_messages(client, django_assert_max_num_queries):
    small, large = EmployerFactory(admitted=True), EmployerFactory(admitted=True)
    _fill(small, 1)
    _fill(large, 8)
    client.force_login(small.user)
    few = _queries(client)
    client.force_login(large.user)
    many = _queries(client)
    assert many == few
    with django_assert_max_num_queries(16):
        client.get(HOME)
