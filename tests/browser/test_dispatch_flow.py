"""派遣信息 in a real browser: a student reports on a phone inside the 功能时间设置 window
(receiving unit, region picker, 主管单位 type-ahead), then the college admin approves it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from careers.accounts.models import User
from careers.core.demo import DEMO_PASSWORD
from careers.employment.models import DispatchRecord, ReportingWindow
from careers.students.models import Student
from tests.browser.recruitment_steps import pick_region

pytestmark = pytest.mark.browser


def test_student_reports_dispatch_on_a_phone_and_the_admin_approves(browse, demo):
    student = Student.objects.filter(major__college__name="信息工程学院", graduation_year=2027,
                                     dispatch__review_status="empty").select_related("user").first()
    User.objects.filter(pk=student.user_id).update(must_change_password=False, initial_credential=False)
    user = User.objects.get(pk=student.user_id)
    user.set_password("Xue#Sheng2027")
    user.save()
    now = timezone.now()  # the window is open now, whatever day the suite runs
    ReportingWindow.objects.update_or_create(
        graduation_year=2027, function=ReportingWindow.Function.DISPATCH,
        defaults={"opens_at": now - timedelta(days=1), "closes_at": now + timedelta(days=30)})

    # 1. the student, on a phone: the home page links to 派遣信息; the report waits for review
    b = browse(phone=True)
    b.login(student.student_number, "Xue#Sheng2027")
    b.page.wait_for_url("**/me/")
    with b.page.expect_navigation():
        b.page.click("#portal-dispatch")
    assert "填报截止时间" in b.page.locator("#window-state").inner_text()
    b.page.check("input[name=kind][value=employer]")
    b.page.fill("#id_receiving_unit", "深圳蓝海智能制造股份有限公司")
    pick_region(b.page, "id_receiving_region", "深圳 南山", "广东省 深圳市 南山区")  # the region type-ahead
    b.page.fill("#id_supervising_authority_q", "深圳")
    b.page.click("[data-pick-authority]:has-text('深圳市人力资源和社会保障局')")
    b.page.fill("#id_report_address", "深圳市南山区科技园南区高新南七道18号")
    b.page.fill("#id_report_postal_code", "518057")
    b.settle()
    with b.page.expect_navigation():
        b.page.click("#dispatch-submit")
    assert "待审核" in b.page.locator("#review-state").inner_text()
    b.shot("student-dispatch-pending")
    record = DispatchRecord.objects.get(student=student)
    assert record.review_status == "pending" and record.kind == "origin"
    assert record.pending_changes["receiving_unit"] == "深圳蓝海智能制造股份有限公司"
    b.assert_clean()

    # 2. the college admin sees old → new and approves
    admin = browse()
    admin.login("20001", DEMO_PASSWORD)
    admin.goto(f"/employment/dispatch/{record.pk}/edit/")
    assert "深圳蓝海智能制造股份有限公司" in admin.page.locator("#pending-changes").inner_text()
    admin.shot("admin-review-dispatch")
    admin.settle()
    with admin.page.expect_navigation():
        admin.page.click("button[name=_action][value=approve]")
    record.refresh_from_db()
    assert record.review_status == "approved" and record.kind == "employer"
    assert record.receiving_region.code == "440305" and record.supervising_authority.name == "深圳市人力资源和社会保障局"
    assert record.report_postal_code == "518057"
    admin.assert_clean()

    # 3. the student sees the approved record
    b.goto("/me/dispatch/")
    assert "派遣信息已审核" in b.page.locator("#review-state").inner_text()
    b.assert_clean()
