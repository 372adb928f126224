"""跟踪记录: adding, editing and deleting entries; date rules; permission and scope; audit."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from careers.core.models import OperationLog
from careers.followup.models import FollowUpEntry
from tests.factories import UserFactory

from .conftest import entry

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {"contacted_on": "2026-10-08", "method": "phone", "situation": "seeking",
            "difficulties": ["poverty", "long_term"], "help_given": "推荐了三个岗位", "next_step": "下周回访",
            "next_contact_on": "2026-10-15"}
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def page(student):
    return reverse("followup:ledgerstudent_detail", kwargs={"pk": student.pk})


def test_add_entry_records_it_with_the_admin_and_audits(client, college_admin, org):
    student = org["students"]["a1"]
    client.force_login(college_admin)
    response = client.post(page(student), form_data())
    assert response.status_code == 302
    entry_ = FollowUpEntry.objects.get(student=student)
    assert entry_.recorded_by == college_admin
    assert entry_.difficulties == ["poverty", "long_term"] and entry_.has_difficulty
    assert entry_.history.count() == 1 and entry_.history.first().history_user == college_admin
    log = OperationLog.objects.get(object_type="followup.followupentry", object_id=str(entry_.pk))
    assert log.action == "create" and log.user == college_admin
    body = client.get(page(student)).content.decode()
    assert "推荐了三个岗位" in body and "家庭经济困难、长期未就业" in body


@pytest.mark.parametrize("overrides, field, message", [
    ({"contacted_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
      "next_contact_on": None}, "contacted_on", "联系日期不能晚于今天"),
    ({"next_contact_on": "2026-10-01"}, "next_contact_on", "下次联系日期不能早于本次联系日期"),
    ({"contacted_on": "2025-12-31", "next_contact_on": None}, "contacted_on", "联系日期不能早于 2026-01-01"),
    ({"contacted_on": "2026/13/01"}, "contacted_on", "联系日期格式不正确"),
    ({"contacted_on": ""}, "contacted_on", "请填写联系日期"),
    ({"situation": ""}, "situation", "请选择求职状态"),
    ({"difficulties": ["rich"]}, "difficulties", "rich"),
])
def test_invalid_entry_is_refused_with_a_chinese_message(client, college_admin, org, overrides, field, message):
    student = org["students"]["a1"]
    client.force_login(college_admin)
    response = client.post(page(student), form_data(**overrides))
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors.get(field, []))
    assert message in response.content.decode()
    assert not FollowUpEntry.objects.exists()


def test_entry_model_rules_apply_outside_the_form_too(org):
    from django.core.exceptions import ValidationError

    from careers.followup.actions import add_entry

    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        add_entry(org["students"]["a1"], {"contacted_on": tomorrow, "situation": "seeking"}, user=None)
    assert "联系日期不能晚于今天" in str(exc.value)
    assert not FollowUpEntry.objects.exists()


def test_new_entry_form_starts_from_the_latest_situation(client, college_admin, org):
    student = org["students"]["a1"]
    entry(student, "2026-09-01", "seeking", ["poverty"])
    entry(student, "2026-10-01", "offered", ["disability"])
    client.force_login(college_admin)
    form = client.get(page(student)).context["form"]
    assert form.initial["situation"] == "offered" and form.initial["difficulties"] == ["disability"]


def test_out_of_scope_student_page_and_post_are_404(client, college_admin, org):
    other = org["students"]["b1"]
    client.force_login(college_admin)
    assert client.get(page(other)).status_code == 404
    assert client.post(page(other), form_data()).status_code == 404
    assert not FollowUpEntry.objects.exists()


def test_reading_without_add_permission_shows_no_form_and_refuses_post(client, org):
    reader = UserFactory(username="reader", permissions=["followup.ledgerstudent.view"])
    reader.managed_majors.set([org["majors"]["a1"]])
    client.force_login(reader)
    response = client.get(page(org["students"]["a1"]))
    assert response.status_code == 200 and response.context["form"] is None
    assert client.post(page(org["students"]["a1"]), form_data()).status_code == 403
    assert not FollowUpEntry.objects.exists()


def test_without_menu_permission_the_ledger_is_403(client, org):
    user = UserFactory(username="noledger", permissions=["students.student.view"])
    user.managed_majors.set([org["majors"]["a1"]])
    client.force_login(user)
    assert client.get(reverse("followup:ledgerstudent_list")).status_code == 403
    assert client.get(page(org["students"]["a1"])).status_code == 403


def test_edit_and_delete_entry(client, college_admin, org):
    student = org["students"]["a1"]
    item = entry(student, "2026-10-01", "seeking")
    client.force_login(college_admin)
    url = reverse("followup:followupentry_edit", kwargs={"pk": item.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, form_data(situation="signed", difficulties=[]))
    assert response.status_code == 302 and response["Location"] == page(student)
    item.refresh_from_db()
    assert item.situation == "signed" and item.difficulties == [] and not item.has_difficulty
    log = OperationLog.objects.filter(object_type="followup.followupentry", action="update").get()
    assert log.changes["situation"] == ["seeking", "signed"]
    delete = reverse("followup:followupentry_delete", kwargs={"pk": item.pk})
    assert client.get(delete).status_code == 200
    assert client.post(delete)["Location"] == page(student)
    assert not FollowUpEntry.objects.exists()
    assert OperationLog.objects.filter(object_type="followup.followupentry", action="delete").exists()


def test_invalid_edit_changes_nothing(client, college_admin, org):
    item = entry(org["students"]["a1"], "2026-10-01", "seeking")
    client.force_login(college_admin)
    url = reverse("followup:followupentry_edit", kwargs={"pk": item.pk})
    response = client.post(url, form_data(next_contact_on="2026-01-05"))
    assert response.status_code == 200 and "下次联系日期不能早于本次联系日期" in response.content.decode()
    item.refresh_from_db()
    assert item.next_contact_on is None and item.contacted_on == datetime.date(2026, 10, 1)


def test_out_of_scope_entry_cannot_be_edited_or_deleted(client, college_admin, org):
    item = entry(org["students"]["b1"], "2026-10-01", "seeking")
    client.force_login(college_admin)
    for name in ("followup:followupentry_edit", "followup:followupentry_delete"):
        url = reverse(name, kwargs={"pk": item.pk})
        assert client.get(url).status_code == 404
        assert client.post(url, form_data(situation="signed")).status_code == 404
    item.refresh_from_db()
    assert item.situation == "seeking"
