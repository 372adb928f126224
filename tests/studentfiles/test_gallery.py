"""资料图库: upload validation, re-encoding, the 20-image limit and private file access."""

import io
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from careers.core.models import OperationLog
from careers.studentfiles.actions import upload_image
from careers.studentfiles.models import StudentImage
from careers.studentfiles.storage import PrivateStorage
from tests.factories import StudentFactory
from tests.studentfiles.helpers import jpeg_bytes, png_bytes, student_account

pytestmark = pytest.mark.django_db

GALLERY = "portal_gallery:gallery"


@pytest.fixture
def student(org, private_media):
    student = org["students"]["a1"]
    student_account(student)
    return student


def upload(client, data, name="photo.jpg", title="成绩单"):
    return client.post(reverse(GALLERY), {"title": title, "image": SimpleUploadedFile(name, data)})


def exif_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "SecretCameraMaker"  # Make
    exif[0x8825] = {1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 17.0)}  # GPS position
    return exif.tobytes()


def test_upload_reencodes_and_strips_exif(client, student):
    source = jpeg_bytes(exif=exif_with_gps())
    assert b"SecretCameraMaker" in source
    client.force_login(student.user)
    response = upload(client, source)
    assert response.status_code == 302
    image = StudentImage.objects.get(student=student)
    stored = image.image.storage.open(image.image.name).read()
    assert b"SecretCameraMaker" not in stored
    with Image.open(io.BytesIO(stored)) as reread:
        assert reread.format == "JPEG"
        assert not reread.getexif()
        assert reread.size == (64, 48)
    assert image.content_type == "image/jpeg" and image.size == len(stored)


def test_png_with_transparency_stays_png(client, student):
    client.force_login(student.user)
    assert upload(client, png_bytes(), name="scan.png").status_code == 302
    image = StudentImage.objects.get(student=student)
    assert image.content_type == "image/png" and image.image.name.endswith(".png")


def test_renamed_exe_is_rejected_by_content(client, student):
    client.force_login(student.user)
    exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 500
    response = upload(client, exe, name="certificate.jpg")
    assert response.status_code == 400
    assert "文件内容不是可识别的图片" in response.content.decode()
    assert not StudentImage.objects.exists()


def test_oversize_file_is_rejected(client, student):
    client.force_login(student.user)
    big = jpeg_bytes() + b"\x00" * (5 * 1024 * 1024)
    response = upload(client, big)
    assert response.status_code == 400
    assert "超过了 5 MB 的上限" in response.content.decode()
    assert not StudentImage.objects.exists()


def test_decompression_bomb_is_rejected(client, student):
    client.force_login(student.user)
    buffer = io.BytesIO()
    Image.new("1", (8000, 8000)).save(buffer, "PNG")  # tiny file, 64 megapixels
    response = upload(client, buffer.getvalue(), name="bomb.png")
    assert response.status_code == 400
    assert "过大" in response.content.decode()


def test_twenty_first_image_is_refused(client, student):
    StudentImage.objects.bulk_create([StudentImage(student=student, title=f"图{i}", image=f"g/{i}.jpg",
                                                   thumbnail=f"g/{i}t.jpg") for i in range(20)])
    client.force_login(student.user)
    response = upload(client, jpeg_bytes())
    assert response.status_code == 400  # the page says the gallery is full; nothing saved
    assert "已达到 20 张的上限" in response.content.decode()
    assert StudentImage.objects.filter(student=student).count() == 20
    with pytest.raises(Exception, match="最多上传 20 张"):
        upload_image(student, SimpleUploadedFile("a.jpg", jpeg_bytes()), "第21张", acting_user=student.user)


def test_files_are_private(client, student, private_media, settings):
    client.force_login(student.user)
    upload(client, jpeg_bytes())
    image = StudentImage.objects.get()
    path = image.image.path
    assert path.startswith(str(private_media)) and not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        PrivateStorage().url(image.image.name)
    response = client.get(reverse("portal_gallery:image_file", args=[image.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "sandbox" in response["Content-Security-Policy"]
    assert response["Cache-Control"].startswith("private")
    thumb = client.get(reverse("portal_gallery:image_file", args=[image.pk]), {"thumb": 1})
    assert thumb.status_code == 200
    assert f"/media/{image.image.name}" not in client.get(reverse(GALLERY)).content.decode()


def test_other_student_gets_404(client, student, org):
    client.force_login(student.user)
    upload(client, jpeg_bytes())
    image = StudentImage.objects.get()
    other = org["students"]["a2"]
    student_account(other)
    client.force_login(other.user)
    assert client.get(reverse("portal_gallery:image_file", args=[image.pk])).status_code == 404
    assert client.post(reverse("portal_gallery:image_delete", args=[image.pk])).status_code == 404
    assert StudentImage.objects.filter(pk=image.pk).exists()


def test_admin_access_follows_scope(client, student, college_admin, school_admin, org):
    client.force_login(student.user)
    upload(client, jpeg_bytes())
    mine = StudentImage.objects.get()
    outsider = org["students"]["b1"]
    student_account(outsider)
    client.force_login(outsider.user)
    upload(client, jpeg_bytes(color=(0, 0, 255)))
    theirs = StudentImage.objects.get(student=outsider)

    client.force_login(college_admin)
    assert client.get(reverse("studentfiles:studentimage_file", args=[mine.pk])).status_code == 200
    assert client.get(reverse("studentfiles:studentimage_file", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("studentfiles:student_gallery", args=[outsider.pk])).status_code == 404
    assert client.get(reverse("portal_gallery:image_file", args=[mine.pk])).status_code == 403  # portal is students-only
    body = client.get(reverse("studentfiles:studentimage_list"), {"graduation_year": ""}).content.decode()
    assert student.student_number in body and outsider.student_number not in body

    client.force_login(school_admin)
    assert client.get(reverse("studentfiles:studentimage_file", args=[theirs.pk])).status_code == 200
    gallery = client.get(reverse("studentfiles:student_gallery", args=[outsider.pk])).content.decode()
    assert reverse("studentfiles:studentimage_file", args=[theirs.pk]) in gallery


def test_admin_without_permission_cannot_read_files(client, student, college_admin):
    client.force_login(student.user)
    upload(client, jpeg_bytes())
    image = StudentImage.objects.get()
    college_admin.set_permissions(["students.student.view"])
    college_admin.save()
    client.force_login(college_admin)
    assert client.get(reverse("studentfiles:studentimage_file", args=[image.pk])).status_code in (403, 404)


def test_delete_removes_files_and_is_audited(client, student, school_admin, django_capture_on_commit_callbacks):
    client.force_login(student.user)
    upload(client, jpeg_bytes())
    upload(client, jpeg_bytes())
    first, second = StudentImage.objects.order_by("pk")
    paths = [first.image.path, first.thumbnail.path]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("portal_gallery:image_delete", args=[first.pk]))
    assert not any(os.path.exists(p) for p in paths)
    client.force_login(school_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("studentfiles:studentimage_bulk_delete"), {"pk": [second.pk], "_confirm": 1})
    assert response.status_code == 302
    assert not os.path.exists(second.image.path)
    assert OperationLog.objects.filter(object_type="studentfiles.studentimage", action="delete").exists()


def test_backoffice_users_cannot_use_the_portal_gallery(client, school_admin):
    client.force_login(school_admin)
    assert client.get(reverse(GALLERY)).status_code == 403


def test_image_list_query_count_is_fixed(client, school_admin, org):
    client.force_login(school_admin)
    url = reverse("studentfiles:studentimage_list")

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, {"graduation_year": "", "per_page": 200}).status_code == 200
        return len(ctx)

    StudentImage.objects.create(student=org["students"]["a1"], title="x", image="g/x.jpg", thumbnail="g/xt.jpg")
    count()
    before = count()
    for i in range(15):
        s = StudentFactory(major=org["majors"]["b2"])
        StudentImage.objects.create(student=s, title=f"y{i}", image=f"g/{i}.jpg", thumbnail=f"g/{i}t.jpg")
    assert count() == before
