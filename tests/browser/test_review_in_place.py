"""Review where the data is, in a real browser: the college admin approves a student's pending change from the
student's detail page (同意), adjusts another before approving (调整后同意); the 数据统计 page shows its
items without any 运行 click."""

import pytest

from careers.codes.models import Code
from careers.core.demo import DEMO_PASSWORD
from careers.students.actions import submit_self_service_changes
from careers.students.models import Student

pytestmark = pytest.mark.browser


def pending_student(exclude=()):
    student = (Student.objects.filter(major__college__name="信息工程学院", graduation_year=2027, is_active=True)
               .exclude(review_status="pending").exclude(pk__in=exclude).order_by("pk").first())
    ethnicity = Code.objects.of("ethnicity").exclude(pk=student.ethnicity_id).order_by("code")[1]
    submit_self_service_changes(student, {"ethnicity": ethnicity}, acting_user=None)
    student.refresh_from_db()
    assert student.review_status == "pending"
    return student, ethnicity


def test_admin_reviews_pending_changes_on_the_student_detail_page(browse, demo):
    student, ethnicity = pending_student()
    admin = browse()
    admin.login("20001", DEMO_PASSWORD)
    admin.goto(f"/students/{student.pk}/")
    panel = admin.page.locator("#review-panel")
    assert ethnicity.name in panel.locator("#pending-changes").inner_text()
    assert student.name in panel.inner_text()
    admin.shot("review-in-place-pending")
    with admin.page.expect_navigation():
        panel.locator("button[value=approve]").click()
    assert admin.page.url.endswith(f"/students/{student.pk}/")
    assert "已同意" in admin.page.content()
    assert admin.page.locator("#pending-changes").count() == 0
    admin.shot("review-in-place-approved")
    student.refresh_from_db()
    assert student.review_status == "approved" and student.ethnicity_id == ethnicity.pk

    # 调整后同意: open the box, pick another value, confirm
    other, asked = pending_student(exclude=[student.pk])
    admin.goto(f"/students/{other.pk}/")
    admin.page.click("[data-review=adjust]")
    admin.page.wait_for_selector("#adjust-box.show")
    chosen = Code.objects.of("ethnicity").exclude(pk=asked.pk).order_by("code").first()
    admin.page.select_option("#adjust-box select[name=ethnicity]", str(chosen.pk))
    admin.shot("review-in-place-adjust")
    with admin.page.expect_navigation():
        admin.page.click("#adjust-box button[value=adjust]")
    other.refresh_from_db()
    assert other.review_status == "approved" and other.ethnicity_id == chosen.pk
    admin.assert_clean()


def test_statistics_page_shows_every_item_without_a_click(browse, demo):
    admin = browse()
    admin.login("20001", DEMO_PASSWORD)
    admin.goto("/students/statistics/?year=2027")
    admin.settle()
    cards = admin.page.locator("[data-stat-item]")
    assert cards.count() >= 8
    assert admin.page.locator("[data-stat-item] table").count() + admin.page.locator("[data-empty]").count() \
        == cards.count()
    assert admin.page.locator("text=运行").count() == 0
    assert admin.page.locator("[data-stat-item] [data-chart] canvas").count() >= 1
    admin.shot("statistics-loaded")
    admin.page.locator("[data-stat-item='by_gender'] [data-stat-refresh]").click()
    admin.settle()
    assert admin.page.locator("[data-stat-item='by_gender'] table").count() == 1
    admin.assert_clean()
