"""Helpers of the 协议书管理 tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile

from careers.employment.agreements import actions
from careers.employment.agreements.models import AgreementApplication
from careers.students.models import Student
from tests.factories import StudentFactory


def png_bytes():
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 120, 200)).save(out, "PNG")
    return out.getvalue()


def png_upload(name="proof.png"):
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def students(major, n, prefix="S"):
    return [StudentFactory(major=major) for _ in range(n)]


def first_applications(students_):
    return [actions.apply(s, kind="first") for s in students_]


def fresh(application):
    return AgreementApplication.objects.select_related("number", "student").get(pk=application.pk)


def record_number(student):
    return Student.objects.get(pk=student.pk).employment.agreement_number
