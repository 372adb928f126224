"""Fixtures and helpers of the company-side fair tests (the unit's application, receipt and payments)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import EmployerFactory, FairFactory, JobFactory, ParticipationFactory
from tests.resumes.test_resumes import PDF
from tests.studentfiles.helpers import jpeg_bytes


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


# The code tables after a flush are the root fixture's (/conftest.py: code_tables, and its teardown hook).
# The name stays importable from here for the modules that import it.
from conftest import code_tables  # noqa: E402,F401


@pytest.fixture
def employer(db):
    return EmployerFactory(admitted=True, name="星辰科技有限公司")


@pytest.fixture
def job(employer):
    return JobFactory(employer=employer, approved=True, title="后端开发工程师")


@pytest.fixture
def fair(db):
    return FairFactory(booths_per_unit=2, attendees_per_unit=3, max_units=2, fee_items=[
        {"name": "展位费", "amount": "800.00", "per": "booth"}, {"name": "餐费", "amount": "30.00", "per": "attendee"}])


@pytest.fixture
def unit_client(client, employer):
    client.force_login(employer.user)
    return client


@pytest.fixture
def participation(fair, employer):
    return ParticipationFactory(fair=fair, employer=employer, amount_due="860.00")


def values(**overrides):
    return {"booths_requested": 1, "attendees": [{"name": "王招聘", "phone": "13800000000", "position": "HR"}],
            "contact_person": "王招聘", "contact_phone": "13800000000", "note": "", **overrides}


def form_data(job=None, **overrides):
    data = {"booths_requested": "1", "attendee_1_name": "王招聘", "attendee_1_phone": "13800000000",
            "attendee_1_position": "HR", "contact_person": "王招聘", "contact_phone": "13800000000",
            "invoice_title": "星辰科技有限公司", "invoice_tax_number": "", "invoice_email": "", "invoice_note": ""}
    if job is not None:
        data["jobs"] = [str(job.pk)]
    data.update(overrides)
    return data


def jpeg_upload(name="receipt.jpg"):
    return SimpleUploadedFile(name, jpeg_bytes(), content_type="image/jpeg")


def pdf_upload(name="receipt.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def pdf_text(data):
    """The text shown by a reportlab PDF whose strings use the UCS-2 CID font (ASCII85 + Flate streams)."""
    import base64
    import re
    import zlib

    streams = [zlib.decompress(base64.a85decode(m.group(1)))
               for m in re.finditer(rb"/ASCII85Decode /FlateDecode \].*?stream\r?\n(.*?)~>", data, re.S)]
    shown = []
    for stream in streams:
        for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", stream, re.S):
            raw = re.sub(rb"\\([0-7]{1,3}|.)", lambda m: bytes([int(m.group(1), 8)]) if m.group(1)[:1].isdigit()
                         else {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(m.group(1), m.group(1)), literal)
            shown.append(raw.decode("utf-16-be", errors="replace") if len(raw) % 2 == 0 else raw.decode("latin-1"))
    return "".join(shown)
