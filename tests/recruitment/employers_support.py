"""Fixtures and helpers of the employer tests (import the fixtures into a test module to use them)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from careers.codes.models import Code
from tests.factories import credit_code
from tests.pdf_samples import MINIMAL_PDF
from tests.recruitment.fake_registry import APP_KEY, APP_SECRET, FakeRegistry
from tests.studentfiles.helpers import jpeg_bytes, png_bytes, private_media  # noqa: F401

PASSWORD = "Qiye#Zhuce2027"
PDF = MINIMAL_PDF


def code(kind, value):
    return Code.objects.of(kind).get(code=value)


def licence_upload(data=None, name="licence.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, jpeg_bytes() if data is None else data, content_type=content_type)


def registration_data(n=1, **overrides):
    data = {
        "name": f"武汉测试软件有限公司{n}", "credit_code": credit_code(900000 + n),
        "nature": code("employer_nature", "39").pk, "industry": code("industry", "65").pk,
        "region": code("region", "420111").pk, "size": "150-500", "address": "武汉市洪山区珞喻路1号",
        "website": "https://www.example.com", "introduction": "", "contact_person": "陈经理",
        "phone": f"1380000{n:04d}", "email": f"hr{n}@example.com", "password1": PASSWORD, "password2": PASSWORD,
    }
    data.update(overrides)
    return data


@pytest.fixture
def fake_registry(settings):
    fake = FakeRegistry().start()
    settings.BUSINESS_REGISTRY = {"backend": "careers.recruitment.employers.registry_client.HttpRegistryClient",
                                  "base_url": fake.base_url, "app_key": APP_KEY, "app_secret": APP_SECRET,
                                  "timeout": 2}
    yield fake
    fake.stop()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
