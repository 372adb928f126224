"""招聘会 back office: add/edit through the views, hub page, publish/unpublish/cancel (with notices),
the per-fair registration list (scoped by major) and its export, permissions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from careers.core.models import MessageDelivery, OperationLog
from careers.events.fairs import actions
from careers.events.models import Fair, Registration
from tests.events.fairs_support import fair_form_data, student_with_login
from tests.factories import FairFactory, ParticipationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_add_fair_through_the_view(client, school_admin):
    client.force_login(school_admin)
    response = client.post(reverse("events:fair_add"), fair_form_data())
    fair = Fair.objects.get()
    assert response.status_code == 302 and response.url == reverse("events:fair_detail", args=[fair.pk])
    assert fair.created_by == school_admin and fair.status == "draft"
    assert OperationLog.objects.filter(object_type="events.fair", object_id=str(fair.pk), action="create").exists()
    page = client.get(response.url).content.decode()
    assert "展位费：800.00 元 / 每展位" in page and "餐费：30.50 元 / 每人" in page
    assert 'id="publish-fair"' in page


def test_add_form_renders_three_sections_and_fee_editor(client, school_admin):
    client.force_login(school_admin)
    page = client.get(reverse("events:fair_add")).content.decode()
    for text in ("一、基本信息", "二、用人单位参会要求", "三、求职用户要求", 'name="fee_amount"', "申请表说明", "签到口令"):
        assert text in page


def test_invalid_post_keeps_typed_fee_rows(client, school_admin):
    client.force_login(school_admin)
    response = client.post(reverse("events:fair_add"), fair_form_data(fee_amount=["8x0", "1", ""]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "“8x0”不是有效的金额" in page and 'value="8x0"' in page
    assert not Fair.objects.exists()


def test_edit_fair(client, school_admin):
    fair = FairFactory(title="旧标题")
    client.force_login(school_admin)
    response = client.post(reverse("events:fair_edit", args=[fair.pk]), fair_form_data(title="新标题"))
    assert response.status_code == 302
    fair.refresh_from_db()
    assert fair.title == "新标题" and fair.status == "published"  # editing keeps the state


def test_list_filters(client, school_admin):
    FairFactory(title="春季双选会", status="draft")
    FairFactory(title="秋季双选会")
    client.force_login(school_admin)
    page = client.get(reverse("events:fair_list"), {"status": "draft"}).content.decode()
    assert "春季双选会" in page and "秋季双选会" not in page
    page = client.get(reverse("events:fair_list"), {"q": "秋季"}).content.decode()
    assert "秋季双选会" in page and "春季双选会" not in page


def test_publish_and_unpublish(school_admin):
    fair = FairFactory(status="draft")
    assert actions.publish(fair, acting_user=school_admin) is True
    assert actions.publish(fair, acting_user=school_admin) is False  # idempotent
    assert Fair.objects.get(pk=fair.pk).status == "published"
    assert actions.unpublish(fair, acting_user=school_admin) is True
    assert Fair.objects.get(pk=fair.pk).status == "draft"


def test_unpublish_refused_once_someone_registered(school_admin):
    fair = FairFactory()
    Registration.objects.create(fair=fair, student=student_with_login())
    with pytest.raises(ValidationError, match="1 名学生报名"):
        actions.unpublish(fair, acting_user=school_admin)


def test_cancel_notifies_students_and_units(school_admin):
    fair = FairFactory()
    student = student_with_login()
    Registration.objects.create(fair=fair, student=student)
    unit = ParticipationFactory(fair=fair, confirmed=True)
    withdrawn = ParticipationFactory(fair=fair, status="withdrawn")
    told = actions.cancel(fair, reason="场馆维修", acting_user=school_admin)
    assert told == 2
    recipients = set(MessageDelivery.objects.filter(channel="inbox").values_list("recipient_id", flat=True))
    assert recipients == {student.user_id, unit.employer.user_id}
    assert withdrawn.employer.user_id not in recipients
    assert "场馆维修" in MessageDelivery.objects.filter(recipient=student.user).first().message.body
    assert Fair.objects.get(pk=fair.pk).status == "cancelled"
    assert actions.cancel(fair, reason="再次", acting_user=school_admin) is None  # no second notice
    assert MessageDelivery.objects.filter(channel="inbox").count() == 2
    with pytest.raises(ValidationError, match="已取消，不能再发布"):
        actions.publish(fair, acting_user=school_admin)


def test_cancel_needs_reason_and_permission(school_admin):
    fair = FairFactory()
    with pytest.raises(ValidationError, match="请填写取消原因"):
        actions.cancel(fair, reason="  ", acting_user=school_admin)
    reader = UserFactory(permissions=["events.fair.view"])
    with pytest.raises(PermissionDenied):
        actions.publish(fair, acting_user=reader)


def test_status_view_posts(client, school_admin):
    fair = FairFactory(status="draft")
    client.force_login(school_admin)
    url = reverse("events:fair_status", args=[fair.pk])
    client.post(url, {"_action": "publish"})
    assert Fair.objects.get(pk=fair.pk).status == "published"
    response = client.post(url, {"_action": "cancel", "reason": ""}, follow=True)
    assert "请填写取消原因" in response.content.decode()
    assert Fair.objects.get(pk=fair.pk).status == "published"
    client.post(url, {"_action": "cancel", "reason": "天气原因"})
    assert Fair.objects.get(pk=fair.pk).status == "cancelled"


def test_hub_links_and_counts(client, school_admin):
    fair = FairFactory()
    ParticipationFactory(fair=fair, confirmed=True)
    ParticipationFactory(fair=fair)
    Registration.objects.create(fair=fair, student=student_with_login())
    client.force_login(school_admin)
    page = client.get(reverse("events:fair_detail", args=[fair.pk])).content.decode()
    assert 'id="hub-participants"' in page and "2 / 1" in page
    assert f'{reverse("events:fair_registration_list")}?fair={fair.pk}' in page


def test_permissions(client, db):
    fair = FairFactory()
    reader = UserFactory(permissions=["events.fair.view"])
    client.force_login(reader)
    assert client.get(reverse("events:fair_list")).status_code == 200
    page = client.get(reverse("events:fair_detail", args=[fair.pk])).content.decode()
    assert 'id="publish-fair"' not in page and 'id="cancel-fair"' not in page and 'id="edit-fair"' not in page
    assert client.get(reverse("events:fair_add")).status_code == 403
    assert client.get(reverse("events:fair_edit", args=[fair.pk])).status_code == 403
    assert client.post(reverse("events:fair_status", args=[fair.pk]), {"_action": "cancel", "reason": "x"}
                       ).status_code == 403
    assert client.get(reverse("events:fair_registration_export")).status_code == 403
    nobody = UserFactory(permissions=[])
    client.force_login(nobody)
    assert client.get(reverse("events:fair_list")).status_code == 403
    assert client.get(reverse("events:fair_registration_list")).status_code == 403


# -- 报名名单 ---------------------------------------------------------------------------------------

@pytest.fixture
def registered(org):
    fair = FairFactory()
    other = FairFactory(title="另一场")
    for key in ("a1", "b1"):
        Registration.objects.create(fair=fair, student=org["students"][key])
    Registration.objects.create(fair=other, student=org["students"]["a2"])
    return fair


def test_registration_list_of_one_fair(client, school_admin, registered, org):
    client.force_login(school_admin)
    page = client.get(reverse("events:fair_registration_list"), {"fair": registered.pk}).content.decode()
    assert "甲专业一学生" in page and "乙专业一学生" in page and "甲专业二学生" not in page
    assert f"{registered.title}：报名名单" in page


def test_registration_list_scoped_for_college_admin(client, college_admin, registered):
    client.force_login(college_admin)
    page = client.get(reverse("events:fair_registration_list"), {"fair": registered.pk}).content.decode()
    assert "甲专业一学生" in page and "乙专业一学生" not in page
    assert "仅显示您所管辖专业的学生" in page


def test_registration_list_checked_in_filter(client, school_admin, registered, org):
    from django.utils import timezone

    from careers.events.models import CheckIn

    CheckIn.objects.create(fair=registered, student=org["students"]["a1"], checked_in_at=timezone.now(),
                           method="qr")
    client.force_login(school_admin)
    page = client.get(reverse("events:fair_registration_list"),
                      {"fair": registered.pk, "checked_in": "true"}).content.decode()
    assert "甲专业一学生" in page and "乙专业一学生" not in page


def test_registration_export_scoped(client, college_admin, registered):
    client.force_login(college_admin)
    url = reverse("events:fair_registration_export") + f"?fair={registered.pk}"
    response = client.post(url, {"fields_chosen": ["student_number", "name", "major"], "format": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "甲专业一学生" in body and "乙专业一学生" not in body and "甲专业二学生" not in body


def test_fair_export(client, school_admin):
    FairFactory(title="导出测试双选会")
    client.force_login(school_admin)
    response = client.post(reverse("events:fair_export"), {"fields_chosen": ["title", "status"], "format": "csv"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "导出测试双选会" in body and "已发布" in body


def test_lists_query_count_does_not_grow_with_rows(client, school_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from careers.events.models import CheckIn

    fair = FairFactory()
    Registration.objects.create(fair=fair, student=student_with_login())  # a non-empty page to start with
    client.force_login(school_admin)
    urls = [reverse("events:fair_list"), reverse("events:fair_registration_list") + f"?fair={fair.pk}",
            reverse("site_events:fair_list")]

    def counts():
        result = []
        for url in urls:
            with CaptureQueriesContext(connection) as ctx:
                assert client.get(url).status_code == 200
            result.append(len(ctx))
        return result

    counts()
    before = counts()
    for _ in range(15):
        FairFactory()
        student = student_with_login()
        Registration.objects.create(fair=fair, student=student)
        CheckIn.objects.create(fair=fair, student=student, checked_in_at=timezone.now(), method="qr")
        ParticipationFactory(fair=fair, confirmed=True)
    assert counts() == before


def test_publish_rechecks_the_venue(school_admin, monkeypatch):
    import types

    from tests.factories import VenueFactory

    venue = VenueFactory(name="大礼堂")
    fair = FairFactory(status="draft", venue=venue)
    taken = FairFactory(title="占用场地的招聘会", venue=venue)
    monkeypatch.setattr(actions, "import_optional", lambda name: types.SimpleNamespace(
        venue_conflicts=lambda v, s, e, exclude=None: [taken] if exclude == fair else []))
    with pytest.raises(ValidationError, match="场地“大礼堂”在该时间段已被占用：招聘会“占用场地的招聘会”"):
        actions.publish(fair, acting_user=school_admin)
    assert Fair.objects.get(pk=fair.pk).status == "draft"


def test_status_changes_are_in_the_operation_log(school_admin):
    fair = FairFactory(status="draft")
    actions.publish(fair, acting_user=school_admin)
    log = OperationLog.objects.filter(object_type="events.fair", object_id=str(fair.pk), action="update").get()
    assert log.user == school_admin and log.changes["status"] == ["draft", "published"]


def test_changing_fees_after_units_applied_warns(client, school_admin):
    fair = FairFactory()
    ParticipationFactory(fair=fair)
    client.force_login(school_admin)
    response = client.post(reverse("events:fair_edit", args=[fair.pk]), fair_form_data(), follow=True)
    assert "已申请的 1 家单位的应缴费用不会自动改变" in response.content.decode()
    fair.refresh_from_db()
    assert fair.fee_items[1]["name"] == "餐费"
