import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from careers.accounts import actions
from careers.accounts.models import User
from careers.core.models import OperationLog
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def login_post(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_production_hasher_is_argon2():
    assert "Argon2PasswordHasher" in settings.PASSWORD_HASHERS[1 if settings.PASSWORD_HASHERS[0].endswith("MD5PasswordHasher") else 0]


def test_login_and_logout(client):
    UserFactory(username="a1001")
    response = login_post(client, "a1001", TEST_PASSWORD)
    assert response.status_code == 302
    assert OperationLog.objects.filter(action="login", object_id__isnull=False).exists()
    assert client.get(reverse("accounts:logout")).status_code == 405  # logout is POST-only (CSRF-protected)
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("students:student_list")).status_code == 302


def test_wrong_password_message_in_chinese(client):
    UserFactory(username="a1002")
    body = login_post(client, "a1002", "wrong").content.decode()
    assert "账号或密码错误" in body


def test_lockout_after_repeated_failures(client):
    UserFactory(username="a1003")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login_post(client, "a1003", "wrong-password")
    response = login_post(client, "a1003", TEST_PASSWORD)  # even the right password is refused now
    assert response.status_code == 429
    assert "锁定" in response.content.decode()


def test_admin_created_with_default_password_must_change_it(client, school_admin):
    account = actions.create_admin_account(username="88001", name="新管理员", kind=User.Kind.COLLEGE_ADMIN,
                                           acting_user=school_admin)
    assert account.check_password("88001123456") and account.must_change_password
    assert login_post(client, "88001", "88001123456").status_code == 302
    response = client.get(reverse("core:home"))
    assert response.status_code == 302 and reverse("accounts:password_change") in response["Location"]
    # the new password must satisfy the policy
    bad = client.post(reverse("accounts:password_change"), {
        "old_password": "88001123456", "new_password1": "88001abcD!", "new_password2": "88001abcD!"})
    assert "账号" in bad.content.decode()
    ok = client.post(reverse("accounts:password_change"), {
        "old_password": "88001123456", "new_password1": "Zx#9kLm2q", "new_password2": "Zx#9kLm2q"})
    assert ok.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200


def test_school_admin_creates_admin_through_the_form(client, school_admin):
    client.force_login(school_admin)
    response = client.post(reverse("accounts:user_add"), {
        "kind": "college_admin", "username": "77001", "name": "院管", "is_active": "on"})
    assert response.status_code == 302
    user = User.objects.get(username="77001")
    assert user.check_password("77001123456") and user.must_change_password
    log = OperationLog.objects.get(action="create", object_type="accounts.user", object_id=str(user.pk))
    assert log.user == school_admin and log.ip_address == "127.0.0.1"


def test_college_admin_cannot_manage_admin_accounts_even_if_ticked(client, college_admin):
    assert "accounts.user.add" in college_admin.permissions
    client.force_login(college_admin)
    assert client.get(reverse("accounts:user_list")).status_code == 403
    assert client.post(reverse("accounts:user_add"), {"kind": "school_admin", "username": "x", "name": "x"}).status_code == 403


def test_ticking_permissions(client, school_admin, org):
    target = UserFactory(username="66001", permissions=[])
    client.force_login(school_admin)
    url = reverse("accounts:user_permissions", kwargs={"pk": target.pk})
    assert "students.student.view" in client.get(url).content.decode()
    client.post(url, {"codes": ["students.student.view", "students.student.export"]})
    target.refresh_from_db()
    assert target.permissions == ["students.student.export", "students.student.view"]
    log = OperationLog.objects.filter(object_type="accounts.user", object_id=str(target.pk), action="update").first()
    assert "permissions" in log.changes
    # unknown codes are refused whole
    client.post(url, {"codes": ["students.student.view", "made.up.code"]})
    target.refresh_from_db()
    assert target.permissions == ["students.student.export", "students.student.view"]


def test_role_template_copy(client, school_admin):
    from careers.accounts.models import RoleTemplate

    template = RoleTemplate.objects.create(name="辅导员", permissions=["students.student.view"])
    target = UserFactory(username="66002", permissions=[])
    client.force_login(school_admin)
    client.post(reverse("accounts:user_permissions", kwargs={"pk": target.pk}), {"template": template.pk})
    target.refresh_from_db()
    assert target.permissions == ["students.student.view"]


def test_managed_majors_plus_minus_and_whole_college(client, school_admin, org):
    target = UserFactory(username="66003", permissions=["students.student.view"])
    client.force_login(school_admin)
    url = reverse("accounts:user_majors", kwargs={"pk": target.pk})
    page = client.get(url, {"college": org["college_a"].pk}).content.decode()
    assert "甲专业一" in page and "乙专业一" not in page
    client.post(url, {"add": org["majors"]["b1"].pk})
    assert set(target.managed_majors.all()) == {org["majors"]["b1"]}
    client.post(url, {"add_college": org["college_a"].pk})
    client.post(url, {"remove": org["majors"]["b1"].pk})
    assert set(target.managed_majors.all()) == {org["majors"]["a1"], org["majors"]["a2"]}
    # takes effect on the next request: the student list now shows college A only
    other = Client()
    other.force_login(target)
    body = other.get(reverse("students:student_list"), {"graduation_year": ""}).content.decode()
    assert org["students"]["a1"].student_number in body
    assert org["students"]["b1"].student_number not in body


def test_forged_csrf_is_refused_in_chinese(school_admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(school_admin)
    response = client.post(reverse("accounts:user_add"), {"kind": "college_admin", "username": "55001", "name": "x"})
    assert response.status_code == 403
    assert "安全校验失败" in response.content.decode()
    assert not User.objects.filter(username="55001").exists()


def test_expired_session_redirects_to_login(client, school_admin):
    client.force_login(school_admin)
    session = client.session
    session.set_expiry(-1)
    session.save()
    response = client.get(reverse("students:student_list"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_operating_year_selector(client, school_admin, org):
    client.force_login(school_admin)
    client.post(reverse("core:set_operating_year"), {"year": "2027", "next": "/"})
    assert client.session["operating_year"] == 2027
    body = client.get(reverse("students:student_list")).content.decode()
    assert org["students"]["a1"].student_number in body  # factory students graduate in 2027
    client.post(reverse("core:set_operating_year"), {"year": "2026"})
    body = client.get(reverse("students:student_list")).content.decode()
    assert org["students"]["a1"].student_number not in body
    assert client.post(reverse("core:set_operating_year"), {"year": "abc"}).status_code == 400
