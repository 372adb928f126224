"""Back office: list, direct fill-in, review (同意 / 不同意 / 调整后同意), bulk review, 初始化就业信息 — scoped and audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from careers.core.scoping import SYSTEM
from careers.core.models import OperationLog
from careers.core.review import ReviewStatus
from careers.employment.outcomes import actions
from careers.employment.models import EmploymentRecord
from tests.employment.conftest import code, contract_values, form_data, report, study_values

pytestmark = pytest.mark.django_db


def logs_for(record, **filters):
    return OperationLog.objects.filter(object_type="employment.employmentrecord", object_id=str(record.pk), **filters)


def edit_url(record):
    return reverse("employment:employmentrecord_edit", kwargs={"pk": record.pk})


# -- list ----------------------------------------------------------------------------------------------

def test_list_is_scoped_and_filterable(client, college_admin, org, pending_a):
    admin_update_b = org["students"]["b1"].employment
    actions.admin_update(admin_update_b, contract_values(), acting_user=SYSTEM)
    client.force_login(college_admin)
    url = reverse("employment:employmentrecord_list")
    body = client.get(url, {"student__graduation_year": 2027}).content.decode()
    assert org["students"]["a1"].student_number in body and org["students"]["a2"].student_number in body
    assert org["students"]["b1"].student_number not in body
    body = client.get(url, {"review_status": "pending", "student__graduation_year": 2027}).content.decode()
    assert org["students"]["a1"].student_number in body and org["students"]["a2"].student_number not in body
    body = client.get(url, {"q": "甲专业二", "student__graduation_year": 2027}).content.decode()
    assert org["students"]["a2"].student_number in body and org["students"]["a1"].student_number not in body


def test_list_filters_by_category_counts_and_review_time(client, school_admin, org):
    a1, a2, b1 = (org["students"][k].employment for k in ("a1", "a2", "b1"))
    actions.admin_update(a1, contract_values(), acting_user=school_admin)
    actions.admin_update(a2, {"destination": code("destination", "70")}, acting_user=school_admin)
    actions.admin_update(b1, study_values(), acting_user=school_admin)
    EmploymentRecord.objects.filter(pk=b1.pk).update(reviewed_at="2027-01-05T10:00:00+08:00")
    client.force_login(school_admin)
    url = reverse("employment:employmentrecord_list")

    def numbers(**params):
        body = client.get(url, {"student__graduation_year": 2027, **params}).content.decode()
        return {k for k in ("a1", "a2", "b1", "b2") if org["students"][k].student_number in body}

    assert numbers(category="升学") == {"b1"}
    assert numbers(category="未就业") == {"a2"}
    assert numbers(category="none") == {"b2"}
    assert numbers(counts="true") == {"a1", "b1"}
    assert numbers(counts="false") == {"a2", "b2"}
    assert numbers(reviewed_from="2027-01-01", reviewed_to="2027-01-31") == {"b1"}
    assert numbers(destination=code("destination", "10").pk) == {"a1"}


# -- direct fill-in ------------------------------------------------------------------------------------

def test_admin_fills_in_directly_approved_and_audited(client, college_admin, record_a):
    client.force_login(college_admin)
    response = client.post(edit_url(record_a), {**form_data(contract_values()), "_action": "save"})
    assert response.status_code == 302
    record_a.refresh_from_db()
    assert record_a.review_status == ReviewStatus.APPROVED and record_a.employer_name == "武汉光谷软件有限公司"
    assert record_a.reviewed_by == college_admin and record_a.reviewed_at is not None
    log = logs_for(record_a, message="管理员填报就业信息").get()
    assert log.user == college_admin and log.changes["employer_name"] == ["", "武汉光谷软件有限公司"]
    page = client.get(edit_url(record_a)).content.decode()
    assert "修改记录" in page and "武汉光谷软件有限公司" in page and "管理员填报就业信息" in page


def test_admin_form_shows_template_errors_and_saves_nothing(client, college_admin, record_a):
    client.force_login(college_admin)
    data = form_data(contract_values(employer_credit_code="91420100000000007X"))
    response = client.post(edit_url(record_a), {**data, "_action": "save"})
    assert response.status_code == 200 and "校验码" in response.content.decode()
    record_a.refresh_from_db()
    assert record_a.destination is None and record_a.review_status == ReviewStatus.EMPTY


def test_admin_update_refuses_out_of_scope_and_pending(college_admin, record_b, pending_a):
    with pytest.raises(PermissionDenied):
        actions.admin_update(record_b, contract_values(), acting_user=college_admin)
    with pytest.raises(ValidationError, match="待审核"):
        actions.admin_update(pending_a, contract_values(), acting_user=college_admin)


def test_out_of_scope_record_is_404(client, college_admin, record_b):
    client.force_login(college_admin)
    assert client.get(edit_url(record_b)).status_code == 404
    assert client.post(edit_url(record_b), {**form_data(contract_values()), "_action": "save"}).status_code == 404
    record_b.refresh_from_db()
    assert record_b.destination is None


# -- review --------------------------------------------------------------------------------------------

def test_review_page_highlights_old_to_new(client, college_admin, pending_a):
    client.force_login(college_admin)
    body = client.get(edit_url(pending_a)).content.decode()
    assert "待审核" in body and "签就业协议形式就业" in body and "有修改" in body
    assert 'value="approve"' in body and 'value="adjust"' in body and 'value="reject"' in body


def test_approve_applies_the_report_and_audits(client, college_admin, pending_a):
    client.force_login(college_admin)
    response = client.post(edit_url(pending_a), {"_action": "approve"})
    assert response.status_code == 302
    pending_a.refresh_from_db()
    assert pending_a.review_status == ReviewStatus.APPROVED and pending_a.pending_changes == {}
    assert pending_a.destination.code == "10" and pending_a.employer_region.code == "420111"
    assert logs_for(pending_a, message="就业信息审核通过").get().user == college_admin


def test_adjust_then_approve(client, college_admin, pending_a):
    client.force_login(college_admin)
    data = form_data(contract_values(position="测试工程师"))
    assert client.post(edit_url(pending_a), {**data, "_action": "adjust"}).status_code == 302
    pending_a.refresh_from_db()
    assert pending_a.position == "测试工程师" and pending_a.review_status == ReviewStatus.APPROVED
    assert logs_for(pending_a, message__contains="调整后同意").exists()


def test_reject_needs_a_reason(client, college_admin, pending_a):
    client.force_login(college_admin)
    response = client.post(edit_url(pending_a), {"_action": "reject", "reason": ""})
    assert response.status_code == 200 and "请填写不同意的原因" in response.content.decode()
    client.post(edit_url(pending_a), {"_action": "reject", "reason": "单位名称与协议书不一致"})
    pending_a.refresh_from_db()
    assert pending_a.review_status == ReviewStatus.REJECTED and pending_a.review_note == "单位名称与协议书不一致"
    assert pending_a.destination is None and pending_a.pending_changes == {}
    assert logs_for(pending_a, message__contains="审核不通过").exists()


def test_invalid_report_cannot_be_approved_as_is(college_admin, record_a):
    """A report that no longer fits the rules (e.g. stored before a rule changed) is refused with the field named."""
    record_a.pending_changes = {"destination": code("destination", "75").pk, "employer_name": "某工作室"}
    record_a.review_status = ReviewStatus.PENDING
    record_a.save()
    with pytest.raises(ValidationError) as exc:
        actions.approve(record_a, acting_user=college_admin)
    assert "统一社会信用代码" in exc.value.messages[0]
    record_a.refresh_from_db()
    assert record_a.review_status == ReviewStatus.PENDING


def test_review_requires_scope_and_permission(college_admin, reviewer_only, pending_a, pending_b):
    with pytest.raises(PermissionDenied):
        actions.approve(pending_b, acting_user=college_admin)
    with pytest.raises(PermissionDenied):
        actions.reject(pending_b, reason="x", acting_user=college_admin)
    with pytest.raises(PermissionDenied):
        actions.admin_update(pending_a, contract_values(), acting_user=reviewer_only)
    actions.approve(pending_a, acting_user=reviewer_only)  # review without change permission
    pending_b.refresh_from_db()
    assert pending_b.review_status == ReviewStatus.PENDING


def test_reviewer_without_change_permission_sees_no_save_button(client, reviewer_only, record_a):
    client.force_login(reviewer_only)
    body = client.get(edit_url(record_a)).content.decode()
    assert 'value="save"' not in body
    assert client.post(edit_url(record_a), {**form_data(contract_values()), "_action": "save"}).status_code == 403


# -- bulk review ---------------------------------------------------------------------------------------

def test_bulk_review_confirms_then_approves_all(client, college_admin, org, pending_a):
    other = report(org["students"]["a2"].employment, study_values())
    client.force_login(college_admin)
    url = reverse("employment:employmentrecord_bulk_review")
    page = client.post(url, {"pk": [pending_a.pk, other.pk]}).content.decode()
    assert "武汉大学" in page and "确认审核通过" in page
    client.post(url, {"pk": [pending_a.pk, other.pk], "_confirm": "1"})
    assert set(EmploymentRecord.objects.filter(pk__in=[pending_a.pk, other.pk])
               .values_list("review_status", flat=True)) == {ReviewStatus.APPROVED}


def test_bulk_review_is_all_or_nothing(college_admin, org, pending_a):
    broken = org["students"]["a2"].employment
    broken.pending_changes = {"destination": code("destination", "801").pk}  # 升学 without a school
    broken.review_status = ReviewStatus.PENDING
    broken.save()
    with pytest.raises(ValidationError) as exc:
        actions.bulk_approve([pending_a, broken], acting_user=college_admin)
    assert org["students"]["a2"].name in exc.value.messages[0] and "升学院校" in exc.value.messages[0]
    pending_a.refresh_from_db()
    assert pending_a.review_status == ReviewStatus.PENDING


def test_bulk_review_with_an_out_of_scope_row_changes_nothing(client, college_admin, pending_a, pending_b):
    with pytest.raises(PermissionDenied):
        actions.bulk_approve([pending_a, pending_b], acting_user=college_admin)
    client.force_login(college_admin)
    client.post(reverse("employment:employmentrecord_bulk_review"), {"pk": [pending_a.pk, pending_b.pk],
                                                                     "_confirm": "1"})
    assert set(EmploymentRecord.objects.filter(pk__in=[pending_a.pk, pending_b.pk])
               .values_list("review_status", flat=True)) == {ReviewStatus.PENDING}


# -- 初始化就业信息 -------------------------------------------------------------------------------------

def test_initialise_resets_an_inconsistent_record_keeping_history(client, college_admin, record_a, record_b):
    EmploymentRecord.objects.filter(pk=record_a.pk).update(
        destination=code("destination", "70"), employer_name="不该有的单位", review_status=ReviewStatus.APPROVED)
    client.force_login(college_admin)
    url = reverse("employment:employmentrecord_initialise")
    page = client.post(url, {"pk": [record_a.pk]}).content.decode()
    assert "请清空" in page and "确认初始化" in page
    client.post(url, {"pk": [record_a.student_id], "source": "students",
                      "_confirm": "1"})
    record_a.refresh_from_db()
    assert record_a.destination is None and record_a.employer_name == "" and record_a.review_status == "empty"
    assert record_a.history.filter(employer_name="不该有的单位").exists()
    log = logs_for(record_a, message__startswith="初始化就业信息").get()
    assert log.user == college_admin and log.changes["employer_name"] == ["不该有的单位", ""]


def test_initialise_creates_a_missing_record_and_leaves_sound_ones(college_admin, org, record_a):
    student = org["students"]["a2"]
    EmploymentRecord.objects.filter(student=student).delete()
    actions.admin_update(record_a, contract_values(), acting_user=college_admin)
    result = actions.reinitialise([student, org["students"]["a1"]], acting_user=college_admin)
    assert result == {"created": 1, "reset": 0, "unchanged": 1}
    assert EmploymentRecord.objects.filter(student=student).exists()
    record_a.refresh_from_db()
    assert record_a.employer_name == "武汉光谷软件有限公司"


def test_initialise_repairs_codes_of_old_tables_and_unreadable_reports(college_admin, record_a, org):
    from careers.codes.models import Code, CodeTable

    old_table = CodeTable.objects.create(kind="destination", name="毕业去向", version="2014", is_current=False)
    old = Code.objects.create(table=old_table, code="01", name="就业（旧）")
    EmploymentRecord.objects.filter(pk=record_a.pk).update(destination=old, review_status=ReviewStatus.APPROVED)
    other = org["students"]["a2"].employment
    EmploymentRecord.objects.filter(pk=other.pk).update(pending_changes={"placed_on": "2027-13-40"},
                                                        review_status=ReviewStatus.PENDING)
    result = actions.reinitialise([record_a.student, other.student], acting_user=college_admin)
    assert result["reset"] == 2
    record_a.refresh_from_db()
    other.refresh_from_db()
    assert record_a.destination is None and other.pending_changes == {}


def test_initialise_refuses_out_of_scope_students(client, college_admin, org):
    EmploymentRecord.objects.filter(student=org["students"]["b1"]).delete()
    with pytest.raises(PermissionDenied):
        actions.reinitialise([org["students"]["a1"], org["students"]["b1"]], acting_user=college_admin)
    client.force_login(college_admin)
    client.post(reverse("employment:employmentrecord_initialise"),
                {"pk": [org["students"]["b1"].pk], "source": "students", "_confirm": "1"})
    assert not EmploymentRecord.objects.filter(student=org["students"]["b1"]).exists()


def test_approve_that_breaks_a_rule_is_explained_on_the_page(client, college_admin, record_a):
    record_a.pending_changes = {"destination": code("destination", "75").pk, "employer_name": "某工作室"}
    record_a.review_status = ReviewStatus.PENDING
    record_a.save()
    client.force_login(college_admin)
    response = client.post(edit_url(record_a), {"_action": "approve"}, follow=True)
    assert "未能同意" in response.content.decode() and "统一社会信用代码" in response.content.decode()
    record_a.refresh_from_db()
    assert record_a.review_status == ReviewStatus.PENDING
