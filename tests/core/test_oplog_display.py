"""系统日志 in Chinese: module and object names, changes as 字段：原值 → 新值 with verbose names, related rows
by name, booleans as 是/否, times as local time; no `app.model` paths, field names or raw dicts on the pages."""

import re

import pytest
from django.urls import reverse

from careers.core.models import OperationLog
from careers.core.oplog_display import change_rows, module_label, object_type_label, value_text
from careers.progress.models import ProgressReport

ENGLISH = re.compile(r"\b(accounts\.user|org\.major|college_id|is_active|college|request id|True|False)\b|\{'")


def visible_text(html):
    main = html[html.index("<main"):]
    return re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S))


@pytest.fixture
def logged(org, school_admin):
    """A real save through the history receiver (学院 and 启用 changed) and a log_event-style entry."""
    major = org["majors"]["a1"]
    major.college = org["college_b"]
    major.is_active = False
    major._history_user = school_admin
    major.save()
    OperationLog.objects.create(user=school_admin, user_repr=str(school_admin), module="accounts", action="update",
                                object_type="accounts.user", object_id=str(school_admin.pk),
                                object_repr=str(school_admin), changes={"is_active": ["True", "False"], "rows": 3},
                                request_id="7f8e9d3c-5b4a-4c2d-9e1f-0a1b2c3d4e5f")
    return OperationLog.objects.get(object_type="org.major", action="update")


def test_the_major_change_reads_in_words(logged, org):
    rows = change_rows(logged)
    assert ("学院", "甲学院", "乙学院") not in rows  # without the page's names: the ids (resolved below)
    from careers.core.oplog_display import related_names

    rows = change_rows(logged, related_names([logged]))
    assert ("学院", "甲学院", "乙学院") in rows and ("启用", "是", "否") in rows


def test_labels_and_values():
    assert module_label("accounts") == "管理员账号" and module_label("org") == "学校组织"
    assert module_label("签到设备") == "签到设备" and module_label("system") == "系统"
    assert object_type_label("accounts.user") == "账号" and object_type_label("no.such") == "no.such"
    assert value_text(None, "2026-06-01 01:30:00+00:00") == "2026-06-01 09:30"  # local time (Asia/Shanghai)
    assert value_text(None, "students.student") != "students.student"
    values = ProgressReport._meta.get_field("values")
    assert value_text(values, "{'graduates': 30, 'note': ''}") == "毕业生人数：30；备注："


def test_list_detail_and_history_pages_are_chinese(client, school_admin, logged, django_assert_max_num_queries):
    client.force_login(school_admin)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("core:operationlog_list")).content.decode()
    text = visible_text(page)
    assert not ENGLISH.search(text), ENGLISH.search(text)
    assert "学院：甲学院 → 乙学院" in text and "启用：是 → 否" in text and "学校组织" in text
    assert '<td class="text-nowrap">' in page  # times never wrap
    for log in OperationLog.objects.all():
        text = visible_text(client.get(reverse("core:operationlog_detail", args=[log.pk])).content.decode())
        assert not ENGLISH.search(text), ENGLISH.search(text)
        assert "请求编号" in text and "变更内容" in text
    text = visible_text(client.get(reverse("org:major_detail", args=[logged.object_id])).content.decode())
    assert "学院：甲学院 → 乙学院" in text and not ENGLISH.search(text)


def test_module_filter_offers_chinese_names(client, school_admin, logged):
    client.force_login(school_admin)
    page = client.get(reverse("core:operationlog_list")).content.decode()
    assert '<option value="accounts">管理员账号</option>' in page and '<option value="org">学校组织</option>' in page


def test_export_uses_the_same_words(logged):
    from careers.core.oplog_views import export_fields

    fields = {f.name: f for f in export_fields()}
    assert fields["module"].value(logged) == "学校组织" and fields["object_type"].value(logged) == "专业"
    assert "启用：是 → 否" in fields["changes"].value(logged)
    assert "学院：甲学院 → 乙学院" in fields["changes"].value(logged)  # related rows by name, not their ids


def test_names_survive_an_entry_that_stored_names_and_pending_changes_read_in_words(org, school_admin):
    """One entry stores the code's name (log_event), another its id (a save): both read as names; a
    pending change (a JSON dict of field values) names its fields and codes."""
    from careers.codes.models import Code
    from careers.core.oplog_display import related_names

    student = org["students"]["a1"]
    active, suspended = Code.objects.of("enrolment_status").get(code="01"), Code.objects.of("enrolment_status").get(code="02")
    party = Code.objects.of("political_status").first()
    common = {"user": school_admin, "module": "students", "action": "update", "object_type": "students.student",
              "object_id": str(student.pk)}
    logs = [OperationLog.objects.create(**common, changes={"enrolment_status": ["在读", "休学"]}),
            OperationLog.objects.create(**common, changes={"enrolment_status": [str(active.pk), str(suspended.pk)]}),
            OperationLog.objects.create(**common, changes={"pending_changes": [str({"political_status": party.pk}), "{}"]})]
    names = related_names(logs)
    assert change_rows(logs[0], names) == [("学籍状态", "在读", "休学")]
    assert change_rows(logs[1], names) == [("学籍状态", "在读", "休学")]
    label, old, new = change_rows(logs[2], names)[0]
    assert old == f"政治面貌：{party.name}" and new == ""
