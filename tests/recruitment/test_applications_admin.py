"""简历投递管理 (back office): scoped list, filters, detail, export; the market counter; the demo seed."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.core.permissions import registry
from careers.recruitment.applications.actions import deliver
from careers.recruitment.models import Application
from careers.reports.market import REGISTRY, Period
from tests.factories import JobFactory, StudentFactory, UserFactory
from tests.recruitment.test_applications import make_resume
from tests.studentfiles.helpers import private_media, student_account  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def deliveries(org, private_media):  # noqa: F811
    job_a = JobFactory(approved=True, title="数据分析师")
    job_b = JobFactory(approved=True, title="会计助理")
    result = {}
    for key, job in (("a1", job_a), ("b1", job_b)):
        s = org["students"][key]
        student_account(s)
        result[key] = deliver(s, job.pk, make_resume(s).pk, notify=False)
    return result


def test_menu_and_export_permission_are_registered():
    codes = registry.all_codes()
    assert {"recruitment.application.view", "recruitment.application.export"} <= codes
    assert registry.menu_label("recruitment.application.view") == "简历投递管理"


def test_college_admin_sees_only_managed_majors(client, college_admin, deliveries, org):
    client.force_login(college_admin)
    body = client.get(reverse("recruitment:application_list"), {"graduation_year": ""}).content.decode()
    assert org["students"]["a1"].student_number in body and org["students"]["b1"].student_number not in body
    assert client.get(reverse("recruitment:application_detail", args=[deliveries["b1"].pk])).status_code == 404
    detail = client.get(reverse("recruitment:application_detail", args=[deliveries["a1"].pk])).content.decode()
    assert "数据分析师" in detail and "某大学" in detail


def test_filters(client, school_admin, deliveries, org):
    client.force_login(school_admin)
    url = reverse("recruitment:application_list")
    a1, b1 = org["students"]["a1"].student_number, org["students"]["b1"].student_number

    def listed(**params):
        body = client.get(url, {"graduation_year": "", **params}).content.decode()
        return {n for n in (a1, b1) if n in body}

    assert listed() == {a1, b1}
    assert listed(job_keyword="会计") == {b1}
    assert listed(employer_name=deliveries["a1"].employer.name) == {a1}
    assert listed(college=org["college_a"].pk) == {a1}
    assert listed(major=org["majors"]["b1"].pk) == {b1}
    Application.objects.filter(pk=deliveries["b1"].pk).update(status="offer")
    assert listed(status="offer") == {b1}
    assert listed(delivered_after="2099-01-01") == set()
    assert listed(graduation_year="2027") == {a1, b1}
    body = client.get(url, {"delivered_after": "not-a-date"}).content.decode()
    assert "投递日期起" in body and a1 not in body


def test_no_permission_no_access(client, deliveries, org):
    user = UserFactory(username="noapp", permissions=["students.student.view"])
    user.managed_majors.set(org["majors"].values())
    client.force_login(user)
    assert client.get(reverse("recruitment:application_list")).status_code == 403
    assert client.get(reverse("recruitment:application_detail", args=[deliveries["a1"].pk])).status_code == 403
    assert client.post(reverse("recruitment:application_export"), {"format": "csv"}).status_code == 403


def test_export_is_field_selectable_and_scoped(client, college_admin, deliveries, org):
    client.force_login(college_admin)
    url = reverse("recruitment:application_export") + "?graduation_year="
    form = client.get(url).content.decode()
    assert "职位" in form and "用人单位" in form
    response = client.post(url, {"format": "csv", "fields_chosen": ["student_number", "job", "status", "resume_title"]})
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert content.splitlines()[0] == "学号,职位,简历名称,状态"
    assert "软件开发简历" in content
    assert org["students"]["a1"].student_number in content and "已投递" in content
    assert org["students"]["b1"].student_number not in content


def test_list_query_count_is_bounded(client, school_admin, deliveries, org):
    client.force_login(school_admin)
    url = reverse("recruitment:application_list")
    client.get(url, {"graduation_year": "", "per_page": 200})
    with CaptureQueriesContext(connection) as few:
        client.get(url, {"graduation_year": "", "per_page": 200})
    for i in range(10):
        s = StudentFactory(major=org["majors"]["a2"])
        deliver(s, JobFactory(approved=True).pk, make_resume(s).pk, notify=False)
    with CaptureQueriesContext(connection) as many:
        client.get(url, {"graduation_year": "", "per_page": 200})
    assert len(many) == len(few) <= 15


def test_market_counter_is_scoped_and_grouped(deliveries, college_admin, school_admin):
    counter = REGISTRY["applications"]
    assert counter.label == "简历投递"
    assert counter.count(Period(user=school_admin)) == 2
    assert counter.count(Period(user=college_admin)) == 1
    assert counter.count(Period()) == 0  # no viewer, no student-linked data
    by_region = counter.count(Period(user=school_admin), "region")
    assert by_region == {"湖北省": 2}
    assert sum(counter.count(Period(user=school_admin), "industry").values()) == 2


def test_market_page_shows_the_figure(client, school_admin, deliveries):
    client.force_login(school_admin)
    body = client.get(reverse("reports:market")).content.decode()
    assert "简历投递" in body


def test_demo_seed_is_idempotent_and_tolerant(org, private_media):  # noqa: F811
    from careers.recruitment.applications import demo as demo_applications

    demo_applications.seed(random.Random(1), [2027])  # no jobs: nothing happens
    assert not Application.objects.exists()
    for _ in range(2):
        JobFactory(approved=True)
    for s in org["students"].values():
        student_account(s)
    demo_applications.seed(random.Random(1), [2027])
    count = Application.objects.count()
    assert count == 4 and len(set(Application.objects.values_list("status", flat=True))) >= 3
    demo_applications.seed(random.Random(1), [2027])
    assert Application.objects.count() == count
