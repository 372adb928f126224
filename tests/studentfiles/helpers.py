"""Helpers shared by the studentfiles, resumes and student-message tests."""

import io

import pytest
from PIL import Image

from careers.accounts.models import User
from tests.factories import UserFactory


def student_account(student, email=""):
    """Give a factory student a login account (the import does this in production)."""
    user = UserFactory(username=student.student_number, name=student.name, kind=User.Kind.STUDENT, email=email)
    student.user = user
    student.save(update_fields=["user"])
    return user


def jpeg_bytes(size=(64, 48), exif=None, color=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "JPEG", exif=exif or b"")
    return buffer.getvalue()


def png_bytes(size=(40, 40), alpha=True):
    buffer = io.BytesIO()
    Image.new("RGBA" if alpha else "RGB", size, (0, 128, 0, 100) if alpha else (0, 128, 0)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT
