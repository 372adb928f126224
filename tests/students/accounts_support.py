"""Helpers for the 会员管理 / impersonation / portal tests: students with their login accounts."""

import pytest

from careers.students.actions import new_student_account


def give_account(student):
    """Attach the login account the import would have created (initial credential, no hash)."""
    user = new_student_account(student)
    user.save()
    student.user = user
    student.save(update_fields=["user"])
    return student


@pytest.fixture
def accounts(org):
    """org's four students, each with an account."""
    return {key: give_account(student) for key, student in org["students"].items()}


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def me(client, accounts):
    """Student a1, signed in, with a password already chosen (no first-login password change in the way)."""
    from careers.accounts.models import User

    student = accounts["a1"]
    User.objects.filter(pk=student.user_id).update(must_change_password=False, initial_credential=False)
    client.force_login(User.objects.get(pk=student.user_id))
    return student
