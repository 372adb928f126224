"""Shared helpers of the account-appeal tests: licence files, a valid form, a pending appeal."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from careers.recruitment.models import AccountAppeal
from tests.factories import EmployerFactory
from tests.pdf_samples import MINIMAL_PDF


def png_bytes(size=(60, 40), color=(200, 30, 30)):
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "PNG")
    return out.getvalue()


def licence_upload(kind="png", name=None):
    data = {"png": png_bytes(), "pdf": MINIMAL_PDF, "exe": b"MZ\x90\x00" + b"\x00" * 200}[kind]
    content_type = {"png": "image/png", "pdf": "application/pdf", "exe": "image/png"}[kind]
    return SimpleUploadedFile(name or f"licence.{kind}", data, content_type=content_type)


def form_data(employer, **overrides):
    data = {"unit_name": employer.name, "credit_code": employer.credit_code, "contact_person": "李新",
            "phone": "13912345678", "email": "new-hr@unit.example.cn", "reason": "原联系人离职，原邮箱已停用，无法找回密码。"}
    data.update(overrides)
    return data


def make_appeal(employer=None, **fields):
    employer = employer or EmployerFactory(admitted=True, contact_person="王旧", phone="13800000001",
                                           email="old@unit.example.cn")
    values = {"unit_name": employer.name, "credit_code": employer.credit_code, "contact_person": "李新",
              "phone": "13912345678", "email": "new-hr@unit.example.cn", "reason": "原联系人离职，无法登录。"}
    values.update(fields)
    appeal = AccountAppeal(employer=employer, **values)
    appeal.licence.save("licence.png", ContentFile(png_bytes()), save=False)
    appeal.save()
    return appeal


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()
