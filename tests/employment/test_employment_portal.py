"""学生中心 › 就业信息: own record only, the 功能时间设置 window, the report round trip."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.accounts.models import User
from careers.core.review import ReviewStatus
from careers.employment.outcomes import actions
from careers.employment.models import EmploymentRecord, ReportingWindow
from tests.employment.conftest import contract_values, form_data
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def student_a(org):
    student = org["students"]["a1"]
    student.user = UserFactory(username=student.student_number, name=student.name, kind=User.Kind.STUDENT)
    student.save()
    return student


def window(year, *, opens, closes):
    now = timezone.now()
    return ReportingWindow.objects.create(graduation_year=year, function="employment",
                                          opens_at=now + datetime.timedelta(days=opens),
                                          closes_at=now + datetime.timedelta(days=closes))


def test_home_card_links_to_the_employment_page(client, student_a):
    client.force_login(student_a.user)
    assert reverse("employment_portal:employment_home") in client.get(reverse("portal:home")).content.decode()


def test_report_round_trip_then_admin_approves(client, student_a, college_admin):
    client.force_login(student_a.user)
    url = reverse("employment_portal:employment_report")
    page = client.get(url).content.decode()
    assert "填写模板" in page and 'name="fill_template"' in page
    response = client.post(url, form_data(contract_values()))
    assert response.status_code == 302
    record = EmploymentRecord.objects.get(student=student_a)
    assert record.review_status == ReviewStatus.PENDING and record.destination is None  # approved values untouched
    assert record.pending_changes["employer_name"] == "武汉光谷软件有限公司"
    home = client.get(reverse("employment_portal:employment_home")).content.decode()
    assert "待审核" in home and "武汉光谷软件有限公司" in home

    actions.approve(record, acting_user=college_admin)
    home = client.get(reverse("employment_portal:employment_home")).content.decode()
    assert "已审核" in home and "洪山区" in home


def test_rejection_note_is_shown_and_report_can_be_resubmitted(client, student_a, college_admin):
    record = student_a.employment
    actions.submit_report(record, contract_values())
    actions.reject(record, reason="协议书编号缺失", acting_user=college_admin)
    client.force_login(student_a.user)
    assert "协议书编号缺失" in client.get(reverse("employment_portal:employment_home")).content.decode()
    assert "协议书编号缺失" in client.get(reverse("employment_portal:employment_report")).content.decode()
    client.post(reverse("employment_portal:employment_report"), form_data(contract_values(agreement_number="A1")))
    record.refresh_from_db()
    assert record.review_status == ReviewStatus.PENDING and record.review_note == ""


def test_invalid_report_shows_field_errors(client, student_a):
    client.force_login(student_a.user)
    data = form_data(contract_values(employer_credit_code="91420100000000007X"))
    response = client.post(reverse("employment_portal:employment_report"), data)
    assert response.status_code == 400 and "校验码" in response.content.decode()
    assert EmploymentRecord.objects.get(student=student_a).review_status == ReviewStatus.EMPTY


def test_closed_window_hides_the_form_and_says_why(client, student_a):
    window(2027, opens=-30, closes=-1)
    client.force_login(student_a.user)
    home = client.get(reverse("employment_portal:employment_home")).content.decode()
    assert "已于" in home and "截止" in home and 'id="employment-report"' not in home
    page = client.get(reverse("employment_portal:employment_report")).content.decode()
    assert "截止" in page and 'name="destination"' not in page
    client.post(reverse("employment_portal:employment_report"), form_data(contract_values()))
    assert EmploymentRecord.objects.get(student=student_a).review_status == ReviewStatus.EMPTY


def test_window_not_yet_open_says_when(client, student_a):
    window(2027, opens=3, closes=30)
    client.force_login(student_a.user)
    assert "将于" in client.get(reverse("employment_portal:employment_home")).content.decode()


def test_open_window_accepts_reports_and_shows_the_deadline(client, student_a):
    window(2027, opens=-1, closes=10)
    client.force_login(student_a.user)
    assert "填报截止时间" in client.get(reverse("employment_portal:employment_report")).content.decode()
    assert client.post(reverse("employment_portal:employment_report"),
                       form_data(contract_values())).status_code == 302


def test_action_refuses_outside_the_window(student_a):
    window(2027, opens=-30, closes=-1)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="截止"):
        actions.submit_report(student_a.employment, contract_values())


def test_same_values_as_approved_withdraw_the_pending_report(student_a, school_admin):
    record = student_a.employment
    actions.admin_update(record, contract_values(), acting_user=school_admin)
    actions.submit_report(record, contract_values(position="架构师"))
    record.refresh_from_db()
    assert record.review_status == ReviewStatus.PENDING
    assert actions.submit_report(record, contract_values()) == {}
    record.refresh_from_db()
    assert record.review_status == ReviewStatus.APPROVED and record.pending_changes == {}


def test_fragments_for_the_form(client, student_a):
    client.force_login(student_a.user)
    body = client.get(reverse("employment_portal:employment_template"), {"fill_template": "startup"},
                      HTTP_HX_TRIGGER_NAME="fill_template").content.decode()
    assert "创业企业名称" in body and "营业执照" in body


def test_only_students_and_only_their_own_record(client, org, student_a, college_admin):
    client.force_login(college_admin)
    assert client.get(reverse("employment_portal:employment_home")).status_code == 403
    other = org["students"]["a2"]
    other.user = UserFactory(username=other.student_number, kind=User.Kind.STUDENT)
    other.save()
    client.force_login(other.user)
    client.post(reverse("employment_portal:employment_report"), form_data(contract_values()))
    assert EmploymentRecord.objects.get(student=other).review_status == ReviewStatus.PENDING
    assert EmploymentRecord.objects.get(student=student_a).review_status == ReviewStatus.EMPTY
