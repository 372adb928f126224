"""Files on detail pages (学生信息汇总 and every generic detail page): an empty file shows “无”, a private
file links to the app's own authorised download view, and nothing ever asks a FieldFile for its url."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from careers.core.display import display_value, file_display
from careers.resumes.models import Resume
from careers.studentfiles.models import StudentImage
from tests.studentfiles.helpers import jpeg_bytes, private_media  # noqa: F401

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def summary(client, user, student):
    client.force_login(user)
    return client.get(reverse("students:student_summary", kwargs={"pk": student.pk}))


def test_resume_without_attachment_shows_none(client, org, school_admin, private_media):  # noqa: F811
    student = org["students"]["a1"]
    Resume.objects.create(student=student, title="无附件简历")
    response = summary(client, school_admin, student)
    assert response.status_code == 200
    body = response.content.decode()
    assert "无附件简历" in body and '附件简历（PDF）</dt><dd class="col-sm-9">无</dd>' in body


def test_private_resume_attachment_links_to_the_authorised_download(client, org, school_admin,
                                                                   private_media):  # noqa: F811
    student = org["students"]["a1"]
    resume = Resume.objects.create(student=student, title="有附件简历")
    resume.attachment.save("cv.pdf", ContentFile(PDF))
    response = summary(client, school_admin, student)
    assert response.status_code == 200
    url = reverse("resumes:resume_attachment", kwargs={"pk": resume.pk})
    assert f'href="{url}"' in response.content.decode()
    download = client.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_private_gallery_image_links_to_its_file_view(client, org, school_admin, private_media):  # noqa: F811
    student = org["students"]["a1"]
    image = StudentImage(student=student, title="获奖证书")
    image.image.save("a.jpg", ContentFile(jpeg_bytes()), save=False)
    image.thumbnail.save("a-thumb.jpg", ContentFile(jpeg_bytes((16, 12))), save=False)
    image.save()
    response = summary(client, school_admin, student)
    assert response.status_code == 200
    assert f'href="{reverse("studentfiles:studentimage_file", kwargs={"pk": image.pk})}"' in response.content.decode()


def test_generic_detail_pages_show_files_without_their_url(org, private_media):  # noqa: F811
    """The same rule for ObjectView.fields_of: empty → 无, private → the download view, no view → the name."""
    student = org["students"]["a1"]
    resume = Resume.objects.create(student=student, title="简历")
    field = Resume._meta.get_field("attachment")
    assert display_value(resume, field) == "无"
    resume.attachment.save("cv.pdf", ContentFile(PDF))
    assert reverse("resumes:resume_attachment", kwargs={"pk": resume.pk}) in display_value(resume, field)
    student.photo.save("me.jpg", ContentFile(jpeg_bytes()), save=False)  # public storage, no download view
    assert file_display(student, "no_such_view", student.photo) == student.photo.name.rsplit("/", 1)[-1]
