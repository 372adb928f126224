"""学生简历 (manual 2.9): résumés students build in the portal; admins read and flag 推荐.

A résumé has child rows for education, experience and awards (edited with formsets)
so the recruitment issue can match and deliver on plain columns. It is private by
default; `visible_to_employers()` is the one query the recruitment side should use.
"""

import uuid

from django.core.validators import RegexValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet
from careers.core.text import salary_range_display
from careers.studentfiles.storage import private_storage

year_month = RegexValidator(r"^(19|20)\d{2}-(0[1-9]|1[0-2])$", "请填写年月，如 2023-09。")


def attachment_path(instance, filename):
    return f"resumes/{instance.student_id}/{uuid.uuid4().hex}.pdf"


class ResumeQuerySet(ScopedQuerySet):
    def visible_to_employers(self):
        """Résumés a student chose to show to approved employers (and that passed review)."""
        return self.filter(visibility=Resume.Visibility.EMPLOYERS, review_status=Resume.ReviewStatus.APPROVED,
                           student__is_active=True)


class Resume(BaseModel):
    MAX_PER_STUDENT = 5

    class JobType(models.TextChoices):
        FULL_TIME = "fulltime", "全职"
        INTERNSHIP = "internship", "实习"
        PART_TIME = "parttime", "兼职"

    class Visibility(models.TextChoices):
        PRIVATE = "private", "仅自己和学校可见"
        EMPLOYERS = "employers", "对审核通过的用人单位公开"

    class ReviewStatus(models.TextChoices):
        APPROVED = "approved", "已审核"
        PENDING = "pending", "待审核"
        REJECTED = "rejected", "未通过"

    student = models.ForeignKey("students.Student", on_delete=models.CASCADE, related_name="resumes",
                                verbose_name="学生")
    title = models.CharField("简历名称", max_length=100, help_text="如“软件开发岗位简历”")
    job_type = models.CharField("工作类型", max_length=20, choices=JobType.choices, default=JobType.FULL_TIME)
    expected_regions = models.ManyToManyField("codes.Code", blank=True, related_name="+",
                                              limit_choices_to={"table__kind": "region"}, verbose_name="期望地区")
    expected_industry = models.ForeignKey("codes.Code", null=True, blank=True, on_delete=models.PROTECT,
                                          related_name="+", limit_choices_to={"table__kind": "industry"},
                                          verbose_name="期望行业")
    expected_position = models.CharField("期望职位", max_length=100, blank=True)
    salary_min = models.PositiveIntegerField("期望月薪下限（元）", null=True, blank=True)
    salary_max = models.PositiveIntegerField("期望月薪上限（元）", null=True, blank=True)
    skills = models.TextField("技能特长", max_length=2000, blank=True, help_text="每行一项，如“英语六级”“Python”")
    self_introduction = models.TextField("自我评价", max_length=3000, blank=True)
    attachment = models.FileField("附件简历（PDF）", upload_to=attachment_path, storage=private_storage, blank=True)
    visibility = models.CharField("公开范围", max_length=20, choices=Visibility.choices, default=Visibility.PRIVATE)
    review_status = models.CharField("审核状态", max_length=10, choices=ReviewStatus.choices,
                                     default=ReviewStatus.APPROVED, db_index=True)
    is_recommended = models.BooleanField("推荐", default=False, db_index=True)

    scope_major_lookup = "student__major"
    operating_year_field = "graduation_year"  # the list's filter on student__graduation_year
    history = HistoricalRecords()
    objects = ResumeQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "学生简历"
        ordering = ["-updated_at", "-pk"]
        # The list's first page read off an index (the year filter checked row by row): without it every
        # résumé of the year was joined and sorted.
        indexes = [models.Index(fields=["-updated_at", "-id"], name="resume_list_order")]

    def __str__(self):
        return self.title

    @property
    def skill_list(self):
        return [line.strip() for line in self.skills.splitlines() if line.strip()]

    @property
    def salary_display(self):
        return salary_range_display(self.salary_min, self.salary_max)


class ResumeEntry(models.Model):
    """Common shape of the dated child rows; ordered newest first."""

    start = models.CharField("开始年月", max_length=7, validators=[year_month])
    end = models.CharField("结束年月", max_length=7, blank=True, validators=[year_month], help_text="至今可留空")

    scope_major_lookup = "resume__student__major"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-start", "pk"]


class ResumeEducation(ResumeEntry):
    resume = models.ForeignKey(Resume, on_delete=models.CASCADE, related_name="educations", verbose_name="简历")
    school = models.CharField("学校", max_length=100)
    major = models.CharField("专业", max_length=100, blank=True)
    degree = models.CharField("学历/学位", max_length=30, blank=True, help_text="如“本科/学士”")

    class Meta(ResumeEntry.Meta):
        verbose_name = verbose_name_plural = "教育经历"


class ResumeExperience(ResumeEntry):
    class Kind(models.TextChoices):
        WORK = "work", "实习/工作"
        PROJECT = "project", "项目"
        CAMPUS = "campus", "校园/社会实践"

    resume = models.ForeignKey(Resume, on_delete=models.CASCADE, related_name="experiences", verbose_name="简历")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.WORK)
    organisation = models.CharField("单位/项目名称", max_length=100)
    role = models.CharField("职务/角色", max_length=60, blank=True)
    description = models.TextField("内容描述", max_length=1000, blank=True)

    class Meta(ResumeEntry.Meta):
        verbose_name = verbose_name_plural = "实践经历"


class ResumeAward(models.Model):
    resume = models.ForeignKey(Resume, on_delete=models.CASCADE, related_name="awards", verbose_name="简历")
    name = models.CharField("奖项/证书名称", max_length=100)
    awarded_on = models.CharField("获得年月", max_length=7, blank=True, validators=[year_month])
    issuer = models.CharField("颁发单位/级别", max_length=100, blank=True)

    scope_major_lookup = "resume__student__major"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "获奖证书"
        ordering = ["-awarded_on", "pk"]


@receiver(post_delete, sender=Resume)
def remove_attachment(sender, instance, **kwargs):
    if instance.attachment:
        storage, name = instance.attachment.storage, instance.attachment.name
        transaction.on_commit(lambda: storage.delete(name))
