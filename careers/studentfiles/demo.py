"""Demo 资料图库 and 档案: the first demo students get gallery images (a photo-sized one and a wide one)
and 档案 records sent (with 机要号 and date) and not yet sent. Idempotent per student."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from careers.students.models import Student

from .actions import upload_image
from .models import ArchiveRecord, StudentImage

MAX_STUDENTS = 3


def _image(size, colour):
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "PNG")
    return SimpleUploadedFile("demo.png", out.getvalue(), content_type="image/png")


@transaction.atomic
def seed(rng, years):
    year = max(years) if years else None
    students = list(Student.objects.filter(graduation_year=year, user__isnull=False, is_active=True)
                    .order_by("pk")[:MAX_STUDENTS])
    for index, student in enumerate(students):
        if not StudentImage.objects.filter(student=student).exists():
            upload_image(student, _image((300, 400), (200, 120, 80)), "证件照", acting_user=student.user)
            if index == 0:
                upload_image(student, _image((1200, 300), (60, 160, 90)), "获奖证书", acting_user=student.user)
        if index < 2 and not ArchiveRecord.objects.filter(student=student).exists():
            sent = index == 0
            ArchiveRecord.objects.create(
                student=student, transfer_unit="本校学生工作处", receiving_unit="广州市天河区人才服务中心",
                receiving_address="广州市天河区天河路1号" if sent else "", postal_code="510620" if sent else "",
                tracking_number="JY2027000123" if sent else "",
                sent_date=student.created_at.date() if sent else None, note="" if sent else "待确认接收单位")
