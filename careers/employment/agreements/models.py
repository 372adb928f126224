"""协议书管理 (manual 3.1): the three-party employment agreement (三方协议书) — applications and numbers.

A student applies (首次申请 the first time, later 违约/遗失/错填/损坏/其他申请 with the materials the school
requires per type); an admin approves and prints (批量审核打印: consecutive numbers from a 协议书起始号) or, in
the college mode, approves and registers the pre-printed form's number. Every number ever issued is one
`AgreementNumber` row, unique school-wide by a database constraint, so a voided number never comes back.
"""

import re
import uuid

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.studentfiles.storage import private_storage


class AgreementMode(models.TextChoices):
    SCHOOL = "school", "学生网上申请，学校审核同意后打印发放"
    COLLEGE = "college", "协议书先发放到院系，学生申请后由院系审核并登记编号"


class AgreementSettings(models.Model):
    """协议书设置: school-wide (a single row, see `load`)."""

    mode = models.CharField("发放方式", max_length=10, choices=AgreementMode.choices, default=AgreementMode.SCHOOL,
                            help_text="按学校实际情况选择；院系登记方式下，院系管理员审核同意后登记协议书编号。")
    instructions = models.TextField("申请说明", blank=True, help_text="显示在学生申请页面上，如领取地点、时间。")
    online_signing = models.BooleanField(
        "允许网上签约", default=False,
        help_text="开启后，学生可在网上填写三方协议，由用人单位在单位后台确认、学校审核后生成带编号的协议书；纸质协议书仍照常办理。")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "协议书设置"

    def __str__(self):
        return "协议书设置"

    @classmethod
    def load(cls):
        return cls.objects.get_or_create(pk=1)[0]


class ApplicationKind(models.TextChoices):
    FIRST = "first", "首次申请"
    BREACH = "breach", "违约申请"
    LOST = "lost", "遗失申请"
    MISFILLED = "misfilled", "错填申请"
    DAMAGED = "damaged", "损坏申请"
    OTHER = "other", "其他申请"


LATER_KINDS = [k for k in ApplicationKind.values if k != ApplicationKind.FIRST]


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", "待审核"
    APPROVED = "approved", "已同意（待打印）"
    PRINTED = "printed", "已打印（已发放）"
    REJECTED = "rejected", "不同意"
    RESET = "reset", "已重置（待重新打印）"
    WITHDRAWN = "withdrawn", "已撤回"


# An application still in progress: a student has at most one (database constraint).
OPEN_STATUSES = (ApplicationStatus.PENDING, ApplicationStatus.APPROVED, ApplicationStatus.RESET)
# Waiting for a number: 批量审核打印 takes these (pending ones are approved on the way).
PRINTABLE_STATUSES = (ApplicationStatus.PENDING, ApplicationStatus.APPROVED, ApplicationStatus.RESET)


class MaterialRequirement(BaseModel):
    """A supporting material the school requires for one application type (e.g. 违约申请 → 解约函)."""

    kind = models.CharField("申请类型", max_length=10, choices=[c for c in ApplicationKind.choices
                                                               if c[0] != ApplicationKind.FIRST])
    name = models.CharField("材料名称", max_length=60)
    description = models.CharField("说明", max_length=200, blank=True)
    required = models.BooleanField("必须上传", default=True)
    position = models.PositiveSmallIntegerField("排序", default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "协议书申请材料"
        ordering = ["kind", "position", "pk"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="agreement_material_unique_name")]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.name}"


class AgreementApplication(BaseModel):
    """协议书申请: one request of a student for a (new) agreement form."""

    student = models.ForeignKey("students.Student", on_delete=models.CASCADE, related_name="agreement_applications",
                                verbose_name="学生")
    kind = models.CharField("申请类型", max_length=10, choices=ApplicationKind.choices, default=ApplicationKind.FIRST)
    reason = models.TextField("申请原因", blank=True)
    status = models.CharField("状态", max_length=10, choices=ApplicationStatus.choices,
                              default=ApplicationStatus.PENDING, db_index=True)
    submitted_at = models.DateTimeField("申请时间", auto_now_add=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="审核人")
    review_note = models.CharField("审核意见", max_length=200, blank=True)
    batch_label = models.CharField("识别号", max_length=30, blank=True, help_text="仅用于区分打印批次")
    number = models.ForeignKey("AgreementNumber", on_delete=models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name="协议书编号")
    printed_at = models.DateTimeField("打印时间", null=True, blank=True)
    printed_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name="打印人")
    reset_count = models.PositiveSmallIntegerField("重置次数", default=0)

    scope_major_lookup = "student__major"
    operating_year_field = "student__graduation_year"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "协议书申请"
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            # Two tabs or two quick taps never open two applications at once.
            models.UniqueConstraint(fields=["student"], condition=Q(status__in=["pending", "approved", "reset"]),
                                    name="agreement_one_open_application"),
        ]
        indexes = [models.Index(fields=["status", "kind"])]

    def __str__(self):
        return f"{self.student.name}（{self.student.student_number}）{self.get_kind_display()}"

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES


def material_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"agreements/{uuid.uuid4().hex}.{ext}"


class ApplicationMaterial(BaseModel):
    """An uploaded supporting material of an application (JPG/PNG/PDF checked by content)."""

    application = models.ForeignKey(AgreementApplication, on_delete=models.CASCADE, related_name="materials",
                                    verbose_name="协议书申请")
    requirement = models.ForeignKey(MaterialRequirement, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="材料要求")
    name = models.CharField("材料名称", max_length=60)
    file = models.FileField("文件", upload_to=material_path, storage=private_storage, max_length=200)

    scope_major_lookup = "application__student__major"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "协议书申请材料文件"
        ordering = ["pk"]

    def __str__(self):
        return self.name


class NumberStatus(models.TextChoices):
    ACTIVE = "active", "使用中"
    VOID = "void", "已作废"


class NumberSource(models.TextChoices):
    PRINTED = "printed", "批量审核打印"
    REGISTERED = "registered", "院系登记"
    IMPORTED = "imported", "导入"
    ONLINE = "online", "网上签约"


NUMBER_RE = re.compile(r"^([A-Za-z0-9-]*?)([0-9]{1,18})$")  # ASCII digits only (not ０-９)


def split_number(number):
    """'XY2026000123' → ('XY', 2026000123, 10): prefix, serial, digit count; None when it has no digit tail."""
    match = NUMBER_RE.match(number or "")
    if not match:
        return None
    return match.group(1), int(match.group(2)), len(match.group(2))


class AgreementNumber(BaseModel):
    """A 协议书编号 ever issued: unique school-wide, never issued again once voided."""

    number = models.CharField("协议书编号", max_length=30, unique=True,
                              error_messages={"unique": "该协议书编号已被使用。"})
    # the number split, so "the next number of this series" is one index probe
    series = models.CharField("编号系列", max_length=20, editable=False, blank=True)
    serial = models.BigIntegerField("序号", null=True, editable=False)
    student = models.ForeignKey("students.Student", on_delete=models.CASCADE, related_name="agreement_numbers",
                                verbose_name="学生")
    application = models.ForeignKey(AgreementApplication, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="numbers", verbose_name="协议书申请")
    status = models.CharField("状态", max_length=10, choices=NumberStatus.choices, default=NumberStatus.ACTIVE)
    source = models.CharField("来源", max_length=10, choices=NumberSource.choices, default=NumberSource.PRINTED)
    batch_label = models.CharField("识别号", max_length=30, blank=True)
    issued_at = models.DateTimeField("发放时间", auto_now_add=True)
    issued_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name="发放人")
    voided_at = models.DateTimeField("作废时间", null=True, blank=True)
    voided_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name="作废人")
    void_reason = models.CharField("作废原因", max_length=200, blank=True)

    scope_major_lookup = "student__major"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "协议书编号"
        ordering = ["-issued_at", "-pk"]
        constraints = [
            # a student holds at most one valid agreement number at a time
            models.UniqueConstraint(fields=["student"], condition=Q(status="active"),
                                    name="agreement_one_active_number"),
        ]
        indexes = [models.Index(fields=["series", "serial"])]

    def __str__(self):
        return self.number

    def save(self, *args, **kwargs):
        self.fill_series()
        super().save(*args, **kwargs)

    def fill_series(self):
        parts = split_number(self.number)
        if parts:
            prefix, serial, width = parts
            self.series, self.serial = f"{prefix}|{width}", serial
        else:
            self.series, self.serial = "", None


# -- 网上签约 (online signing, beyond the manual) ----------------------------------------------------

class SigningStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    EMPLOYER = "employer", "待单位确认"
    RETURNED = "returned", "单位已退回"
    SCHOOL = "school", "待学校审核"
    SIGNED = "signed", "已签约"
    REJECTED = "rejected", "学校不同意"
    CANCELLED = "cancelled", "已撤销"


# still in progress: a student has at most one (database constraint)
OPEN_SIGNING = (SigningStatus.DRAFT, SigningStatus.EMPLOYER, SigningStatus.RETURNED, SigningStatus.SCHOOL)
# the student may still change the terms
EDITABLE_SIGNING = (SigningStatus.DRAFT, SigningStatus.RETURNED)


class OnlineAgreement(BaseModel):
    """网上签约: the three-party agreement filled by the student (甲方), confirmed by the employer (乙方) in its
    portal and approved by the school (丙方), which issues the 协议书编号. Each step's time and account is kept."""

    student = models.ForeignKey("students.Student", on_delete=models.CASCADE, related_name="online_agreements",
                                verbose_name="学生")
    employer = models.ForeignKey("recruitment.Employer", on_delete=models.PROTECT, related_name="online_agreements",
                                 verbose_name="用人单位")
    status = models.CharField("状态", max_length=10, choices=SigningStatus.choices, default=SigningStatus.DRAFT,
                              db_index=True)
    job_title = models.CharField("工作岗位", max_length=60)
    work_region = models.ForeignKey("codes.Code", on_delete=models.PROTECT, related_name="+", verbose_name="工作地点",
                                    limit_choices_to={"table__kind": "region"})
    contract_period = models.CharField("合同期限", max_length=30, help_text="如：3 年")
    salary = models.CharField("薪酬待遇", max_length=60, help_text="如：月薪 8000 元")
    probation = models.CharField("试用期", max_length=30, blank=True, help_text="如：6 个月；无试用期可不填")
    start_date = models.DateField("报到日期")
    other_terms = models.TextField("其他约定", max_length=1000, blank=True)
    submitted_at = models.DateTimeField("学生提交时间", null=True, blank=True)
    employer_contact = models.CharField("单位经办人", max_length=50, blank=True)
    employer_phone = models.CharField("经办人电话", max_length=20, blank=True)
    employer_confirmed_at = models.DateTimeField("单位确认时间", null=True, blank=True)
    employer_confirmed_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                              related_name="+", verbose_name="单位确认账号")
    employer_note = models.CharField("单位退回原因", max_length=200, blank=True)
    approved_at = models.DateTimeField("学校审核时间", null=True, blank=True)
    approved_by = models.ForeignKey("accounts.User", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name="学校审核人")
    school_note = models.CharField("学校审核意见", max_length=200, blank=True)
    number = models.ForeignKey(AgreementNumber, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="协议书编号")

    scope_major_lookup = "student__major"
    operating_year_field = "student__graduation_year"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "网上签约"
        ordering = ["-updated_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["student"], condition=Q(status__in=["draft", "employer", "returned",
                                                                                "school"]),
                                    name="agreement_one_open_online"),
        ]

    def __str__(self):
        return f"{self.student.name}（{self.student.student_number}）与{self.employer.name}的网上签约"

    @property
    def is_open(self):
        return self.status in OPEN_SIGNING
