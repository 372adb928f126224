from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel


class Student(BaseModel):
    """生源信息 (the core of the student master record; the student-records issue extends it)."""

    class Gender(models.TextChoices):
        MALE = "1", "男"
        FEMALE = "2", "女"

    student_number = models.CharField("学号", max_length=32, unique=True)
    name = models.CharField("姓名", max_length=64)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices)
    id_number = models.CharField("身份证号", max_length=18, unique=True)
    graduation_year = models.PositiveSmallIntegerField("毕业年份", db_index=True)
    enrolment_year = models.PositiveSmallIntegerField("入学年份")
    major = models.ForeignKey("org.Major", on_delete=models.PROTECT, related_name="students", verbose_name="专业")
    phone = models.CharField("手机号码", max_length=20, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="student", verbose_name="登录账号")

    scope_major_lookup = "major"
    operating_year_field = "graduation_year"
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "学生"
        ordering = ["-graduation_year", "student_number"]

    def __str__(self):
        return f"{self.name}（{self.student_number}）"
