"""资料图库 actions: the portal and any future API upload and delete through these."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from careers.core.uploads import clean_image
from careers.students.models import Student

from .models import StudentImage


def upload_image(student, upload, title, *, acting_user):
    """Validate, re-encode and store one image; refuses the 21st image of a student."""
    clean = clean_image(upload)  # before the transaction: decoding can take a moment
    title = " ".join((title or "").split())[:100] or "未命名图片"
    with transaction.atomic():
        # Lock the student row so two parallel uploads cannot both pass the count check.
        Student.objects.select_for_update().filter(pk=student.pk).first()
        count = StudentImage.objects.filter(student=student).count()
        if count >= StudentImage.MAX_PER_STUDENT:
            raise ValidationError(f"每位学生最多上传 {StudentImage.MAX_PER_STUDENT} 张图片，您已上传 {count} 张，"
                                  "请先删除不需要的图片。", code="limit")
        image = StudentImage(student=student, title=title, content_type=clean.content_type, width=clean.width,
                             height=clean.height, size=len(clean.data))
        image.image.save(f"image.{clean.extension}", ContentFile(clean.data), save=False)
        image.thumbnail.save(f"thumb.{clean.extension}", ContentFile(clean.thumbnail), save=False)
        image._change_reason = "学生上传图片" if acting_user == student.user else "上传图片"
        try:
            image.save()
        except Exception:
            delete_files(image)
            raise
    return image


def delete_files(image):
    for field in (image.image, image.thumbnail):
        if field:
            field.storage.delete(field.name)


def delete_image(image, *, acting_user):
    """Delete one image; its files are removed after commit (see models.remove_image_files)."""
    image._change_reason = "学生删除图片" if acting_user == image.student.user else "删除图片"
    image.delete()
