"""派遣信息 in the back office: edit with changed-field highlighting, 同意 / 不同意 / 调整后同意, 批量审核,
direct entry, 初始化派遣信息 — audited, scoped, all-or-nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from careers.employment.dispatch import actions
from careers.employment.models import DispatchRecord
from tests.employment.dispatch_support import (  # noqa: F401
    authorities,
    authority,
    employer_report,
    initialised,
    logs_for,
    record_of,
    region,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(org, initialised):
    """Student a1 reported 派遣到就业单位 (广州星辰科技有限公司); 待审核."""
    return employer_report(record_of(org["students"]["a1"]))


def edit_url(record):
    return reverse("employment:dispatchrecord_edit", kwargs={"pk": record.pk})


def test_pending_diff_shows_old_and_new(pending):
    rows = {name: (old, new) for name, _, old, new in actions.pending_diff(pending)}
    assert rows["kind"] == ("回生源地", "派遣到就业单位")
    assert rows["receiving_unit"] == ("广州市人力资源和社会保障局", "广州星辰科技有限公司")
    assert rows["report_postal_code"] == ("", "510665")
    assert "receiving_region" not in rows  # the report keeps the 生源地's district: no change


def test_approve_applies_the_report_and_audits(pending, school_admin):
    actions.approve(pending, acting_user=school_admin)
    pending.refresh_from_db()
    assert pending.kind == "employer" and pending.receiving_unit == "广州星辰科技有限公司"
    assert pending.receiving_region.code == "440106" and pending.report_postal_code == "510665"
    assert pending.review_status == "approved" and pending.pending_changes == {}
    assert pending.reviewed_by == school_admin and pending.reviewed_at is not None
    log = logs_for(pending, message="派遣信息审核通过").get()
    assert log.user == school_admin
    assert log.changes["receiving_unit"] == ["广州市人力资源和社会保障局", "广州星辰科技有限公司"]
    assert pending.history.first().history_user == school_admin


def test_adjust_then_approve(pending, school_admin):
    actions.approve(pending, acting_user=school_admin,
                    adjustments={"receiving_unit": "广州星辰科技有限公司人力资源部", "certificate_number": "2027001"})
    pending.refresh_from_db()
    assert pending.receiving_unit == "广州星辰科技有限公司人力资源部" and pending.certificate_number == "2027001"
    assert logs_for(pending, message__contains="调整后同意").exists()


def test_invalid_adjustment_is_refused_naming_the_field(pending, school_admin):
    with pytest.raises(ValidationError) as exc:
        actions.approve(pending, acting_user=school_admin, adjustments={"report_postal_code": "51066"})
    assert "报到地邮编" in exc.value.messages[0] and "6 位数字" in exc.value.messages[0]
    pending.refresh_from_db()
    assert pending.review_status == "pending" and pending.kind == "origin"


def test_reject_keeps_the_reason_and_drops_the_report(pending, school_admin):
    with pytest.raises(ValidationError):
        actions.reject(pending, reason=" ", acting_user=school_admin)
    actions.reject(pending, reason="单位名称与接收函不一致", acting_user=school_admin)
    pending.refresh_from_db()
    assert pending.review_status == "rejected" and pending.review_note == "单位名称与接收函不一致"
    assert pending.pending_changes == {} and pending.kind == "origin"
    assert logs_for(pending, message__contains="审核不通过").get().user == school_admin


def test_college_admin_cannot_review_or_change_another_college(org, college_admin, initialised):
    other = employer_report(record_of(org["students"]["b1"]))
    for call in (lambda: actions.approve(other, acting_user=college_admin),
                 lambda: actions.reject(other, reason="x", acting_user=college_admin),
                 lambda: actions.admin_update(other, {"note": "x"}, acting_user=college_admin),
                 lambda: actions.reinitialise([other], acting_user=college_admin),
                 lambda: actions.bulk_approve([other], acting_user=college_admin)):
        with pytest.raises(PermissionDenied):
            call()
    other.refresh_from_db()
    assert other.review_status == "pending" and other.note == ""


def test_bulk_approve_is_all_or_nothing_naming_the_row_and_field(org, school_admin, initialised):
    good = employer_report(record_of(org["students"]["a1"]))
    bad = employer_report(record_of(org["students"]["a2"]), receiving_unit="")  # 派遣到就业单位 without a unit
    with pytest.raises(ValidationError) as exc:
        actions.bulk_approve([good, bad], acting_user=school_admin)
    message = exc.value.messages[0]
    assert org["students"]["a2"].student_number in message and "报到证签往单位" in message and "接收函" in message
    good.refresh_from_db()
    assert good.review_status == "pending"
    assert actions.bulk_approve([good], acting_user=school_admin) == 1


def test_bulk_approve_with_an_out_of_scope_row_approves_nothing(org, college_admin, initialised):
    mine = employer_report(record_of(org["students"]["a1"]))
    other = employer_report(record_of(org["students"]["b1"]))
    with pytest.raises(PermissionDenied):
        actions.bulk_approve([mine, other], acting_user=college_admin)
    mine.refresh_from_db()
    assert mine.review_status == "pending"


def test_admin_fills_in_directly_and_is_audited(org, college_admin, initialised):
    record = record_of(org["students"]["a1"])
    actions.admin_update(record, {"kind": "none", "receiving_unit": "", "note": "考取本校研究生"},
                         acting_user=college_admin)
    record.refresh_from_db()
    assert record.kind == "none" and record.review_status == "approved" and record.reviewed_by == college_admin
    assert logs_for(record, user=college_admin, action="update").exists()
    with pytest.raises(ValidationError) as exc:
        actions.admin_update(record, {"kind": "employer", "receiving_unit": " "}, acting_user=college_admin)
    assert "报到证签往单位" in exc.value.messages[0]


def test_admin_update_keeps_a_pending_report(pending, school_admin):
    actions.admin_update(pending, {"certificate_number": "No.1"}, acting_user=school_admin)
    pending.refresh_from_db()
    assert pending.review_status == "pending" and pending.pending_changes and pending.certificate_number == "No.1"


def test_reinitialise_returns_to_the_origin_authority(org, school_admin, initialised):
    from careers.students.models import Student

    student = org["students"]["a1"]
    Student.objects.filter(pk=student.pk).update(origin_region=region("330106"))
    record = record_of(student)
    actions.admin_update(record, {"kind": "employer", "receiving_unit": "某公司", "archive_unit": "某公司"},
                         acting_user=school_admin)
    other = employer_report(record_of(org["students"]["a2"]))
    assert actions.reinitialise([record, other], acting_user=school_admin) == 2
    record.refresh_from_db()
    assert record.kind == "origin" and record.receiving_unit == "杭州市人力资源和社会保障局"
    assert record.receiving_region.code == "330106" and record.archive_unit == ""
    assert record.review_status == "empty"
    other.refresh_from_db()
    assert other.review_status == "pending" and other.pending_changes  # the student's report stays for review
    assert logs_for(record, message__contains="初始化").exists() or \
        record.history.first().history_change_reason == "初始化派遣信息（回生源地）"


# -- the pages ----------------------------------------------------------------------------------------

def test_edit_page_highlights_the_pending_fields(client, pending, school_admin):
    client.force_login(school_admin)
    body = client.get(edit_url(pending)).content.decode()
    assert 'id="pending-changes"' in body and "changed-field" in body
    assert "派遣到就业单位" in body and "广州星辰科技有限公司" in body
    assert 'value="approve"' in body and 'value="adjust"' in body and 'id="reject-box"' in body
    assert 'value="440106"' in body  # the pending region shown as its code
    assert "{#" not in body and "{% comment" not in body and "Context:" not in body  # include notes stay hidden


def test_approve_reject_and_adjust_through_the_page(client, org, school_admin, initialised):
    client.force_login(school_admin)
    record = employer_report(record_of(org["students"]["a1"]))
    response = client.post(edit_url(record), {"_action": "approve"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.review_status == "approved" and record.kind == "employer"

    record = employer_report(record_of(org["students"]["a2"]))
    response = client.post(edit_url(record), {"_action": "reject", "reason": ""})
    assert "请填写不同意的原因" in response.content.decode()
    client.post(edit_url(record), {"_action": "reject", "reason": "请上传接收函"})
    record.refresh_from_db()
    assert record.review_status == "rejected"

    record = employer_report(record_of(org["students"]["b1"]))
    data = {"_action": "adjust", "kind": "employer", "receiving_unit": "广州星辰科技有限公司", "receiving_region": "440106",
            "supervising_authority": str(authority("广州市人力资源和社会保障局").pk),
            "report_address": "广州市天河区科韵路16号", "report_postal_code": "510000", "archive_unit": "",
            "archive_address": "", "archive_postal_code": "", "hukou_address": "", "certificate_number": "",
            "note": ""}
    assert client.post(edit_url(record), data).status_code == 302
    record.refresh_from_db()
    assert record.review_status == "approved" and record.report_postal_code == "510000"


def form_data(record, **values):
    data = {"_action": "save", "kind": record.kind, "receiving_unit": record.receiving_unit,
            "receiving_region": record.receiving_region.code if record.receiving_region else "",
            "supervising_authority": record.supervising_authority_id or "", "report_address": "",
            "report_postal_code": "", "archive_unit": "", "archive_address": "", "archive_postal_code": "",
            "hukou_address": "", "certificate_number": "", "note": ""}
    data.update(values)
    return data


def test_validation_messages_name_the_field(client, org, school_admin, initialised):
    client.force_login(school_admin)
    record = record_of(org["students"]["a1"])
    data = form_data(record, kind="employer", receiving_unit="", receiving_region="999999", report_postal_code="12AB56")
    body = client.post(edit_url(record), data).content.decode()
    assert "报到证签往单位：派遣类别为“派遣到就业单位”时必须填写" in body
    assert "签往单位所在地：“999999”不是有效的行政区划代码" in body
    assert "报到地邮编：“12AB56”不是有效的邮政编码，应为 6 位数字" in body
    record.refresh_from_db()
    assert record.review_status == "empty"
    response = client.post(edit_url(record), form_data(record, kind="none", receiving_unit="", note="出国"))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.kind == "none" and record.review_status == "approved"


def test_saving_while_a_report_waits_asks_for_a_decision(client, pending, school_admin):
    client.force_login(school_admin)
    response = client.post(edit_url(pending), form_data(pending, note="x"), follow=True)
    assert "请选择“同意”“不同意”或“调整后同意”" in response.content.decode()


def test_bulk_review_page_confirms_then_approves(client, org, school_admin, initialised):
    client.force_login(school_admin)
    one = employer_report(record_of(org["students"]["a1"]))
    two = employer_report(record_of(org["students"]["b1"]), receiving_unit="杭州云帆网络科技有限公司")
    url = reverse("employment:dispatchrecord_bulk_review")
    body = client.post(url, {"pk": [one.pk, two.pk]}).content.decode()
    assert "批量审核 2 条派遣信息" in body and "杭州云帆网络科技有限公司" in body
    client.post(url, {"pk": [one.pk, two.pk], "_confirm": "1"})
    assert set(DispatchRecord.objects.filter(pk__in=[one.pk, two.pk]).values_list("review_status", flat=True)) == {
        "approved"}


def test_bulk_pages_refuse_out_of_scope_rows(client, org, college_admin, initialised):
    client.force_login(college_admin)
    other = employer_report(record_of(org["students"]["b1"]))
    for name in ("employment:dispatchrecord_bulk_review", "employment:dispatchrecord_initialise"):
        response = client.post(reverse(name), {"pk": [other.pk], "_confirm": "1"}, follow=True)
        assert "无权操作" in response.content.decode()
    other.refresh_from_db()
    assert other.review_status == "pending"


def test_initialise_page_confirms_then_resets(client, org, school_admin, initialised):
    client.force_login(school_admin)
    record = record_of(org["students"]["a1"])
    actions.admin_update(record, {"kind": "none", "receiving_unit": ""}, acting_user=school_admin)
    url = reverse("employment:dispatchrecord_initialise")
    assert "确认初始化" in client.post(url, {"pk": [record.pk]}).content.decode()
    client.post(url, {"pk": [record.pk], "_confirm": "1"})
    record.refresh_from_db()
    assert record.kind == "origin" and record.review_status == "empty"


def test_out_of_scope_edit_page_is_404(client, org, college_admin):
    client.force_login(college_admin)
    assert client.get(edit_url(record_of(org["students"]["b1"]))).status_code == 404
    assert client.get(edit_url(record_of(org["students"]["a1"]))).status_code == 200
