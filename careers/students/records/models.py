"""学生信息 (生源信息): the student record, its 学籍异动 and the list's saved queries."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet


def code_fk(kind, verbose_name, **kwargs):
    """A foreign key to the current version of code table `kind`."""
    return models.ForeignKey("codes.Code", on_delete=models.PROTECT, related_name="+", verbose_name=verbose_name,
                             limit_choices_to={"table__kind": kind}, **kwargs)


class StudentQuerySet(ScopedQuerySet):
    def active(self):
        """Students in 在读 status: the ones dispatch, employment and most lists work on."""
        return self.filter(is_active=True)


class Student(BaseModel):
    """生源信息: the student master record, one per student."""

    class Gender(models.TextChoices):
        MALE = "1", "男"
        FEMALE = "2", "女"

    class ReviewStatus(models.TextChoices):
        APPROVED = "approved", "已审核"
        PENDING = "pending", "待审核"
        REJECTED = "rejected", "未通过"

    # Fields a student may change themselves; changes to KEY_FIELDS wait for review.
    SELF_SERVICE_FIELDS = ("ethnicity", "political_status", "origin_region", "training_mode", "sponsor_unit",
                           "phone", "email", "home_address", "postal_code")
    REVIEW_FIELDS = SELF_SERVICE_FIELDS  # careers.core.review
    KEY_FIELDS = ("ethnicity", "political_status", "origin_region", "training_mode", "sponsor_unit")

    student_number = models.CharField("学号", max_length=32, unique=True,
                                      error_messages={"unique": "已有该学号的学生。"})
    name = models.CharField("姓名", max_length=64)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices)
    id_number = models.CharField("身份证号", max_length=18, unique=True,
                                 error_messages={"unique": "已有该身份证号的学生。"})
    candidate_number = models.CharField("考生号", max_length=20, blank=True, help_text="高考准考证号/考生号")
    birth_date = models.DateField("出生日期", null=True, blank=True)
    ethnicity = code_fk("ethnicity", "民族", null=True, blank=True)
    political_status = code_fk("political_status", "政治面貌", null=True, blank=True)
    origin_region = code_fk("region", "生源地", null=True, blank=True)
    enrolment_year = models.PositiveSmallIntegerField("入学年份")
    graduation_year = models.PositiveSmallIntegerField("毕业年份", db_index=True)
    major = models.ForeignKey("org.Major", on_delete=models.PROTECT, related_name="students", verbose_name="专业")
    training_mode = code_fk("training_mode", "培养方式", null=True, blank=True)
    sponsor_unit = models.CharField("定向/委培单位", max_length=200, blank=True)
    phone = models.CharField("手机号码", max_length=20, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    home_address = models.CharField("家庭地址", max_length=200, blank=True)
    postal_code = models.CharField("邮政编码", max_length=6, blank=True)
    photo = models.ImageField("照片", upload_to="photos/%Y/", blank=True)
    enrolment_status = code_fk("enrolment_status", "学籍状态")
    is_active = models.BooleanField("在读", default=True, db_index=True,
                                    help_text="由学籍状态决定；非在读学生不出现在派遣、就业等列表中")
    review_status = models.CharField("数据状态", max_length=10, choices=ReviewStatus.choices,
                                     default=ReviewStatus.APPROVED, db_index=True)
    pending_changes = models.JSONField("待审核修改", default=dict, blank=True)
    review_note = models.CharField("审核意见", max_length=200, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="student", verbose_name="登录账号")

    scope_major_lookup = "major"
    operating_year_field = "graduation_year"
    # The history is read per student (its `id`, prev_record) and by user deletions (history_user); the copies of
    # the record's own indexes were never used, and every imported or created student paid an insert into
    # each of them (13 of its 19 indexes; ~0.15 s of a 5,000-row import's server time).
    history = HistoricalRecords(no_db_index=[
        "student_number", "id_number", "graduation_year", "is_active", "review_status", "major", "user",
        "ethnicity", "political_status", "origin_region", "training_mode", "enrolment_status"])
    objects = StudentQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "学生"
        ordering = ["-graduation_year", "student_number"]
        indexes = [
            # the list: a year's active students in 学号 order, counted per major
            models.Index(fields=["-graduation_year", "student_number"]),
            # ...and with the id, the scope/year join of the 派遣/就业 lists' counts is an index-only scan; with
            # 生源地 and 性别 too, so are the live rates and 就业 statistics by those (the heap rows are wide:
            # reading a 50,000-graduate cohort's 6,500 pages was most of 地区流向)
            models.Index(fields=["graduation_year", "is_active", "major"], include=["id", "origin_region", "gender"],
                         name="students_year_active_cohort"),
            models.Index(fields=["name"]),
        ]

    def __str__(self):
        return f"{self.name}（{self.student_number}）"

    @property
    def initial_password(self):
        """The manual's initial password: the last 6 characters of the ID number."""
        return self.id_number[-6:]


class StatusChange(models.Model):
    """学籍异动: every change of enrolment status, with its reason."""

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="status_changes",
                                verbose_name="学生")
    from_status = models.ForeignKey("codes.Code", on_delete=models.PROTECT, related_name="+", verbose_name="原状态")
    to_status = models.ForeignKey("codes.Code", on_delete=models.PROTECT, related_name="+", verbose_name="新状态")
    reason = models.CharField("变更原因", max_length=200)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+",
                                   verbose_name="操作人")
    changed_at = models.DateTimeField("变更时间", auto_now_add=True)

    scope_major_lookup = "student__major"
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "学籍异动"
        ordering = ["-changed_at"]


class SavedQuery(models.Model):
    """A named student-list query (the list page's query string) kept per admin."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_queries")
    name = models.CharField("名称", max_length=64)
    query = models.TextField("查询条件")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="uniq_saved_query_name")]
