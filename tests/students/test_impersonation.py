"""进入学生账户 (manual 2.3.3): 20 minutes as one student, audited, fenced, never beyond scope."""

import time

import pytest
from django.contrib.auth import SESSION_KEY as AUTH_KEY
from django.core import signing
from django.urls import reverse

from careers.accounts import impersonation
from careers.accounts.models import User
from careers.core.models import OperationLog
from tests.students.accounts_support import accounts, private_media  # noqa: F401

pytestmark = pytest.mark.django_db


def start(client, student):
    return client.post(reverse("students:account_impersonate", args=[student.pk]))


def session_user_id(client):
    return int(client.session[AUTH_KEY]) if AUTH_KEY in client.session else None


def rewrite_token(client, **changes):
    session = client.session
    data = signing.loads(session[impersonation.SESSION_KEY], salt=impersonation.SALT)
    data.update(changes)
    session[impersonation.SESSION_KEY] = signing.dumps(data, salt=impersonation.SALT)
    session.save()


@pytest.fixture
def inside(client, college_admin, accounts):
    """The college admin inside student a1's account."""
    client.force_login(college_admin)
    session = client.session
    session["operating_year"] = 2027
    session.save()
    response = start(client, accounts["a1"])
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    return accounts["a1"]


def test_start_logs_in_as_the_student_with_a_new_session_and_an_audit_record(client, college_admin, accounts):
    student = accounts["a1"]
    User.objects.filter(pk=student.user_id).update(last_login=None)
    client.force_login(college_admin)
    old_key = client.session.session_key
    start(client, student)
    assert session_user_id(client) == student.user_id
    assert client.session.session_key != old_key
    log = OperationLog.objects.get(action="login", module="students")
    assert log.user == college_admin and log.object_id == str(student.user_id) and "20 分钟" in log.message
    assert User.objects.get(pk=student.user_id).last_login is None  # 最近登录 stays the student's own


def test_banner_on_every_page_with_the_way_back(client, inside, college_admin):
    for url in (reverse("portal:home"), reverse("portal:edit"), reverse("core:home"), reverse("core:inbox")):
        body = client.get(url, follow=True).content.decode()  # core:home sends students to portal:home
        assert 'id="impersonation-banner"' in body, url
        assert college_admin.name in body and "返回管理员" in body
        assert reverse("accounts:impersonate_stop") in body


def test_student_with_initial_password_does_not_trap_the_admin(client, inside):
    assert User.objects.get(pk=inside.user_id).must_change_password
    assert client.get(reverse("portal:home")).status_code == 200
    assert client.get(reverse("portal:edit")).status_code == 200


def test_stop_returns_to_the_admin_with_a_new_session_and_audit(client, inside, college_admin):
    key_inside = client.session.session_key
    response = client.post(reverse("accounts:impersonate_stop"))
    assert response.status_code == 302 and response["Location"] == reverse("students:account_list")
    assert session_user_id(client) == college_admin.pk
    assert client.session.session_key != key_inside
    assert impersonation.SESSION_KEY not in client.session
    assert client.session["operating_year"] == 2027  # the admin's working year survives the visit
    log = OperationLog.objects.get(action="logout", module="students")
    assert log.user == college_admin and log.object_id == str(inside.user_id)
    assert "返回管理员" in log.message
    assert client.get(reverse("students:account_list")).status_code == 200


def test_stop_is_post_only(client, inside):
    assert client.get(reverse("accounts:impersonate_stop")).status_code == 405


def test_expires_after_twenty_minutes_on_the_next_request(client, inside, college_admin):
    assert impersonation.DURATION.total_seconds() == 20 * 60
    rewrite_token(client, expires=int(time.time()) - 1)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302 and response["Location"] == reverse("students:account_list")
    assert session_user_id(client) == college_admin.pk
    assert "已超过 20 分钟" in OperationLog.objects.get(action="logout", module="students").message
    assert "自动返回管理员账户" in client.get(reverse("students:account_list")).content.decode()


def test_still_valid_just_before_expiry(client, inside):
    rewrite_token(client, expires=int(time.time()) + 30)
    assert client.get(reverse("portal:home")).status_code == 200


@pytest.mark.parametrize("name", ["students:student_list", "students:account_list", "accounts:user_list",
                                  "core:operationlog_list", "org:major_list"])
def test_no_backoffice_page_while_inside(client, inside, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert "返回管理员" in client.get(reverse("portal:home")).content.decode()


def test_cannot_change_the_students_password_or_profile_while_inside(client, inside):
    before = User.objects.get(pk=inside.user_id)
    for url in (reverse("accounts:password_change"), reverse("accounts:profile")):
        assert client.get(url)["Location"] == reverse("portal:home")
        response = client.post(url, {"old_password": inside.initial_password, "new_password1": "New#Pass123",
                                     "new_password2": "New#Pass123", "name": "改名"})
        assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    after = User.objects.get(pk=inside.user_id)
    assert (after.password, after.name, after.initial_credential) == (before.password, before.name, True)
    assert "修改密码" not in client.get(reverse("portal:home")).content.decode()


def test_cannot_start_another_impersonation_while_inside(client, inside, accounts):
    response = start(client, accounts["a2"])
    assert response.status_code == 302 and response["Location"] == reverse("portal:home")
    assert session_user_id(client) == inside.user_id
    assert OperationLog.objects.filter(action="login", module="students").count() == 1


def test_start_refuses_a_nested_visit_at_the_function_level(rf, college_admin, accounts):
    from django.contrib.sessions.backends.db import SessionStore

    request = rf.post("/")
    request.session = SessionStore()
    request.session[impersonation.SESSION_KEY] = "x"
    request.user = college_admin
    with pytest.raises(impersonation.ImpersonationError):
        impersonation.start(request, accounts["a1"].user)


def test_out_of_scope_student_cannot_be_entered(client, college_admin, accounts):
    client.force_login(college_admin)
    assert start(client, accounts["b1"]).status_code == 404
    assert session_user_id(client) == college_admin.pk
    assert not OperationLog.objects.filter(action="login", module="students").exists()


def test_permission_is_required(client, college_admin, accounts):
    college_admin.set_permissions(["students.account.view", "students.account.change"])
    college_admin.save()
    client.force_login(college_admin)
    assert start(client, accounts["a1"]).status_code == 403
    assert session_user_id(client) == college_admin.pk


def test_get_does_not_start(client, college_admin, accounts):
    client.force_login(college_admin)
    assert client.get(reverse("students:account_impersonate", args=[accounts["a1"].pk])).status_code == 405
    assert session_user_id(client) == college_admin.pk


def test_disabled_student_account_cannot_be_entered(client, college_admin, accounts):
    User.objects.filter(pk=accounts["a1"].user_id).update(is_active=False)
    client.force_login(college_admin)
    response = start(client, accounts["a1"])
    assert response["Location"] == reverse("students:account_list")
    assert session_user_id(client) == college_admin.pk


def test_token_bound_to_one_student_swapping_the_user_ends_everything(client, inside, accounts):
    session = client.session
    session[AUTH_KEY] = str(accounts["a2"].user_id)  # the session now claims another student
    session.save()
    response = client.get(reverse("portal:home"))
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")
    assert session_user_id(client) is None


def test_token_rewritten_for_another_student_ends_everything(client, inside, accounts):
    rewrite_token(client, student_id=accounts["b1"].user_id)
    client.get(reverse("portal:home"))
    assert session_user_id(client) is None


def test_forged_token_ends_everything(client, inside):
    session = client.session
    session[impersonation.SESSION_KEY] = signing.dumps({"id": 1, "student_id": inside.user_id,
                                                        "expires": int(time.time()) + 999}, salt="wrong")
    session.save()
    client.get(reverse("portal:home"))
    assert session_user_id(client) is None


def test_admin_disabled_meanwhile_is_logged_out_not_returned(client, inside, college_admin):
    User.objects.filter(pk=college_admin.pk).update(is_active=False)
    response = client.post(reverse("accounts:impersonate_stop"))
    assert response["Location"] == reverse("accounts:login")
    assert session_user_id(client) is None


def test_logout_while_inside_is_audited_and_logs_out(client, inside, college_admin):
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert session_user_id(client) is None
    assert OperationLog.objects.filter(action="logout", module="students", user=college_admin).exists()


def test_a_student_cannot_use_stop_to_become_anyone(client, accounts):
    student = accounts["a1"]
    User.objects.filter(pk=student.user_id).update(must_change_password=False)
    client.force_login(User.objects.get(pk=student.user_id))
    response = client.post(reverse("accounts:impersonate_stop"))
    assert response.status_code == 302
    assert session_user_id(client) == student.user_id
    assert client.get(reverse("students:account_list")).status_code == 403


def test_writes_inside_are_logged_under_the_admin(client, inside, college_admin):
    response = client.post(reverse("portal:edit"), {"phone": "13912345678", "email": "x@example.com"})
    assert response.status_code == 302
    log = OperationLog.objects.get(action="update", module="students", object_type="students.student")
    assert log.user == college_admin and "管理员进入学生账户" in log.message
    assert log.changes["phone"] == ["", "13912345678"]


def test_school_admin_can_enter_any_student(client, school_admin, accounts):
    client.force_login(school_admin)
    start(client, accounts["b2"])
    assert session_user_id(client) == accounts["b2"].user_id
