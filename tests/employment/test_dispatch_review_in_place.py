"""派遣信息: the pending report reviewed on the record's detail page (same actions as 修改: scope, log)."""

import pytest
from django.urls import reverse

from careers.employment.models import DispatchRecord
from tests.employment.dispatch_support import (  # noqa: F401
    authorities,
    employer_report,
    initialised,
    logs_for,
    record_of,
)
from tests.students.review_support import college_b_admin  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(org, initialised):  # noqa: F811
    """Student a1 reported 派遣到就业单位 (广州星辰科技有限公司); 待审核."""
    return employer_report(record_of(org["students"]["a1"]))


def detail_url(record):
    return reverse("employment:dispatchrecord_detail", kwargs={"pk": record.pk})


def test_detail_page_offers_the_decisions(client, pending, college_admin, django_assert_max_num_queries):
    client.force_login(college_admin)
    with django_assert_max_num_queries(18):  # the panel: the diff's codes, one scope check, the form's selects
        body = client.get(detail_url(pending)).content.decode()
    assert "<mark>广州星辰科技有限公司</mark>" in body
    for decision in ('value="approve"', 'value="adjust"', 'value="reject"'):
        assert decision in body


def test_approve_and_adjust_from_the_detail_page(client, pending, college_admin):
    client.force_login(college_admin)
    form = client.get(detail_url(pending)).context["review_form"]
    data = {name: form[name].value() if form[name].value() is not None else "" for name in form.fields}
    data.update(receiving_unit="广州星辰科技有限公司人力资源部", _action="adjust")
    response = client.post(detail_url(pending), data)
    assert response.status_code == 302 and response.url == detail_url(pending)
    pending.refresh_from_db()
    assert pending.receiving_unit == "广州星辰科技有限公司人力资源部" and pending.kind == "employer"
    assert pending.review_status == "approved"
    assert logs_for(pending, message__contains="调整后同意", user=college_admin).exists()


def test_reject_needs_a_reason(client, pending, college_admin):
    client.force_login(college_admin)
    assert "请填写不同意的原因" in client.post(detail_url(pending), {"_action": "reject"}).content.decode()
    client.post(detail_url(pending), {"_action": "reject", "reason": "请上传接收函"})
    pending.refresh_from_db()
    assert pending.review_status == "rejected" and pending.review_note == "请上传接收函"
    assert logs_for(pending, message="派遣信息审核不通过：请上传接收函").exists()


def test_view_only_and_other_college(client, org, pending, college_b_admin):  # noqa: F811
    from careers.accounts.models import User
    from tests.factories import UserFactory

    counselor = UserFactory(username="counsel8", kind=User.Kind.COUNSELOR,
                            permissions=["employment.dispatchrecord.view"])
    counselor.managed_majors.set([org["majors"]["a1"]])
    client.force_login(counselor)
    body = client.get(detail_url(pending)).content.decode()
    assert "<mark>广州星辰科技有限公司</mark>" in body and 'value="approve"' not in body
    assert client.post(detail_url(pending), {"_action": "approve"}).status_code == 403
    client.force_login(college_b_admin)
    assert client.get(detail_url(pending)).status_code == 404
    assert client.post(detail_url(pending), {"_action": "approve"}).status_code == 404
    assert DispatchRecord.objects.get(pk=pending.pk).review_status == "pending"
