"""Dispatch (派遣) and employment (就业) records: one of each per student.

Both are created with the student. The student reports changes (kept in `pending_changes`
until reviewed, see careers.core.review); admins review or fill in directly. The approved
fields are what certificates, exports and every rate are computed from.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet
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


class EmploymentRecord(BaseModel, ReviewableRecord):
    """就业信息: the MoE 毕业去向 (a code of table `destination`) and where it leads."""

    student = models.OneToOneField("students.Student", on_delete=models.CASCADE, related_name="employment",
                                   verbose_name="学生")
    destination = code_fk("destination", "毕业去向", null=True, blank=True)
    employer_name = models.CharField("单位名称", max_length=200, blank=True,
                                     help_text="实际就业单位、升学院校或创业企业的全称")
    employer_credit_code = models.CharField("统一社会信用代码", max_length=18, blank=True, db_index=True)
    employer_nature = code_fk("employer_nature", "单位性质", null=True, blank=True)
    employer_industry = code_fk("industry", "单位行业", null=True, blank=True)
    employer_region = code_fk("region", "单位所在地", null=True, blank=True)
    employer_address = models.CharField("单位地址", max_length=200, blank=True)
    contact_person = models.CharField("单位联系人", max_length=64, blank=True)
    contact_phone = models.CharField("联系电话", max_length=40, blank=True)
    position = models.CharField("工作职位", max_length=100, blank=True)
    agreement_number = models.CharField("协议书编号", max_length=30, blank=True)
    placed_on = models.DateField("落实日期", null=True, blank=True, help_text="签约、录用、录取或创业登记的日期")
    study_major = models.CharField("升学专业", max_length=100, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    REVIEW_FIELDS = ("destination", "employer_name", "employer_credit_code", "employer_nature", "employer_industry",
                     "employer_region", "employer_address", "contact_person", "contact_phone", "position",
                     "agreement_number", "placed_on", "study_major", "note")

    scope_major_lookup = "student__major"
    operating_year_field = "student__graduation_year"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "就业信息"
        indexes = [models.Index(fields=["destination", "review_status"]),
                   # 就业信息 by 去向类别 / 未就业名单: the records of some destinations joined to their students
                   models.Index(fields=["destination", "student"], name="employment_destination_student"),
                   # the outcome of each student, for the live rates and 就业 statistics' join of a cohort: an
                   # index-only scan of 11 MB instead of the 67 MB of wide rows (230,000 records)
                   models.Index(fields=["student"], include=["destination", "employer_region", "employer_nature",
                                                             "employer_industry"], name="employment_student_outcome")]

    def __str__(self):
        return f"{self.student} 就业信息"

    def clean(self):
        # The fill-in templates (careers/employment/templates_fill.py) hold every rule.
        from .templates_fill import clean_employment

        clean_employment(self)


class ReportingWindow(models.Model):
    """功能时间设置: per graduation year, when students may report dispatch or employment data.

    No row means open (the manual: students may report by default).
    """

    class Function(models.TextChoices):
        DISPATCH = "dispatch", "填报派遣信息"
        EMPLOYMENT = "employment", "填报就业信息"

    graduation_year = models.PositiveSmallIntegerField("毕业年份")
    function = models.CharField("功能", max_length=20, choices=Function.choices)
    opens_at = models.DateTimeField("开始时间")
    closes_at = models.DateTimeField("结束时间")

    history = HistoricalRecords()

    objects = ScopedQuerySet.as_manager()  # restrict(): the permission check (no student in reach)

    class Meta:
        verbose_name = verbose_name_plural = "功能时间设置"
        ordering = ["-graduation_year", "function"]
        constraints = [models.UniqueConstraint(fields=["graduation_year", "function"], name="uniq_reporting_window")]

    def __str__(self):
        return f"{self.graduation_year}届 {self.get_function_display()}"
