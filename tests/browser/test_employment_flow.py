"""就业信息 in a real browser at phone size: a student reports inside the 功能时间设置 window, picking a
fill-in template and an employer from the lookup; the college admin approves it."""

import datetime

import pytest
from django.utils import timezone

from careers.core.demo import DEMO_PASSWORD
from careers.core.review import ReviewStatus
from careers.employment.models import EmploymentRecord, ReportingWindow
from careers.students.models import Student
from tests.employment.conftest import credit_code
from tests.factories import EmployerFactory

pytestmark = pytest.mark.browser


def test_student_reports_employment_on_a_phone_and_admin_approves(browse, demo):
    student = (Student.objects.filter(major__college__name="信息工程学院", graduation_year=2027,
                                      employment__review_status=ReviewStatus.EMPTY)
               .select_related("user").first())
    # A registered (已入驻) unit, so the lookup can fill region, nature and industry. A student's lookup never
    # draws on other students' records (scoping denies by default).
    EmployerFactory(admitted=True, name="光谷星辰软件有限公司", credit_code=credit_code(42))
    now = timezone.now()
    ReportingWindow.objects.create(graduation_year=2027, function="employment",
                                   opens_at=now - datetime.timedelta(days=1), closes_at=now + datetime.timedelta(days=30))

    b = browse(phone=True)
    b.login(student.student_number, student.initial_password)
    fields = b.page.locator("main form input[type=password]")  # first login: choose a real password
    fields.nth(0).fill(student.initial_password)
    fields.nth(1).fill("Jiu#Ye2027x")
    fields.nth(2).fill("Jiu#Ye2027x")
    b.settle()
    with b.page.expect_navigation():
        b.page.click("main form button[type=submit]")
    b.page.wait_for_url("**/me/")
    b.page.click("#portal-employment")
    b.page.wait_for_url("**/me/employment/")
    b.page.click("#employment-report")
    b.page.wait_for_url("**/me/employment/report/")
    assert "填报截止时间" in b.page.locator("main").inner_text()

    # the template: 协议和合同就业 selects 签就业协议形式就业 and marks its required fields
    b.page.select_option("#id_fill_template", "contract")
    b.page.wait_for_selector("#template-note:has-text('协议和合同就业')")
    b.settle()
    assert b.page.locator("#id_destination option:checked").inner_text().endswith("签就业协议形式就业")

    # the lookup: two characters of the name, then pick the employer
    b.page.locator("#id_employer_name").press_sequentially("星辰软件", delay=30)
    hit = b.page.locator("[data-employer-hit]", has_text="光谷星辰软件有限公司")
    hit.wait_for()
    b.shot("employment-lookup-phone")
    hit.click()
    assert b.page.input_value("#id_employer_credit_code") == credit_code(42)
    assert "洪山区" in b.page.input_value("#id_employer_region")  # the region type-ahead, filled from the unit
    b.page.fill("#id_position", "软件开发工程师")
    b.page.fill("#id_placed_on", "2027-03-15")
    b.settle()
    with b.page.expect_navigation():
        b.page.click("#employment-submit")
    b.page.wait_for_url("**/me/employment/")
    assert "待审核" in b.page.locator("#employment-state").inner_text()
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling on a phone
    b.shot("employment-pending-phone")
    record = EmploymentRecord.objects.get(student=student)
    assert record.review_status == ReviewStatus.PENDING and record.pending_changes["position"] == "软件开发工程师"
    b.assert_clean()

    admin = browse()
    admin.login("20001", DEMO_PASSWORD)
    admin.goto(f"/employment/records/{record.pk}/edit/")
    assert "光谷星辰软件有限公司" in admin.page.locator("#pending-changes").inner_text()
    admin.shot("employment-review-admin")
    admin.settle()
    with admin.page.expect_navigation():
        admin.page.click("button[name=_action][value=approve]")
    record.refresh_from_db()
    assert record.review_status == ReviewStatus.APPROVED and record.employer_name == "光谷星辰软件有限公司"
    assert record.employer_region.code == "420111" and record.employer_credit_code == credit_code(42)
    admin.assert_clean()
