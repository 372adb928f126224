"""简历投递 in a real browser at 390×844: a student opens a published job, delivers a résumé, the employer
invites to an interview, and the student sees the new status with the interview note."""

import pytest
from django.urls import NoReverseMatch, reverse

from careers.recruitment.models import Application
from tests.factories import TEST_PASSWORD, JobFactory
from tests.recruitment.test_applications import make_resume
from tests.browser.recruitment_steps import student_who_can_log_in

pytestmark = pytest.mark.browser


def job_page(job):
    try:
        return reverse("site:job_detail", args=[job.pk])  # the public job page, once the jobs area provides it
    except NoReverseMatch:
        return None


def test_deliver_and_follow_status_on_a_phone(browse, demo, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    student = student_who_can_log_in()
    make_resume(student, title="我的求职简历")
    job = JobFactory(approved=True, title="前端开发工程师")

    # 1. the student opens the job and delivers
    b = browse(phone=True)
    b.login(student.user.username, TEST_PASSWORD)
    page = job_page(job)
    if page:
        b.goto(page)
        b.settle()
        with b.page.expect_navigation():
            b.page.click("#apply")
    else:
        b.goto(reverse("portal_recruitment:application_deliver", args=[job.pk]))
    assert "前端开发工程师" in b.page.locator("main").inner_text()
    b.page.check("input[name=resume]")
    b.shot("application-deliver-phone")
    b.settle()
    with b.page.expect_navigation():
        b.page.click("#deliver")
    b.page.wait_for_url("**/me/applications/")
    assert "已投递" in b.page.locator("#applications").inner_text()
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390
    application = Application.objects.get(job=job, student=student)

    # 2. the employer opens it (已查看) and invites to an interview
    e = browse(phone=True)
    e.login(job.employer.user.username, TEST_PASSWORD)
    e.goto(reverse("company:application_list"))
    e.settle()
    with e.page.expect_navigation():
        e.page.click(f"a[href='{reverse('company:application_detail', args=[application.pk])}']")
    assert student.name in e.page.locator("#resume").inner_text()
    e.page.fill("#id_note", "12月3日 14:00，公司三楼会议室")
    e.settle()
    with e.page.expect_navigation():
        e.page.click("button[name=status][value=interview]")
    assert "邀请面试" in e.page.locator("#timeline").inner_text()
    e.shot("application-employer-interview")
    e.assert_clean()

    # 3. the student sees the status and the note
    b.goto(reverse("portal_recruitment:application_list"))
    text = b.page.locator("#applications").inner_text()
    assert "邀请面试" in text and "公司三楼会议室" in text
    assert b.page.evaluate("document.documentElement.scrollWidth") <= 390
    b.shot("application-student-status-phone")
    b.assert_clean()
