"""Student login (manual 2.3): 学号 + last 6 of the ID number, forced change, lockout, no hashing on import."""

from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth import hashers
from django.urls import reverse
from stdnum.cn import ric

from careers.accounts.models import User
from careers.students.actions import UNUSABLE_INITIAL, create_students
from careers.students.models import Student
from tests.factories import StudentFactory
from tests.students.accounts_support import accounts, private_media  # noqa: F401

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Campus#2027x"


def login_post(client, username, password):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_first_login_with_initial_credential_forces_a_password_change(client, accounts):
    student = accounts["a1"]
    response = login_post(client, student.student_number, student.initial_password)
    assert response.status_code == 302
    # every page, the student centre included, leads to 修改密码 first
    for url in (reverse("core:home"), reverse("portal:home"), reverse("portal:edit")):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:password_change") in response["Location"]
    page = client.get(reverse("accounts:password_change")).content.decode()
    assert "初始密码" in page and "身份证号后 6 位" in page
    bad = client.post(reverse("accounts:password_change"), {
        "old_password": student.initial_password, "new_password1": "short", "new_password2": "short"})
    assert "至少需要 8 个字符" in bad.content.decode()
    ok = client.post(reverse("accounts:password_change"), {
        "old_password": student.initial_password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert ok.status_code == 302
    user = User.objects.get(pk=student.user_id)
    assert not user.initial_credential and not user.must_change_password
    assert hashers.identify_hasher(user.password) and user.check_password(NEW_PASSWORD)
    # the landing page is the student centre, which now opens
    assert client.get(reverse("core:home"))["Location"] == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200
    # and from now on only the new password works
    client.logout()
    assert "账号或密码错误" in login_post(client, student.student_number, student.initial_password).content.decode()
    assert login_post(client, student.student_number, NEW_PASSWORD).status_code == 302


def test_wrong_initial_password_is_refused(client, accounts):
    student = accounts["a1"]
    wrong = "000000" if student.initial_password != "000000" else "111111"
    body = login_post(client, student.student_number, wrong).content.decode()
    assert "账号或密码错误" in body


def test_disabled_student_cannot_log_in(client, accounts):
    student = accounts["a1"]
    User.objects.filter(pk=student.user_id).update(is_active=False)
    response = login_post(client, student.student_number, student.initial_password)
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_student_lockout_after_five_wrong_tries(client, accounts):
    student = accounts["a1"]
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login_post(client, student.student_number, "999999x")
    response = login_post(client, student.student_number, student.initial_password)  # right one, too late
    assert response.status_code == 429
    assert "锁定" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_create_students_computes_no_password_hash(org):
    major = org["majors"]["a1"]
    students = []
    for i in range(3):  # valid, distinct ID numbers
        body = f"11010520000101{i:03d}"
        students.append(StudentFactory.build(major=major, student_number=f"3033{i:06d}",
                                             id_number=body + ric.calc_check_digit(body)))
    hasher_classes = [type(h) for h in hashers.get_hashers()]
    with mock.patch("django.contrib.auth.hashers.make_password") as make_password, \
            mock.patch.object(User, "set_password") as set_password:
        patches = [mock.patch.object(cls, "encode", side_effect=AssertionError("hashed")) for cls in hasher_classes]
        for patch in patches:
            patch.start()
        try:
            created = create_students(students)
        finally:
            for patch in patches:
                patch.stop()
    make_password.assert_not_called()
    set_password.assert_not_called()
    assert len(created) == 3
    for student in Student.objects.filter(pk__in=[s.pk for s in created]).select_related("user"):
        assert student.user.password == UNUSABLE_INITIAL and student.user.initial_credential
        assert student.user.must_change_password and not student.user.has_usable_password()
