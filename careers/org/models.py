from django.db import models
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.text import normalize_spaces


class Campus(BaseModel):
    name = models.CharField("校区名称", max_length=64, unique=True)
    code = models.CharField("校区代码", max_length=20, blank=True)
    sort = models.PositiveIntegerField("排序", default=0)

    scope_major_lookup = "majors"
    scope_spans_many = True
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "校区"
        ordering = ["sort", "name"]

    def __str__(self):
        return self.name


class College(BaseModel):
    name = models.CharField("学院名称", max_length=64, unique=True)
    code = models.CharField("学院代码", max_length=20, blank=True)
    sort = models.PositiveIntegerField("排序", default=0)

    scope_major_lookup = "majors"
    scope_spans_many = True
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "学院"
        ordering = ["sort", "name"]

    def __str__(self):
        return self.name


class Department(BaseModel):
    college = models.ForeignKey(College, on_delete=models.PROTECT, related_name="departments", verbose_name="学院")
    name = models.CharField("系别名称", max_length=64)

    scope_major_lookup = "majors"
    scope_spans_many = True
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "系别"
        ordering = ["college", "name"]
        constraints = [models.UniqueConstraint(fields=["college", "name"], name="uniq_department_in_college")]

    def __str__(self):
        return self.name


class Major(BaseModel):
    """专业设置. Imports match a row to a major by the identity fields below, exactly."""

    IDENTITY_FIELDS = ("education_level", "name", "campus", "college", "specialization", "department")

    name = models.CharField("专业名称", max_length=100)
    major_code = models.CharField("专业代码", max_length=20)
    duration = models.ForeignKey("codes.Code", on_delete=models.PROTECT, related_name="+", verbose_name="学制",
                                 limit_choices_to={"table__kind": "duration", "table__is_current": True})
    discipline = models.ForeignKey("codes.Code", on_delete=models.PROTECT, related_name="+", verbose_name="专业类别",
                                   limit_choices_to={"table__kind": "discipline", "table__is_current": True})
    education_level = models.ForeignKey("codes.Code", on_delete=models.PROTECT, related_name="+",
                                        verbose_name="学历",
                                        limit_choices_to={"table__kind": "education_level",
                                                          "table__is_current": True})
    campus = models.ForeignKey(Campus, on_delete=models.PROTECT, related_name="majors", verbose_name="校区")
    college = models.ForeignKey(College, on_delete=models.PROTECT, related_name="majors", verbose_name="学院")
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="majors", verbose_name="系别")
    specialization = models.CharField("专业方向", max_length=100, blank=True)
    is_active = models.BooleanField("启用", default=True)
    sort = models.PositiveIntegerField("排序", default=0)

    scope_major_lookup = "pk"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "专业"
        ordering = ["college__sort", "college__name", "education_level__code", "name"]
        constraints = [
            models.UniqueConstraint(
                "education_level", "name", "campus", "college", "specialization",
                Coalesce("department", models.Value(0)),
                name="uniq_major_identity",
                violation_error_message="同一校区、学院、系别、学历下已有同名同方向的专业。",
            )
        ]

    def __str__(self):
        label = f"{self.name}（{self.specialization}）" if self.specialization else self.name
        return label

    @property
    def full_label(self):
        parts = [self.campus.name, self.college.name]
        if self.department_id:
            parts.append(self.department.name)
        parts.append(f"{self.education_level.name}·{self}")
        return " / ".join(parts)

    def clean(self):
        self.name = normalize_spaces(self.name)
        self.specialization = normalize_spaces(self.specialization)
        self.major_code = normalize_spaces(self.major_code)
        if self.department_id and self.college_id and self.department.college_id != self.college_id:
            from django.core.exceptions import ValidationError

            raise ValidationError({"department": "系别不属于所选学院。"})
