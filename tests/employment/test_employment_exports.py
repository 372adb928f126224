"""Field-selectable export of 就业信息 and the 未就业名单 with reasons: scoped, filtered, bounded."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.core.scoping import SYSTEM
from careers.core.models import OperationLog
from careers.core.review import ReviewStatus
from careers.employment.outcomes import actions
from careers.employment.models import EmploymentRecord
from careers.employment.outcomes.unemployed import reason, unemployed_students
from tests.employment.conftest import code, contract_values, report, study_values
from tests.factories import StudentFactory

pytestmark = pytest.mark.django_db


def csv_rows(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.fixture
def placed(org, school_admin):
    """a1 signed a contract (approved), a2 is 待就业 (approved), b1 studies on (approved); b2 has nothing."""
    a1, a2, b1 = (org["students"][k].employment for k in ("a1", "a2", "b1"))
    actions.admin_update(a1, contract_values(), acting_user=school_admin)
    actions.admin_update(a2, {"destination": code("destination", "70")}, acting_user=school_admin)
    actions.admin_update(b1, study_values(), acting_user=school_admin)
    return org


def test_employment_export_chosen_fields_in_scope(client, college_admin, placed):
    client.force_login(college_admin)
    url = reverse("employment:employmentrecord_export") + "?student__graduation_year=2027"
    page = client.get(url).content.decode()
    assert "毕业去向代码" in page and "统一社会信用代码" in page
    rows = csv_rows(client.post(url, {"format": "csv", "fields_chosen": [
        "student_number", "destination_code", "destination", "employer_credit_code", "employer_region_code"]}))
    assert rows[0] == ["学号", "毕业去向代码", "毕业去向", "统一社会信用代码", "单位所在地代码"]
    numbers = {row[0] for row in rows[1:]}
    assert numbers == {placed["students"]["a1"].student_number, placed["students"]["a2"].student_number}
    a1 = next(r for r in rows if r[0] == placed["students"]["a1"].student_number)
    assert a1[1:] == ["10", "签就业协议形式就业", contract_values()["employer_credit_code"], "420111"]
    assert OperationLog.objects.filter(action="export", message__contains="就业信息").exists()


def test_employment_export_respects_filters_including_review_time(client, school_admin, placed):
    b1 = placed["students"]["b1"].employment
    EmploymentRecord.objects.filter(pk=b1.pk).update(reviewed_at="2027-01-05T10:00:00+08:00")
    client.force_login(school_admin)
    url = reverse("employment:employmentrecord_export") + "?student__graduation_year=2027&reviewed_from=2027-01-01&reviewed_to=2027-01-31"
    rows = csv_rows(client.post(url, {"format": "csv", "fields_chosen": ["student_number"]}))
    assert [r[0] for r in rows[1:]] == [placed["students"]["b1"].student_number]
    rows = csv_rows(client.post(reverse("employment:employmentrecord_export") + "?student__graduation_year=2027&category=升学",
                                {"format": "csv", "fields_chosen": ["student_number", "employer_name"]}))
    assert rows[1:] == [[placed["students"]["b1"].student_number, "武汉大学"]]


def test_unemployed_reasons(placed, org, college_admin):
    b2 = org["students"]["b2"]
    extra = [StudentFactory(major=org["majors"]["b2"]) for _ in range(4)]
    report(extra[0].employment, contract_values())
    actions.submit_report(extra[1].employment, contract_values())
    actions.reject(extra[1].employment, reason="缺少协议书", acting_user=SYSTEM)
    EmploymentRecord.objects.filter(student=extra[2]).delete()
    extra[3].is_active = False
    extra[3].save()
    reasons = {s.pk: reason(s) for s in unemployed_students()}
    assert placed["students"]["a1"].pk not in reasons and placed["students"]["b1"].pk not in reasons
    assert reasons[placed["students"]["a2"].pk] == "去向“待就业”不计入落实率"
    assert reasons[b2.pk] == "未填报"
    assert reasons[extra[0].pk].startswith("待审核")
    assert reasons[extra[1].pk] == "未通过审核：缺少协议书"
    assert reasons[extra[2].pk].startswith("无就业记录")
    assert extra[3].pk not in reasons  # not 在读


def test_unemployed_list_is_scoped_with_reasons(client, college_admin, placed):
    client.force_login(college_admin)
    body = client.get(reverse("employment:unemployed_list"), {"graduation_year": 2027}).content.decode()
    assert placed["students"]["a2"].student_number in body and "不计入落实率" in body
    assert placed["students"]["a1"].student_number not in body
    assert placed["students"]["b2"].student_number not in body  # out of scope
    body = client.get(reverse("employment:unemployed_list"), {"reason": "empty", "graduation_year": 2027}).content.decode()
    assert placed["students"]["a2"].student_number not in body


def test_unemployed_export_in_scope_with_reason(client, college_admin, school_admin, placed):
    url = reverse("employment:unemployed_export") + "?graduation_year=2027"
    client.force_login(college_admin)
    rows = csv_rows(client.post(url, {"format": "csv", "fields_chosen": ["student_number", "reason"]}))
    assert rows == [["学号", "原因"], [placed["students"]["a2"].student_number, "去向“待就业”不计入落实率"]]
    client.force_login(school_admin)
    rows = csv_rows(client.post(url, {"format": "csv", "fields_chosen": ["student_number", "reason"]}))
    assert {r[0] for r in rows[1:]} == {placed["students"]["a2"].student_number,
                                        placed["students"]["b2"].student_number}


def test_unemployed_export_needs_the_export_permission(client, org):
    from tests.factories import UserFactory

    user = UserFactory(username="viewonly", permissions=["employment.unemployed.view"])
    user.managed_majors.set(org["majors"].values())
    client.force_login(user)
    assert client.get(reverse("employment:unemployed_list")).status_code == 200
    assert client.get(reverse("employment:unemployed_export")).status_code == 403


@pytest.mark.parametrize("name", ["employment:employmentrecord_list", "employment:unemployed_list"])
def test_lists_query_count_is_bounded(client, school_admin, org, name):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name), {"per_page": 200, "graduation_year": "",
                                              "student__graduation_year": ""}).status_code == 200
        return len(ctx)

    client.force_login(school_admin)
    count()
    before = count()
    for i in range(20):
        student = StudentFactory(major=org["majors"]["a1"])
        if i % 2:
            actions.submit_report(student.employment, contract_values())
    assert count() == before <= 15


def test_edit_page_query_count_is_bounded(client, school_admin, pending_a):
    client.force_login(school_admin)
    url = reverse("employment:employmentrecord_edit", kwargs={"pk": pending_a.pk})
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    assert len(ctx) <= 25
    assert pending_a.review_status == ReviewStatus.PENDING
