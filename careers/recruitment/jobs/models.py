"""职位 (manual 4.3): posted by an employer, shown on the site once the unit is 已入驻 and the post approved.

Like employers, the approved text lives in the model's own fields and an edit after approval waits in
`pending_changes` (待复审) while the approved version stays public. The site orders by `bumped_at`
(更新时间): set on approval and by the admins' 刷新时间.

    status       review_status  first_approved_at  other
    待审核         pending         null
    待复审         pending         set
    已审核         approved        set               deadline not passed, not closed
    未通过         rejected        null
    已过期         approved        set               deadline < today
    已关闭         -               -                 closed_at set (the employer closed it; 重新发布 reopens)
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.review import ReviewableRecord, ReviewStatus
from careers.core.scoping import ScopedQuerySet
from careers.core.text import salary_range_display


class JobStatus(models.TextChoices):
    WAITING = "waiting", "待审核"
    RE_REVIEW = "re_review", "待复审"
    APPROVED = "approved", "已审核"
    REJECTED = "rejected", "未通过"
    EXPIRED = "expired", "已过期"
    CLOSED = "closed", "已关闭"


class JobQuerySet(ScopedQuerySet):
    def of_admitted_employers(self):
        """Only posts of 已入驻 units appear in the admin list and on the site (manual 4.3)."""
        return self.filter(employer__admitted_at__isnull=False, employer__user__is_active=True)

    def published(self, today=None):
        """What the public site and matching show: approved at least once, open, deadline not passed."""
        today = today or timezone.localdate()
        return (self.of_admitted_employers()
                .filter(first_approved_at__isnull=False, closed_at__isnull=True, deadline__gte=today))

    def with_status(self, status, today=None):
        return self.filter(status_condition(status, today))


def status_condition(status, today=None):
    """The Q of the jobs in `status` (a JobStatus) on `today`: for filters and conditional counts."""
    today = today or timezone.localdate()
    open_ = Q(closed_at__isnull=True)
    return {
        JobStatus.WAITING: open_ & Q(review_status=ReviewStatus.PENDING, first_approved_at__isnull=True),
        JobStatus.RE_REVIEW: open_ & Q(review_status=ReviewStatus.PENDING, first_approved_at__isnull=False),
        JobStatus.APPROVED: open_ & Q(first_approved_at__isnull=False, deadline__gte=today)
        & ~Q(review_status=ReviewStatus.PENDING),
        JobStatus.REJECTED: open_ & Q(review_status=ReviewStatus.REJECTED, first_approved_at__isnull=True),
        JobStatus.EXPIRED: open_ & Q(first_approved_at__isnull=False, deadline__lt=today)
        & ~Q(review_status=ReviewStatus.PENDING),
        JobStatus.CLOSED: ~open_,
    }[status]


class Job(BaseModel, ReviewableRecord):
    class JobType(models.TextChoices):  # the same values as Resume.JobType, so matching compares them directly
        FULL_TIME = "fulltime", "全职"
        INTERNSHIP = "internship", "实习"
        PART_TIME = "parttime", "兼职"

    employer = models.ForeignKey("recruitment.Employer", on_delete=models.CASCADE, related_name="jobs",
                                 verbose_name="用人单位")
    title = models.CharField("职位名称", max_length=100)
    job_type = models.CharField("工作类型", max_length=20, choices=JobType.choices, default=JobType.FULL_TIME)
    openings = models.PositiveIntegerField("招聘人数")
    region = models.ForeignKey("codes.Code", on_delete=models.PROTECT, related_name="+", verbose_name="工作地区",
                               limit_choices_to={"table__kind": "region"})
    salary_min = models.PositiveIntegerField("月薪下限（元）", null=True, blank=True)
    salary_max = models.PositiveIntegerField("月薪上限（元）", null=True, blank=True)
    education = models.ForeignKey("codes.Code", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                  verbose_name="学历要求", limit_choices_to={"table__kind": "education_level"},
                                  help_text="不填表示不限")
    disciplines = models.ManyToManyField("codes.Code", blank=True, related_name="+", verbose_name="专业类别要求",
                                         limit_choices_to={"table__kind": "discipline"}, help_text="不选表示不限")
    major_requirement = models.CharField("专业要求说明", max_length=200, blank=True)
    description = models.TextField("职位描述", max_length=20000, help_text="已清理的 HTML（nh3）")
    deadline = models.DateField("截止日期")
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=20, blank=True)
    contact_email = models.EmailField("联系邮箱", blank=True)
    first_approved_at = models.DateTimeField("首次审核通过时间", null=True, blank=True, db_index=True)
    # No index of its own: job_site_order (bumped_at DESC, id DESC) serves every use, and with a second one
    # PostgreSQL chose it plus an incremental sort over the ties (7,000 rows for the 50 of the 职位 list).
    bumped_at = models.DateTimeField("更新时间", null=True, blank=True,
                                     help_text="网站按此倒序排列；审核通过与“刷新时间”时更新")
    closed_at = models.DateTimeField("关闭时间", null=True, blank=True)
    # Denormalised for the public keyword search (careers/recruitment/jobs/search.py): lower-cased
    # "employer name / title / plain text of the description" of the APPROVED version, kept current by
    # save() (and jobs/hooks.py when an employer's name changes). PostgreSQL indexes it with pg_trgm.
    search_text = models.TextField("检索文本", blank=True, default="", editable=False)

    REVIEW_FIELDS = ("title", "job_type", "openings", "region", "salary_min", "salary_max", "education",
                     "major_requirement", "description", "deadline", "contact_person", "contact_phone",
                     "contact_email")

    history = HistoricalRecords(excluded_fields=["pending_changes", "search_text"], m2m_fields=[disciplines])
    objects = JobQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "职位"
        ordering = ["-bumped_at", "-pk"]
        indexes = [models.Index(fields=["-bumped_at", "-id"], name="job_site_order"),
                   # 就业市场信息统计's 职位数 / 招聘人数 by first approval: an index-only scan, not the wide rows
                   models.Index(fields=["first_approved_at"], include=["employer", "openings"],
                                name="job_approved_totals")]

    def __str__(self):
        return self.title

    @property
    def status(self):
        today = timezone.localdate()
        if self.closed_at:
            return JobStatus.CLOSED
        if self.review_status == ReviewStatus.PENDING:
            return JobStatus.RE_REVIEW if self.first_approved_at else JobStatus.WAITING
        if not self.first_approved_at:
            return JobStatus.REJECTED if self.review_status == ReviewStatus.REJECTED else JobStatus.WAITING
        return JobStatus.EXPIRED if self.deadline < today else JobStatus.APPROVED

    def get_status_display(self):
        return self.status.label

    @property
    def salary_display(self):
        return salary_range_display(self.salary_min, self.salary_max)

    def save(self, *args, **kwargs):
        # The model's own fields always hold the approved version (an approved post's edit waits in
        # pending_changes), so the search text can be rebuilt from them on every save.
        self.search_text = self.build_search_text()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_text"}
        super().save(*args, **kwargs)

    def build_search_text(self, employer_name=None):
        from careers.core.richtext import plain_text

        from .search import search_key

        name = employer_name if employer_name is not None else self.employer.name
        return search_key("\n".join((name or "", self.title or "", self.major_requirement or "",
                                     plain_text(self.description))))
