"""学生信息汇总: one page per student with everything known about them, within scope."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.students.actions import new_student_account
from careers.students.records.review import change_status, reject_changes, transfer_student
from tests.factories import UserFactory
from tests.students.review_support import code, submit

pytestmark = pytest.mark.django_db


def summary_url(student):
    return reverse("students:student_summary", kwargs={"pk": student.pk})


@pytest.fixture
def rich_student(org, school_admin):
    """A student with an account, a status change, a transfer, a rejected review and pending changes."""
    student = org["students"]["a1"]
    user = new_student_account(student)
    user.save()
    student.user = user
    student.save(update_fields=["user"])
    change_status(student, status=code("enrolment_status", "02"), reason="因病休学", acting_user=school_admin)
    transfer_student(student, to_major=org["majors"]["a2"], to_year=2028, reason="休学后延期", acting_user=school_admin)
    submit(student, ethnicity=code("ethnicity", "02"))
    reject_changes(student, reason="请先上传证明", acting_user=school_admin)
    submit(student, political_status=code("political_status", "01"))
    student.refresh_from_db()
    return student


def test_summary_page_shows_everything(client, rich_student, college_admin):
    client.force_login(college_admin)
    body = client.get(summary_url(rich_student)).content.decode()
    for text in (rich_student.student_number, rich_student.name, "休学",  # record and status
                 "初始密码（身份证号后 6 位）", "下次登录须修改",  # account state
                 "在读 → <strong>休学</strong>", "因病休学",  # status changes
                 "2027 届 甲专业一 → 2028 届 甲专业二", "休学后延期",  # transfers
                 "审核不通过：请先上传证明", "有待审核的修改：政治面貌",  # review history, pending
                 "派遣类别", "回生源地", "毕业去向", "未填报",  # dispatch / employment
                 "修改记录", "毕业年份：2027 → 2028"):
        assert text in body, text


def test_summary_list_and_page_respect_scope(client, org, college_admin):
    client.force_login(college_admin)
    body = client.get(reverse("students:summary_list"), {"graduation_year": ""}).content.decode()
    assert "学生信息汇总" in body
    assert org["students"]["a1"].student_number in body and org["students"]["b1"].student_number not in body
    assert client.get(summary_url(org["students"]["b1"])).status_code == 404


def test_summary_lists_inactive_students_too(client, org, school_admin):
    change_status(org["students"]["a1"], status=code("enrolment_status", "03"), reason="退学", acting_user=school_admin)
    client.force_login(school_admin)
    body = client.get(reverse("students:summary_list"), {"graduation_year": ""}).content.decode()
    assert org["students"]["a1"].student_number in body


def test_summary_needs_its_menu_permission(client, org):
    user = UserFactory(username="viewer", permissions=["students.student.view"])
    user.managed_majors.set(org["majors"].values())
    client.force_login(user)
    assert client.get(reverse("students:summary_list")).status_code == 403
    assert client.get(summary_url(org["students"]["a1"])).status_code == 403
    user.set_permissions(["students.summary.view"])
    user.save()
    assert client.get(summary_url(org["students"]["a1"])).status_code == 200
    body = client.get(reverse("core:home")).content.decode()
    assert 'data-menu="students.summary.view"' in body


def test_summary_page_query_count_does_not_grow_with_history(client, org, school_admin):
    student = org["students"]["a1"]
    client.force_login(school_admin)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(summary_url(student)).status_code == 200
        return len(ctx)

    count()
    before = count()
    for i in range(5):
        status = code("enrolment_status", "02" if i % 2 == 0 else "01")
        change_status(student, status=status, reason=f"第{i}次", acting_user=school_admin)
        transfer_student(student, to_major=org["majors"]["a2" if i % 2 == 0 else "a1"], to_year=2027 + i + 1,
                         reason=f"r{i}", acting_user=school_admin)
    assert count() == before


def test_summary_list_joins_only_what_it_shows(client, org, college_admin):
    """The list loads its nine columns, not the summary page's eleven joins (issue 13: 45 ms of planning per
    page, and for a college admin a join of every student of the year before the scope: 270 ms)."""
    client.force_login(college_admin)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("students:summary_list"), {"graduation_year": ""}).content.decode()
    assert len(queries) <= 10, [q["sql"][:80] for q in queries]
    page = next(q["sql"] for q in queries if q["sql"].startswith('SELECT "students_student"."id"')
                and '"org_college"."name"' in q["sql"])
    for loaded in ('"accounts_user"."', '"org_campus"."', '"org_department"."', '"id_number"', '"pending_changes"'):
        assert loaded not in page, loaded
    student = org["students"]["a1"]
    for text in (student.student_number, student.name, "男", "甲专业一", "甲学院", "在读"):
        assert text in body, text
