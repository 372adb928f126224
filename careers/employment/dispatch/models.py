"""派遣信息 (one per student, created with the student) and the 主管单位库 it names.

The student reports changes (kept in `pending_changes` until reviewed, see careers.core.review); admins review
or fill in directly. The approved fields are what the 就业报到证 and exports are computed from.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.review import ReviewableRecord
from careers.students.models import code_fk


class SupervisingAuthority(BaseModel):
    """主管单位库: the authorities a 就业报到证 may name, looked up by two or more characters."""

    name = models.CharField("主管单位名称", max_length=200, unique=True,
                            error_messages={"unique": "主管单位库中已有该名称。"})
    code = models.CharField("主管单位代码", max_length=20, blank=True)
    region = code_fk("region", "所在地区", null=True, blank=True)
    address = models.CharField("报到地址", max_length=200, blank=True)
    postal_code = models.CharField("邮政编码", max_length=6, blank=True)
    phone = models.CharField("联系电话", max_length=40, blank=True)
    is_active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "主管单位"
        ordering = ["name"]

    def __str__(self):
        return self.name


class DispatchRecord(BaseModel, ReviewableRecord):
    """派遣信息 for printing the 就业报到证; starts as 回生源地 (back to the origin's authority)."""

    class Kind(models.TextChoices):
        ORIGIN = "origin", "回生源地"
        EMPLOYER = "employer", "派遣到就业单位"
        NONE = "none", "不派遣（升学、出国等）"

    student = models.OneToOneField("students.Student", on_delete=models.CASCADE, related_name="dispatch",
                                   verbose_name="学生")
    kind = models.CharField("派遣类别", max_length=10, choices=Kind.choices, default=Kind.ORIGIN)
    receiving_unit = models.CharField("报到证签往单位", max_length=200, blank=True,
                                      help_text="必须与《接收函》上的单位名称一字不差")
    receiving_region = code_fk("region", "签往单位所在地", null=True, blank=True)
    supervising_authority = models.ForeignKey(SupervisingAuthority, null=True, blank=True,
                                              on_delete=models.PROTECT, related_name="+",
                                              verbose_name="主管单位")
    report_address = models.CharField("报到地址", max_length=200, blank=True)
    report_postal_code = models.CharField("报到地邮编", max_length=6, blank=True)
    archive_unit = models.CharField("档案转寄单位", max_length=200, blank=True)
    archive_address = models.CharField("档案转寄地址", max_length=200, blank=True)
    archive_postal_code = models.CharField("档案转寄邮编", max_length=6, blank=True)
    hukou_address = models.CharField("户口迁移地址", max_length=200, blank=True)
    certificate_number = models.CharField("报到证编号", max_length=30, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    REVIEW_FIELDS = ("kind", "receiving_unit", "receiving_region", "supervising_authority", "report_address",
                     "report_postal_code", "archive_unit", "archive_address", "archive_postal_code",
                     "hukou_address", "note")

    scope_major_lookup = "student__major"
    operating_year_field = "student__graduation_year"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "派遣信息"

    def __str__(self):
        return f"{self.student} 派遣信息"
