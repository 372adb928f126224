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
