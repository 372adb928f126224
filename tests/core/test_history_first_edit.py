"""The first edit of a row inserted in bulk (no history yet) is in the operation log with its changes."""

import pytest
from django.urls import reverse

from careers.codes.models import Code, CodeTable
from careers.core.models import OperationLog

pytestmark = pytest.mark.django_db


def test_first_edit_of_a_bulk_inserted_code_is_logged_with_its_changes(client, school_admin):
    table = CodeTable.objects.get(kind="ethnicity")
    Code.objects.bulk_create([Code(table=table, code="T1", name="测试民族", sort=900)])  # no history row
    code = Code.objects.get(table=table, code="T1")
    client.force_login(school_admin)
    response = client.post(reverse("codes:code_edit", kwargs={"pk": code.pk}), {
        "table": table.pk, "code": "T1", "name": "测试民族（改）", "parent": "", "level": 1, "sort": 900,
        "is_active": "on"})
    assert response.status_code == 302
    log = OperationLog.objects.get(object_type="codes.code", object_id=str(code.pk))
    assert log.action == "update" and log.changes == {"name": ["测试民族", "测试民族（改）"]}


def test_a_first_save_that_changes_nothing_is_not_logged(client, school_admin):
    table = CodeTable.objects.get(kind="ethnicity")
    Code.objects.bulk_create([Code(table=table, code="T2", name="测试民族二", sort=901)])
    code = Code.objects.get(table=table, code="T2")
    client.force_login(school_admin)
    client.post(reverse("codes:code_edit", kwargs={"pk": code.pk}), {
        "table": table.pk, "code": "T2", "name": "测试民族二", "parent": "", "level": 1, "sort": 901,
        "is_active": "on"})
    assert not OperationLog.objects.filter(object_type="codes.code", object_id=str(code.pk)).exists()


def test_first_edit_of_a_bulk_inserted_account_is_logged(school_admin):
    from careers.accounts.models import User

    User.objects.bulk_create([User(username="bulk-1", name="批量账号", kind=User.Kind.STUDENT)])
    user = User.objects.get(username="bulk-1")
    user.name = "批量账号（改）"
    user._history_user = school_admin
    user.save()
    log = OperationLog.objects.get(object_type="accounts.user", object_id=str(user.pk))
    assert log.changes == {"name": ["批量账号", "批量账号（改）"]}
