"""会员管理 (manual 2.3): list, edit, set password, 初始化密码 — permission, scope and audit."""

from unittest import mock

import pytest
from django.contrib.auth import hashers
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.accounts.models import User
from careers.core.models import OperationLog
from careers.students.actions import UNUSABLE_INITIAL
from tests.factories import MajorFactory, StudentFactory, UserFactory
from tests.students.accounts_support import accounts, give_account, private_media  # noqa: F401

pytestmark = pytest.mark.django_db

LIST = reverse("students:account_list")


def refreshed(student):
    return User.objects.get(pk=student.user_id)


def test_menu_item_and_permissions_are_registered(client, college_admin):
    from careers.core.permissions import registry

    codes = registry.all_codes()
    assert {"students.account.view", "students.account.change", "students.account.impersonate"} <= codes
    client.force_login(college_admin)
    assert 'data-menu="students.account.view"' in client.get(reverse("core:home")).content.decode()


def test_list_shows_account_columns_and_states(client, school_admin, accounts):
    a2, b1 = accounts["a2"], accounts["b1"]
    User.objects.filter(pk=a2.user_id).update(initial_credential=False, password="x")
    User.objects.filter(pk=b1.user_id).update(is_active=False)
    client.force_login(school_admin)
    body = client.get(LIST, {"graduation_year": ""}).content.decode()
    for student in accounts.values():
        assert student.student_number in body
    assert "初始密码未修改" in body and "已设置密码" in body and "停用" in body
    assert "甲学院" in body and "甲专业一" in body and "从未登录" in body
    assert "初始化密码" in body and "管理</button>" in body


@pytest.mark.parametrize("state, expected", [("initial", {"a1", "b2"}), ("set", {"a2"}), ("disabled", {"b1"})])
def test_filter_by_account_state(client, school_admin, accounts, state, expected):
    User.objects.filter(pk=accounts["a2"].user_id).update(initial_credential=False, password="x")
    User.objects.filter(pk=accounts["b1"].user_id).update(is_active=False)
    client.force_login(school_admin)
    body = client.get(LIST, {"graduation_year": "", "state": state}).content.decode()
    shown = {key for key, s in accounts.items() if s.student_number in body}
    assert shown == expected


def test_list_defaults_to_operating_year_and_searches(client, school_admin, accounts):
    other = give_account(StudentFactory(major=accounts["a1"].major, graduation_year=2031, name="往届生"))
    client.force_login(school_admin)
    session = client.session
    session["operating_year"] = 2027
    session.save()
    body = client.get(LIST).content.decode()
    assert accounts["a1"].student_number in body and other.student_number not in body
    body = client.get(LIST, {"graduation_year": "", "q": "往届"}).content.decode()
    assert other.student_number in body and accounts["a1"].student_number not in body


def test_college_admin_sees_only_managed_majors(client, college_admin, accounts):
    client.force_login(college_admin)
    body = client.get(LIST, {"graduation_year": "", "per_page": 200}).content.decode()
    assert accounts["a1"].student_number in body and accounts["a2"].student_number in body
    assert accounts["b1"].student_number not in body and accounts["b2"].student_number not in body


def test_permissions_are_required(client, college_admin, accounts):
    college_admin.set_permissions(["students.student.view", "students.student.change"])
    college_admin.save()
    client.force_login(college_admin)
    student = accounts["a1"]
    assert client.get(LIST).status_code == 403
    college_admin.set_permissions(["students.account.view"])
    college_admin.save()
    assert client.get(LIST).status_code == 200
    body = client.get(LIST, {"graduation_year": ""}).content.decode()
    assert "初始化密码" not in body and "管理</button>" not in body  # no change / impersonate permission
    assert client.get(reverse("students:account_edit", args=[student.pk])).status_code == 403
    assert client.post(reverse("students:account_password", args=[student.pk]),
                       {"new_password1": "Ab#12345x", "new_password2": "Ab#12345x"}).status_code == 403
    reset = client.post(reverse("students:account_reset_initial"), {"pk": [student.pk], "_confirm": "1"})
    assert reset.status_code == 403
    assert client.post(reverse("students:account_impersonate", args=[student.pk])).status_code == 403


def test_students_and_anonymous_cannot_reach_the_list(client, accounts):
    assert client.get(LIST).status_code == 302
    client.force_login(refreshed(accounts["a1"]))
    User.objects.filter(pk=accounts["a1"].user_id).update(must_change_password=False)
    assert client.get(LIST).status_code == 403


def test_list_query_count_is_fixed(client, school_admin, accounts):
    client.force_login(school_admin)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(LIST, {"graduation_year": "", "per_page": 200}).status_code == 200
        return len(ctx)

    count()
    before = count()
    for i in range(25):
        give_account(StudentFactory(major=MajorFactory(name=f"扩充专业{i}")))
    assert count() == before <= 12


def test_edit_changes_everything_but_the_account(client, college_admin, accounts):
    student = accounts["a1"]
    client.force_login(college_admin)
    url = reverse("students:account_edit", args=[student.pk])
    assert "账号不能修改" in client.get(url).content.decode()
    response = client.post(url, {"username": "hacked", "name": "新名字", "email": "new@example.com",
                                 "phone": "13800000000"})  # is_active unticked -> 停用
    assert response.status_code == 302
    user = refreshed(student)
    assert user.username == student.student_number and user.name == "新名字" and user.email == "new@example.com"
    assert not user.is_active
    log = OperationLog.objects.get(object_type="accounts.user", object_id=str(user.pk), action="update")
    assert log.user == college_admin and "name" in log.changes


def test_edit_shows_field_errors(client, college_admin, accounts):
    client.force_login(college_admin)
    response = client.post(reverse("students:account_edit", args=[accounts["a1"].pk]),
                           {"name": "", "email": "not-an-email", "is_active": "on"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "有效的电子邮件" in body or "电子邮箱" in body


def test_out_of_scope_account_is_404_for_every_action(client, college_admin, accounts):
    student = accounts["b1"]
    before = refreshed(student)
    client.force_login(college_admin)
    for name in ("account_edit", "account_password"):
        url = reverse(f"students:{name}", args=[student.pk])
        assert client.get(url).status_code == 404
        data = {"name": "x", "new_password1": "Ab#12345x", "new_password2": "Ab#12345x"}
        assert client.post(url, data).status_code == 404
    assert client.post(reverse("students:account_impersonate", args=[student.pk])).status_code == 404
    after = refreshed(student)
    assert (after.name, after.password, after.is_active) == (before.name, before.password, before.is_active)


def test_set_password_follows_the_policy(client, college_admin, accounts):
    student = accounts["a1"]
    client.force_login(college_admin)
    url = reverse("students:account_password", args=[student.pk])
    body = client.post(url, {"new_password1": "abc", "new_password2": "abc"}).content.decode()
    assert "至少需要 8 个字符" in body
    body = client.post(url, {"new_password1": f"{student.student_number}Aa!",
                             "new_password2": f"{student.student_number}Aa!"}).content.decode()
    assert "不能与账号相同" in body
    body = client.post(url, {"new_password1": "Good#Pass1", "new_password2": "Good#Pass2"}).content.decode()
    assert "两次输入的新密码不一致" in body
    assert refreshed(student).password == UNUSABLE_INITIAL


def test_set_password_hashes_strongly_and_forces_change_at_next_login(client, college_admin, accounts):
    student = accounts["a1"]
    client.force_login(college_admin)
    response = client.post(reverse("students:account_password", args=[student.pk]),
                           {"new_password1": "Good#Pass1", "new_password2": "Good#Pass1"})
    assert response.status_code == 302
    user = refreshed(student)
    assert user.check_password("Good#Pass1") and hashers.identify_hasher(user.password)
    assert not user.initial_credential and user.must_change_password and user.password_changed_at
    log = OperationLog.objects.get(object_type="accounts.user", object_id=str(user.pk))
    assert log.user == college_admin and "Good#Pass1" not in str(log.changes)
    # the student logs in with it and is sent to change it at once
    client.logout()
    login = client.post(reverse("accounts:login"), {"username": user.username, "password": "Good#Pass1"})
    assert login.status_code == 302
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302 and reverse("accounts:password_change") in response["Location"]
    # the initial credential no longer works
    client.logout()
    body = client.post(reverse("accounts:login"), {"username": user.username,
                                                   "password": student.initial_password}).content.decode()
    assert "账号或密码错误" in body


def test_bulk_initialise_asks_for_confirmation_then_resets_without_hashing(client, college_admin, accounts):
    a1, a2 = accounts["a1"], accounts["a2"]
    User.objects.filter(pk__in=[a1.user_id, a2.user_id]).update(password="argon2$whatever", initial_credential=False,
                                                               must_change_password=False)
    client.force_login(college_admin)
    url = reverse("students:account_reset_initial")
    confirm = client.post(url, {"pk": [a1.pk, a2.pk], "return_url": LIST})
    assert confirm.status_code == 200 and "确认初始化" in confirm.content.decode()
    assert refreshed(a1).password == "argon2$whatever"
    with mock.patch("django.contrib.auth.hashers.make_password") as make_password:
        response = client.post(url, {"pk": [a1.pk, a2.pk], "_confirm": "1", "return_url": LIST})
    assert response.status_code == 302 and response["Location"] == LIST
    make_password.assert_not_called()
    for student in (a1, a2):
        user = refreshed(student)
        assert user.password == UNUSABLE_INITIAL and user.initial_credential and user.must_change_password
    log = OperationLog.objects.get(message__contains="初始化 2 个学生账号")
    assert log.user == college_admin and a1.student_number in log.changes["accounts"][1]


def test_bulk_initialise_with_an_out_of_scope_row_changes_nothing(client, college_admin, accounts):
    a1, b1 = accounts["a1"], accounts["b1"]
    User.objects.filter(pk__in=[a1.user_id, b1.user_id]).update(password="kept", initial_credential=False)
    client.force_login(college_admin)
    response = client.post(reverse("students:account_reset_initial"), {"pk": [a1.pk, b1.pk], "_confirm": "1"})
    assert response.status_code == 302
    assert refreshed(a1).password == "kept" and refreshed(b1).password == "kept"
    assert not OperationLog.objects.filter(message__contains="初始化").exists()


def test_bulk_initialise_needs_a_selection_and_ignores_foreign_return_urls(client, college_admin, accounts):
    client.force_login(college_admin)
    response = client.post(reverse("students:account_reset_initial"), {"return_url": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == LIST


def test_initialised_student_logs_in_with_id_suffix_again(client, school_admin, accounts):
    student = accounts["a1"]
    User.objects.filter(pk=student.user_id).update(password="x", initial_credential=False)
    client.force_login(school_admin)
    client.post(reverse("students:account_reset_initial"), {"pk": [student.pk], "_confirm": "1"})
    client.logout()
    response = client.post(reverse("accounts:login"), {"username": student.student_number,
                                                       "password": student.initial_password})
    assert response.status_code == 302


def test_student_without_account_is_listed_without_actions(client, school_admin, org):
    client.force_login(school_admin)
    body = client.get(LIST, {"graduation_year": ""}).content.decode()
    assert "无账号" in body and org["students"]["a1"].student_number in body
    assert client.get(reverse("students:account_edit", args=[org["students"]["a1"].pk])).status_code == 404


def test_counselor_without_account_permissions_gets_403(client, org, accounts):
    counselor = UserFactory(username="c-acc", kind=User.Kind.COUNSELOR, permissions=["students.student.view"])
    counselor.managed_majors.set([org["majors"]["a1"]])
    client.force_login(counselor)
    assert client.get(LIST).status_code == 403
