"""Review where the data is: 同意 / 不同意 / 调整后同意 on the student detail page (ReviewPanelMixin), the same
actions as the 修改 page, with the same permission, scope and operation log."""

import pytest
from django.urls import reverse

from careers.students.models import Student
from tests.students.review_support import code, college_b_admin, logs_for, make_id_valid, submit  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(org):
    """Student a1 asked to change 民族 to 蒙古族 and 政治面貌 to 中共党员."""
    make_id_valid(org["students"]["a1"])
    return submit(org["students"]["a1"], ethnicity=code("ethnicity", "02"),
                  political_status=code("political_status", "01"))


def detail_url(student):
    return reverse("students:student_detail", kwargs={"pk": student.pk})


def test_detail_page_shows_the_diff_with_the_three_decisions(client, pending, college_admin,
                                                            django_assert_max_num_queries):
    client.force_login(college_admin)
    with django_assert_max_num_queries(15):  # the panel: the diff's codes, one scope check, the form's selects
        body = client.get(detail_url(pending)).content.decode()
    assert 'id="review-panel"' in body and "提交了以下修改，待审核" in body
    assert pending.name in body and pending.student_number in body  # who submitted
    assert "<mark>蒙古族</mark>" in body and "<mark>中国共产党党员</mark>" in body
    for decision in ('value="approve"', 'value="adjust"', 'value="reject"', "不同意（填写原因）"):
        assert decision in body
    # 调整后同意 shows only the changed fields; the others ride along hidden with their current values
    assert 'type="hidden" name="name"' in body and 'type="hidden" name="phone"' in body
    assert '<select name="ethnicity"' in body and '<select name="name"' not in body


def test_approve_from_the_detail_page(client, pending, college_admin):
    client.force_login(college_admin)
    response = client.post(detail_url(pending), {"_action": "approve"}, follow=True)
    assert response.redirect_chain[-1][0] == detail_url(pending)
    body = response.content.decode()
    assert "已同意" in body and 'id="pending-changes"' not in body
    pending.refresh_from_db()
    assert pending.review_status == Student.ReviewStatus.APPROVED and pending.ethnicity.code == "02"
    assert pending.political_status.code == "01"
    log = logs_for(pending, message__startswith="生源信息审核通过").get()
    assert log.user == college_admin and log.changes["ethnicity"] == ["", "蒙古族"]


def test_reject_from_the_detail_page_needs_a_reason(client, pending, college_admin):
    client.force_login(college_admin)
    response = client.post(detail_url(pending), {"_action": "reject", "reason": " "})
    assert response.status_code == 200
    body = response.content.decode()
    assert "请填写不同意的原因" in body and 'id="reject-box"' in body and "collapse show" in body
    pending.refresh_from_db()
    assert pending.review_status == Student.ReviewStatus.PENDING
    response = client.post(detail_url(pending), {"_action": "reject", "reason": "民族与身份证不符"}, follow=True)
    assert "已退回" in response.content.decode() and "民族与身份证不符" in response.content.decode()
    pending.refresh_from_db()
    assert pending.review_status == Student.ReviewStatus.REJECTED and pending.review_note == "民族与身份证不符"
    assert pending.pending_changes == {} and pending.ethnicity_id is None
    assert logs_for(pending, message="生源信息审核不通过：民族与身份证不符", user=college_admin).exists()


def panel_form(client, student):
    """The adjust box as the browser posts it: every field of the edit form, as rendered on the page."""
    response = client.get(detail_url(student))
    form = response.context["review_form"]
    data = {name: form[name].value() if form[name].value() is not None else "" for name in form.fields}
    return {**data, "_action": "adjust"}


def test_adjust_then_approve_from_the_detail_page(client, pending, college_admin):
    client.force_login(college_admin)
    data = panel_form(client, pending)
    data.update(ethnicity=code("ethnicity", "03").pk)
    response = client.post(detail_url(pending), data)
    assert response.status_code == 302 and response.url == detail_url(pending), response.context["review_form"].errors
    pending.refresh_from_db()
    assert pending.ethnicity.code == "03" and pending.political_status.code == "01"
    assert pending.review_status == Student.ReviewStatus.APPROVED
    log = logs_for(pending, message="生源信息审核通过（管理员调整后同意）").get()
    assert log.changes["ethnicity"][1] == code("ethnicity", "03").name


def test_an_invalid_adjustment_stays_on_the_detail_page_with_the_error(client, pending, college_admin):
    client.force_login(college_admin)
    data = panel_form(client, pending)
    data.update(ethnicity=999999)
    response = client.post(detail_url(pending), data)
    assert response.status_code == 200
    assert 'id="adjust-box"' in response.content.decode() and response.context["review_form"].errors
    pending.refresh_from_db()
    assert pending.review_status == Student.ReviewStatus.PENDING


def test_viewer_without_review_permission_sees_the_change_read_only(client, pending, college_admin):
    college_admin.set_permissions(["students.student.view"])
    college_admin.save()
    client.force_login(college_admin)
    body = client.get(detail_url(pending)).content.decode()
    assert "<mark>蒙古族</mark>" in body and "data-review-readonly" in body
    assert 'value="approve"' not in body and 'id="adjust-box"' not in body
    assert client.post(detail_url(pending), {"_action": "approve"}).status_code == 403
    pending.refresh_from_db()
    assert pending.review_status == Student.ReviewStatus.PENDING


def test_admin_of_another_college_gets_404_and_no_data(client, pending, college_b_admin):  # noqa: F811
    client.force_login(college_b_admin)
    response = client.get(detail_url(pending))
    assert response.status_code == 404 and "蒙古族" not in response.content.decode()
    for data in ({"_action": "approve"}, {"_action": "reject", "reason": "x"}):
        assert client.post(detail_url(pending), data).status_code == 404
    pending.refresh_from_db()
    assert pending.review_status == Student.ReviewStatus.PENDING
    assert not logs_for(pending, user=college_b_admin).exists()


def test_no_panel_without_pending_changes(client, org, college_admin):
    client.force_login(college_admin)
    body = client.get(detail_url(org["students"]["a2"])).content.decode()
    assert 'id="pending-changes"' not in body and 'value="approve"' not in body
