"""协议书 in a real browser: a student applies (首次申请) on a phone, the school admin ticks the application and
批量审核打印s it (识别号 + 协议书起始号); the number reaches the student's page and 就业信息."""

import pytest

from careers.accounts.models import User
from careers.core.demo import DEMO_PASSWORD
from careers.employment.agreements.actions import next_number
from careers.employment.models import AgreementApplication, EmploymentRecord
from careers.students.models import Student

pytestmark = pytest.mark.browser


def test_student_applies_on_a_phone_and_the_school_prints_it(browse, demo):
    student = (Student.objects.filter(major__college__name="信息工程学院", user__isnull=False,
                                      agreement_applications__isnull=True, agreement_numbers__isnull=True,
                                      online_agreements__isnull=True)  # 网上签约 excludes a paper application
               .select_related("user").order_by("-graduation_year", "student_number").first())
    User.objects.filter(pk=student.user_id).update(must_change_password=False, initial_credential=False)
    user = User.objects.get(pk=student.user_id)
    user.set_password("Xue#Sheng2027")
    user.save()

    # 1. the student, on a phone: the hub card leads to 就业协议书; only 首次申请 is offered
    b = browse(phone=True)
    b.login(student.student_number, "Xue#Sheng2027")
    b.page.wait_for_url("**/me/")
    with b.page.expect_navigation():
        b.page.click("#hub-agreements-link")
    b.check_accessibility()
    with b.page.expect_navigation():
        b.page.click("#agreement-apply-link")
    assert b.page.locator("input[name=kind]").count() == 1
    assert b.page.locator("input[name=kind][value=first]").is_checked()
    b.check_accessibility()
    b.shot("student-agreement-apply")
    with b.page.expect_navigation():
        b.page.click("#agreement-submit")
    assert "待审核" in b.page.locator("#agreement-open").inner_text()
    application = AgreementApplication.objects.get(student=student)
    assert application.status == "pending" and application.kind == "first"
    b.assert_clean()

    # 2. the school admin ticks it and 批量审核打印s it from the next free number
    start = next_number() or "2026000001"
    admin = browse()
    admin.login("10001", DEMO_PASSWORD)
    admin.goto(f"/employment/agreements/?q={student.student_number}&student__graduation_year={student.graduation_year}")
    admin.check_accessibility()
    admin.page.check(f"input[name=pk][value='{application.pk}']")
    with admin.page.expect_navigation():
        admin.page.click("[data-print-batch]")
    admin.page.fill("#id_batch_label", "浏览器批次")
    assert admin.page.input_value("#id_start") == start  # offered: the next number of the series
    admin.check_accessibility()
    with admin.page.expect_navigation():
        admin.page.click("button[name=_confirm]")
    admin.page.wait_for_url("**/tasks/**")
    application.refresh_from_db()
    assert application.status == "printed" and application.number.number == start
    assert EmploymentRecord.objects.get(student=student).agreement_number == start
    admin.goto(f"/employment/agreements/{application.pk}/agreement/")
    assert start in admin.page.locator(".agreement-number").inner_text()
    admin.shot("admin-agreement-print")
    admin.assert_clean()

    # 3. the student sees the number
    b.goto("/me/agreements/")
    assert start in b.page.locator("#agreement-numbers").inner_text()
    b.assert_clean()
