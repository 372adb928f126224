"""待办事项 on the back-office home: scoped counts, permissions, links that show exactly the counted rows,
the empty state, and a bounded number of queries."""

import datetime
import itertools

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from careers.core.models import Job as BackgroundJob
from careers.core.permissions import registry
from careers.core.workqueue import WORK_ITEMS, pending_work
from careers.employment.models import DispatchRecord, EmploymentRecord, ReportingWindow
from careers.events.models import Order
from careers.recruitment.models import AccountAppeal
from careers.students.models import MajorTransfer, Student
from tests.factories import (EmployerFactory, JobFactory, ParticipationFactory, StudentFactory, TalkFactory,
                             UserFactory)

pytestmark = pytest.mark.django_db
HOME = "/"
_numbers = itertools.count(1)


def counts(user):
    request = RequestFactory().get(HOME)
    request.user = user
    return {work.key: work.count for work in pending_work(request)}


def rows_shown(client, url):
    """The rows the linked list shows (the table's whole filtered queryset, or the task list's rows)."""
    response = client.get(url)
    assert response.status_code == 200, url
    if "table" in response.context:
        return len(response.context["table"].data)
    return len(response.context["jobs"])


def make_order(participation, **fields):
    return Order.objects.create(number=f"WQ{next(_numbers):06d}", participation=participation, description="展位费",
                                amount_fen=80000, **fields)


def add_pending(org, requester, n=1):
    """`n` rows of every kind that waits on an admin, in both colleges where the row has a scope."""
    students = org["students"]
    for _ in range(n):
        for key in ("a1", "b1"):
            StudentFactory(major=org["majors"][key], review_status=Student.ReviewStatus.PENDING)
        EmployerFactory()  # 等待审核
        EmployerFactory(admitted=True, review_status="pending")  # 待复审
        AccountAppeal.objects.create(employer=EmployerFactory(admitted=True), unit_name="申诉单位",
                                     credit_code="91420100000000001X", contact_person="李新", phone="13912345678",
                                     email="hr@example.cn", licence="appeals/licence.png", reason="无法登录")
        JobFactory()  # 待审核
        JobFactory(approved=True, review_status="pending")  # 待复审
        TalkFactory()
        participation = ParticipationFactory()
        make_order(participation, proof="fairs/proof.png")  # waits for the school's confirmation
        BackgroundJob.objects.create(kind="export", label="导出生源信息", status=BackgroundJob.Status.SUCCEEDED,
                                     created_by=requester, finished_at=timezone.now())
    DispatchRecord.objects.filter(student__in=[students["a1"], students["b1"]]).update(review_status="pending")
    EmploymentRecord.objects.filter(student__in=[students["a2"], students["b2"]]).update(review_status="pending")


@pytest.fixture
def pending(org, school_admin, college_admin):
    """Pending rows of every kind, plus rows that look alike but wait on nobody (or on someone else)."""
    add_pending(org, school_admin)
    majors, students = org["majors"], org["students"]
    # Pending, but no longer 在读: the lists leave them out, so do the counts.
    StudentFactory(major=majors["a2"], review_status=Student.ReviewStatus.PENDING, is_active=False)
    # Another graduation year still waits (the link lifts the list's operating-year default).
    StudentFactory(major=majors["a2"], review_status=Student.ReviewStatus.PENDING, graduation_year=2025)
    # Transfers: into college A (A decides), out of A requested by A's admin (B decides), within B.
    MajorTransfer.objects.create(student=students["b1"], from_major=majors["b1"], from_year=2027, to_major=majors["a1"],
                                 to_year=2027, reason="转入甲院")
    MajorTransfer.objects.create(student=students["a2"], from_major=majors["a2"], from_year=2027, to_major=majors["b2"],
                                 to_year=2027, reason="转出甲院", requested_by=college_admin)
    MajorTransfer.objects.create(student=students["b2"], from_major=majors["b2"], from_year=2027, to_major=majors["b1"],
                                 to_year=2027, reason="乙院内部")
    MajorTransfer.objects.create(student=students["a1"], from_major=majors["a1"], from_year=2027, to_major=majors["a2"],
                                 to_year=2027, reason="已审核", status=MajorTransfer.Status.APPROVED)
    # Reporting windows: one closes in 3 days, one in a month, one has closed.
    now = timezone.now()
    ReportingWindow.objects.create(graduation_year=2027, function="dispatch", opens_at=now - datetime.timedelta(days=9),
                                   closes_at=now + datetime.timedelta(days=3))
    ReportingWindow.objects.create(graduation_year=2027, function="employment",
                                   opens_at=now - datetime.timedelta(days=9), closes_at=now + datetime.timedelta(days=30))
    ReportingWindow.objects.create(graduation_year=2026, function="dispatch", opens_at=now - datetime.timedelta(days=60),
                                   closes_at=now - datetime.timedelta(days=1))
    # Orders that need no confirmation: no proof yet, proof sent back, already paid.
    participation = ParticipationFactory(confirmed=True)
    make_order(participation)
    make_order(participation, proof="fairs/p.png", proof_note="金额不符")
    make_order(participation, proof="fairs/p.png", status="paid")
    # Background jobs: finished two days ago, still running, someone else's.
    BackgroundJob.objects.create(kind="export", label="旧导出", status=BackgroundJob.Status.SUCCEEDED,
                                 created_by=school_admin, finished_at=now - datetime.timedelta(days=2))
    BackgroundJob.objects.create(kind="import.check", label="导入中", status=BackgroundJob.Status.RUNNING,
                                 created_by=school_admin)
    BackgroundJob.objects.create(kind="export", label="别人的导出", status=BackgroundJob.Status.FAILED,
                                 created_by=college_admin, finished_at=now)


def test_every_item_names_real_permissions_and_a_list():
    codes = registry.all_codes()
    for key, item in WORK_ITEMS.items():
        assert set(item.permissions) <= codes, key
        assert item.url.startswith("/"), key


def test_school_admin_sees_every_kind_school_wide(pending, school_admin):
    assert counts(school_admin) == {
        "core.jobs_finished": 1,
        "students.student_review": 3,  # a1, b1, and the 2025 one; not the inactive one
        "students.transfer_review": 3,  # every pending transfer
        "employment.dispatch_review": 2,
        "employment.employment_review": 2,
        "employment.windows_closing": 1,
        "recruitment.employer_review": 1,
        "recruitment.employer_re_review": 1,
        "recruitment.appeals": 1,
        "recruitment.job_review": 1,
        "recruitment.job_re_review": 1,
        "events.talk_review": 1,
        "events.participation_review": 1,
        "events.payment_confirm": 1,
    }


def test_college_admin_counts_only_their_majors(pending, college_admin):
    found = counts(college_admin)
    assert found["students.student_review"] == 2  # a1 and the 2025 a2 student; never college B's
    assert found["employment.dispatch_review"] == 1
    assert found["employment.employment_review"] == 1
    # only the transfer into college A: not A's own outgoing request, not B's internal one
    assert found["students.transfer_review"] == 1
    assert found["core.jobs_finished"] == 1  # their own failed export, not the school admin's


@pytest.mark.parametrize("who", ["school_admin", "college_admin"])
def test_each_link_shows_exactly_the_counted_rows(pending, request, client, who):
    user = request.getfixturevalue(who)
    client.force_login(user)
    found = counts(user)
    assert found
    for key, count in found.items():
        assert rows_shown(client, WORK_ITEMS[key].url) == count, key


def test_college_admin_link_never_shows_another_colleges_student(pending, client, college_admin, org):
    client.force_login(college_admin)
    table = client.get(WORK_ITEMS["students.student_review"].url).context["table"]
    colleges = {student.major.college_id for student in table.data}
    assert colleges == {org["college_a"].pk}


def test_transfer_link_lists_only_what_the_admin_may_decide(pending, client, college_admin, org):
    client.force_login(college_admin)
    table = client.get(WORK_ITEMS["students.transfer_review"].url).context["table"]
    assert [t.to_major_id for t in table.data] == [org["majors"]["a1"].pk]


def test_an_item_needs_every_permission_it_names(pending, org):
    reader = UserFactory(username="reader")
    reader.set_permissions(["students.student.view", "employment.dispatchrecord.view",
                            "employment.dispatchrecord.review", "events.talk.review"])
    reader.save()
    reader.managed_majors.set(org["majors"].values())
    found = counts(reader)
    assert "students.student_review" not in found  # may read 生源信息, not review it
    assert "events.talk_review" not in found  # may review talks, not open their list
    assert found["employment.dispatch_review"] == 2


def test_home_shows_the_card_first_with_links_and_counts(pending, client, school_admin):
    client.force_login(school_admin)
    html = client.get(HOME).content.decode()
    assert html.index('id="workqueue"') < html.index("届毕业生人数")  # before the other cards
    assert "待办事项" in html and "目前没有待处理的事项" not in html
    assert f'href="{WORK_ITEMS["students.student_review"].url.replace("&", "&amp;")}"' in html
    assert 'data-work="events.payment_confirm"' in html
    assert "学生信息管理" in html and "宣讲会与招聘会" in html


def test_empty_state(org, client, school_admin):
    client.force_login(school_admin)
    html = client.get(HOME).content.decode()
    assert 'id="workqueue"' in html
    assert "目前没有待处理的事项" in html
    assert "data-work=" not in html


def test_home_no_longer_repeats_the_sidebar_as_tiles(org, client, school_admin):
    client.force_login(school_admin)
    html = client.get(HOME).content.decode()
    student_list = reverse("students:student_list")
    assert html.count(f'href="{student_list}"') == 1  # the sidebar's link only
    assert "尚未分配任何菜单权限，请联系学校管理员开通" not in html


def test_account_without_menus_is_told_so(db, client):
    nobody = UserFactory(username="nomenu")
    client.force_login(nobody)
    html = client.get(HOME).content.decode()
    assert "您的账号尚未分配任何菜单权限" in html
    assert "目前没有待处理的事项" in html


def home_queries(client):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(HOME).status_code == 200
    return len(ctx)


@pytest.mark.parametrize("who", ["school_admin", "college_admin"])
def test_home_query_count_is_bounded_and_does_not_grow(org, request, client, who, django_assert_max_num_queries):
    user = request.getfixturevalue(who)
    client.force_login(user)
    add_pending(org, user)
    home_queries(client)  # warm caches (sessions, preferences)
    before = home_queries(client)
    add_pending(org, user, n=5)
    # one COUNT per visible item, plus the page's own (session, account, cards): the same with more rows
    with django_assert_max_num_queries(len(WORK_ITEMS) + 10):
        after = home_queries(client)
    assert after == before
