"""Dispatch (派遣) and employment (就业) records: one of each per student.

They are created empty together with the student; the employment issue adds their
fields, reporting and review.
"""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel


class DispatchRecord(BaseModel):
    student = models.OneToOneField("students.Student", on_delete=models.CASCADE, related_name="dispatch",
                                   verbose_name="学生")

    scope_major_lookup = "student__major"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "派遣信息"

    def __str__(self):
        return f"{self.student} 派遣信息"


class EmploymentRecord(BaseModel):
    student = models.OneToOneField("students.Student", on_delete=models.CASCADE, related_name="employment",
                                   verbose_name="学生")

    scope_major_lookup = "student__major"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "就业信息"

    def __str__(self):
        return f"{self.student} 就业信息"
