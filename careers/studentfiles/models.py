import uuid

from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel

from .storage import private_storage


def image_path(instance, filename):
    # Random names: nothing about the student or the original file name is on disk.
    return f"gallery/{instance.student_id}/{uuid.uuid4().hex}{filename[filename.rfind('.'):]}"


class StudentImage(BaseModel):
    """资料图库: an image a student uploads as supporting material (manual 2.7)."""

    MAX_PER_STUDENT = 20

    student = models.ForeignKey("students.Student", on_delete=models.CASCADE, related_name="images",
                                verbose_name="学生")
    title = models.CharField("图片说明", max_length=100)
    image = models.ImageField("图片", upload_to=image_path, storage=private_storage)
    thumbnail = models.ImageField("缩略图", upload_to=image_path, storage=private_storage)
    content_type = models.CharField("类型", max_length=20, default="image/jpeg")
    # Set from the re-encoded image (ImageField.width_field would re-open the file on every load).
    width = models.PositiveIntegerField("宽", default=0)
    height = models.PositiveIntegerField("高", default=0)
    size = models.PositiveIntegerField("大小", default=0)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True, db_index=True)

    scope_major_lookup = "student__major"
    operating_year_field = "graduation_year"  # the list's filter on student__graduation_year
    history = HistoricalRecords(excluded_fields=["thumbnail"])

    class Meta:
        verbose_name = verbose_name_plural = "资料图库"
        ordering = ["-uploaded_at", "-pk"]

    def __str__(self):
        return self.title

    @property
    def filename(self):
        return f"{self.title}.{'png' if self.content_type == 'image/png' else 'jpg'}"


class ArchiveRecord(BaseModel):
    """档案信息: where a graduate's personnel file was sent (manual 2.8), one per student."""

    student = models.OneToOneField("students.Student", on_delete=models.CASCADE, related_name="archive",
                                   verbose_name="学生")
    transfer_unit = models.CharField("档案转递单位", max_length=200, blank=True)
    receiving_unit = models.CharField("接收单位", max_length=200)
    receiving_address = models.CharField("接收地址", max_length=300, blank=True)
    postal_code = models.CharField("邮编", max_length=6, blank=True)
    tracking_number = models.CharField("机要号/快递单号", max_length=64, blank=True)
    sent_date = models.DateField("寄送日期", null=True, blank=True)
    note = models.CharField("备注", max_length=300, blank=True)

    scope_major_lookup = "student__major"
    operating_year_field = "graduation_year"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "档案信息"
        ordering = ["-sent_date", "-pk"]

    def __str__(self):
        return f"{self.student} 档案"


@receiver(post_delete, sender=StudentImage)
def remove_image_files(sender, instance, **kwargs):
    """Files go when the row goes (also for bulk deletes), once the deletion is committed."""
    names = [(f.storage, f.name) for f in (instance.image, instance.thumbnail) if f]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in names])
