"""网上签约 in a real browser: a student on a phone fills the three-party agreement and sends it to the demo
unit (type-ahead), the unit confirms it in /company/, the school admin approves it with the next number."""

import datetime

import pytest
from django.utils import timezone

from careers.accounts.models import User
from careers.core.demo import DEMO_PASSWORD, demo_credit_code
from careers.employment.agreements.models import OnlineAgreement
from careers.employment.models import EmploymentRecord
from careers.recruitment.employers.models import Employer
from careers.students.models import Student
from tests.browser.recruitment_steps import pick_region

pytestmark = pytest.mark.browser


def test_student_signs_online_the_unit_confirms_the_school_approves(browse, demo):
    student = (Student.objects.filter(major__college__name="信息工程学院", user__isnull=False,
                                      agreement_applications__isnull=True, agreement_numbers__isnull=True,
                                      online_agreements__isnull=True)
               .select_related("user").order_by("-graduation_year", "student_number").first())
    User.objects.filter(pk=student.user_id).update(must_change_password=False, initial_credential=False)
    user = User.objects.get(pk=student.user_id)
    user.set_password("Xue#Sheng2027")
    user.save()

    # 1. the student, on a phone: 就业协议书 → 网上签约, the unit from the type-ahead, the terms, 提交
    b = browse(phone=True)
    b.login(student.student_number, "Xue#Sheng2027")
    b.page.wait_for_url("**/me/")
    b.goto("/me/agreements/")
    with b.page.expect_navigation():
        b.page.click("#signing-start-link")
    b.check_accessibility()
    unit_row = Employer.objects.get(credit_code=demo_credit_code(1))
    if b.page.locator("#id_employer").get_attribute("role") == "combobox":  # > 200 admitted units
        pick_region(b.page, "id_employer", "星辰", unit_row.name)
    else:
        b.page.select_option("#id_employer", str(unit_row.pk))
    b.page.fill("#id_job_title", "嵌入式开发工程师")
    pick_region(b.page, "id_work_region", "洪山", "湖北省 武汉市 洪山区")
    b.page.fill("#id_contract_period", "3 年")
    b.page.fill("#id_salary", "月薪 9000 元")
    b.page.fill("#id_start_date", (timezone.localdate() + datetime.timedelta(days=60)).isoformat())
    b.shot("student-signing-form-phone")
    with b.page.expect_navigation():
        b.page.click("#signing-form-submit")
    assert "待单位确认" in b.page.locator("#signing-status").inner_text()
    agreement = OnlineAgreement.objects.get(student=student)
    b.check_accessibility()
    b.assert_clean()

    # 2. the unit confirms in its portal (经办人 prefilled from its profile)
    unit = browse()
    unit.login(demo_credit_code(1), DEMO_PASSWORD)
    unit.goto("/company/agreements/")
    with unit.page.expect_navigation():
        unit.page.click(f"a[href='/company/agreements/{agreement.pk}/']")
    unit.check_accessibility()
    unit.page.check("#id_confirm-agree")
    with unit.page.expect_navigation():
        unit.page.click("#signing-confirm")
    assert "待学校审核" in unit.page.locator("#signing-status").inner_text()
    unit.assert_clean()

    # 3. the school approves with the offered next number
    admin = browse()
    admin.login("10001", DEMO_PASSWORD)
    admin.goto(f"/employment/agreements/online/{agreement.pk}/")
    admin.check_accessibility()
    number = admin.page.input_value("#id_approve-start")
    with admin.page.expect_navigation():
        admin.page.click("#signing-approve")
    agreement.refresh_from_db()
    assert agreement.status == "signed" and agreement.number.number == number
    assert EmploymentRecord.objects.get(student=student).agreement_number == number
    assert number in admin.page.content()
    admin.assert_clean()

    # 4. the student sees each party's confirmation time and the number
    b.goto(f"/me/agreements/online/{agreement.pk}/")
    assert number in b.page.locator("#signing-number").inner_text()
    assert "未确认" not in b.page.locator("#signing-steps").inner_text()
    b.assert_clean()
