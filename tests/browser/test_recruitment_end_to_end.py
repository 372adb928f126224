"""Issue 5's whole story in one real browser run: an employer registers and is admitted, posts a job, the school
approves it, a student finds it on a phone, delivers a résumé and sees the employer's status change."""

import datetime

import pytest
from django.utils import timezone

from careers.core.demo import DEMO_PASSWORD
from careers.recruitment.models import Application, Employer, Job
from tests.factories import TEST_PASSWORD, credit_code
from tests.recruitment.test_applications import make_resume
from tests.browser.recruitment_steps import fill_registration, pick_region, student_who_can_log_in

pytestmark = pytest.mark.browser
PASSWORD = "Qiye#Zhuce2027"
UNIT = "长江端到端测试科技有限公司"
TITLE = "嵌入式端到端开发工程师"


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def test_register_post_approve_find_deliver_and_follow(browse, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    code = credit_code(990001)

    # 1. the unit registers on a phone
    e = browse(phone=True)
    e.goto("/company/register/")
    page = e.page
    fill_registration(page, name=UNIT, credit_code=code, password=PASSWORD)
    submit(page, "#register-submit")
    page.wait_for_url("**/company/")
    assert page.locator("#employer-status").inner_text() == "等待审核"

    # 2. it posts a job before admission (manual 4.3 allows it; nothing is public yet)
    e.goto("/company/jobs/add/")
    page.fill("#id_title", TITLE)
    page.fill("#id_openings", "2")
    pick_region(page, "id_region", "洪山", "湖北省 武汉市 洪山区")
    page.fill("#id_salary_min", "9000")
    page.fill("#id_salary_max", "14000")
    page.fill("#id_description", "负责车载控制器固件开发。\n熟悉 C 语言。")
    page.fill("#id_deadline", (timezone.localdate() + datetime.timedelta(days=60)).isoformat())
    submit(page, "#job-form button[type=submit]")
    assert not page.locator(".invalid-feedback").count(), page.locator(".invalid-feedback").all_inner_texts()
    job = Job.objects.get(title=TITLE)
    assert job.get_status_display() == "待审核"
    e.logout()

    # 3. the school admits the unit and approves the post
    a = browse()
    a.login("10001", DEMO_PASSWORD)
    employer = Employer.objects.get(credit_code=code)
    a.goto(f"/recruitment/employers/{employer.pk}/")
    submit(a.page, "#approve")
    assert "已入驻" in a.page.locator("h1").inner_text()
    a.goto(f"/recruitment/jobs/{job.pk}/")
    submit(a.page, "button[name=_action][value=approve]")
    job.refresh_from_db()
    assert job.get_status_display() == "已审核"
    a.assert_clean()

    # 4. a student finds it on a phone and delivers a résumé
    student = student_who_can_log_in()
    make_resume(student, title="我的求职简历")
    s = browse(phone=True)
    s.login(student.user.username, TEST_PASSWORD)
    s.goto("/jobs/")
    s.page.fill("#id_q", "端到端开发")
    submit(s.page, "#job-search button[type=submit]")
    assert "共找到 1 个职位" in s.page.locator("#result-count").inner_text()
    submit(s.page, f"#job-results a:has-text('{TITLE}')")
    submit(s.page, "#apply")
    s.page.check("input[name=resume]")
    submit(s.page, "#deliver")
    s.page.wait_for_url("**/me/applications/")
    assert "已投递" in s.page.locator("#applications").inner_text()
    assert s.page.evaluate("document.documentElement.scrollWidth") <= 390
    application = Application.objects.get(job=job, student=student)

    # 5. the employer invites to an interview; the student sees it
    e.login(code, PASSWORD)
    e.goto(f"/company/applications/{application.pk}/")
    e.page.fill("#id_note", "12月3日 14:00 面试")
    submit(e.page, "button[name=status][value=interview]")
    s.goto("/me/applications/")
    text = s.page.locator("#applications").inner_text()
    assert "邀请面试" in text and "12月3日 14:00 面试" in text
    s.shot("recruitment-end-to-end-student-status")
    s.assert_clean()
