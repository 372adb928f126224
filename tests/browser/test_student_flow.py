"""The student-records round trip in a real browser: a student's first login with the initial
credential, a self-service edit that waits for review, and the college admin's approval —
plus the other college's admin never reaching that student."""

import pytest

from careers.codes.models import Code
from careers.core.demo import DEMO_PASSWORD
from careers.students.models import Student

pytestmark = pytest.mark.browser


def test_student_edit_reviewed_by_scoped_admin(browse, demo):
    # a student who has not signed in yet (the demo's first student already chose the demo password)
    student = (Student.objects.filter(major__college__name="信息工程学院", user__must_change_password=True)
               .select_related("user").first())
    party_member = Code.objects.of("political_status").get(code="01")
    assert student.political_status_id != party_member.pk

    # 1. first login: 学号 + last 6 of the ID number, then a real password is required
    b = browse(phone=True)
    b.login(student.student_number, student.initial_password)
    assert "/accounts/password/" in b.page.url
    fields = b.page.locator("main form input[type=password]")
    new_password = "Xue#Sheng2027"
    fields.nth(0).fill(student.initial_password)
    fields.nth(1).fill(new_password)
    fields.nth(2).fill(new_password)
    b.settle()
    with b.page.expect_navigation():
        b.page.click("main form button[type=submit]")
    b.page.wait_for_url("**/me/")
    b.shot("student-centre")

    # 2. a key field (政治面貌) waits for review; the phone number applies at once
    b.goto("/me/edit/")
    b.page.select_option("#id_political_status", str(party_member.pk))
    b.page.fill("#id_phone", "13912345678")
    b.settle()
    with b.page.expect_navigation():
        b.page.click("main form button[type=submit]")
    b.goto("/me/")
    assert "待审核" in b.page.locator("#review-state").inner_text()
    b.shot("student-pending-review")
    student.refresh_from_db()
    assert student.review_status == Student.ReviewStatus.PENDING
    assert student.phone == "13912345678" and student.political_status_id != party_member.pk
    b.assert_clean()

    # 3. the other college's admin cannot reach the record at all
    other = browse()
    other.login("20002", DEMO_PASSWORD)
    other.goto(f"/students/{student.pk}/edit/", status=404)
    other.assert_clean()
    other.close()

    # 4. the student's own college admin sees old → new and approves
    admin = browse()
    admin.login("20001", DEMO_PASSWORD)
    admin.goto(f"/students/{student.pk}/edit/")
    page_text = admin.page.locator("main").inner_text()
    assert "中国共产党党员" in page_text
    admin.shot("admin-review-student")
    admin.settle()  # let the header's inbox badge finish loading before leaving the page
    with admin.page.expect_navigation():
        admin.page.click("button[name=_action][value=approve]")
    student.refresh_from_db()
    assert student.review_status == Student.ReviewStatus.APPROVED
    assert student.political_status_id == party_member.pk and not student.pending_changes
    admin.assert_clean()
