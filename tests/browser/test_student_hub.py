"""The student's main journey on a phone (390×844), from the hub: open a recommended job, deliver a résumé,
register for a talk in one tap, and watch the application move — with the bottom bar as the way around.
The click count of the journey is asserted, so a change that adds steps shows up here."""

import pytest
from django.urls import reverse

from careers.events.models import Registration
from careers.recruitment.applications.actions import move
from careers.recruitment.models import Application, JobMatch
from tests.browser.conftest import Clicks
from tests.browser.recruitment_steps import student_who_can_log_in
from tests.factories import TEST_PASSWORD, JobFactory, TalkFactory
from tests.recruitment.test_applications import make_resume

pytestmark = pytest.mark.browser


def fits(b, width=390):
    return b.page.evaluate("document.documentElement.scrollWidth") <= width


def test_find_deliver_register_and_follow_from_the_hub(browse, demo, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    student = student_who_can_log_in()
    make_resume(student, title="我的求职简历")
    job = JobFactory(approved=True, title="数据分析师（校招）")
    JobMatch.objects.create(student=student, job=job, score=92, reasons=["专业对口", "期望地区一致", "薪资符合期望"])
    # a long title: 我的报名 truncates it instead of widening the page
    talk = TalkFactory(approved=True, title="星河科技2027校园宣讲会暨实习生专场（计算机、电子信息与自动化类专业）")

    b = browse(phone=True)
    b.login(student.user.username, TEST_PASSWORD)
    b.page.wait_for_url("**/me/")
    assert b.page.locator("#student-nav").is_visible()
    assert "数据分析师（校招）" in b.page.locator("#hub-matches").inner_text()
    assert "专业对口" in b.page.locator("#hub-matches").inner_text()
    assert fits(b)
    b.shot("student-hub-phone")
    b.check_accessibility()
    click = Clicks(b)

    # 1. a recommended job → deliver (3 clicks: the job, 投递简历, 确认投递)
    click(f"#hub-matches a[href='{reverse('site:job_detail', args=[job.pk])}']")
    click("#apply")
    b.page.check("input[name=resume]")
    click("#deliver")
    b.page.wait_for_url("**/me/applications/")
    assert "已投递" in b.page.locator("#applications").inner_text()

    # 2. back to the hub through the bottom bar; the application is there
    click("#student-nav a[href='/me/']")
    assert "数据分析师（校招）" in b.page.locator("#hub-applications").inner_text()

    # 3. one tap registers for the talk, and the hub comes back with it under 我的报名
    click(f"#hub-upcoming form[action='{reverse('portal_events:talk_register', args=[talk.pk])}'] button")
    b.page.wait_for_url("**/me/")
    assert Registration.objects.filter(student=student, talk=talk).exists()
    assert "星河科技2027校园宣讲会" in b.page.locator("#hub-registrations").inner_text()
    assert "已报名" in b.page.locator("#hub-upcoming").inner_text()

    # 4. the employer invites to an interview; the hub shows the new status
    move(Application.objects.get(student=student, job=job), Application.Status.INTERVIEW, note="周三下午面试",
         user=job.employer.user)
    b.goto(reverse("portal:home"))
    assert "邀请面试" in b.page.locator("#hub-applications .hub-application").first.inner_text()
    assert fits(b)
    b.shot("student-hub-phone-after")
    assert click.count == 5  # job, 投递简历, 确认投递, 首页, 报名
    b.assert_clean()

    # the bottom bar reaches 活动, 消息 and 我的
    for selector, landing in (("活动", "**/talks/"), ("消息", "**/inbox/"), ("我的", "**/me/profile/")):
        with b.page.expect_navigation():
            b.page.click(f"#student-nav a:has-text('{selector}')")
        b.page.wait_for_url(landing)
        assert fits(b)
    b.shot("student-profile-phone")
    b.assert_clean()


def test_hub_on_a_desktop(browse, demo):
    student = student_who_can_log_in()
    b = browse()
    b.login(student.user.username, TEST_PASSWORD)
    b.page.wait_for_url("**/me/")
    assert not b.page.locator("#student-nav").is_visible()  # the top bar carries the links from md up
    assert b.page.locator("#student-top-nav").is_visible()
    b.shot("student-hub-desktop")
    b.assert_clean()
