"""用人单位 (manual 4.1): one account per unit name and per credit code, reviewed by the school.

The approved profile lives in the model's own fields; an admitted employer's edit of a review field
waits in `pending_changes` (core.review), so the public site keeps showing the approved version
until the school re-approves (待复审). `admitted_at` is set by the first approval and never cleared.

    status            review_status   admitted_at
    等待审核 WAITING   pending          null         first registration
    待复审 RE_REVIEW    pending          set          admitted, edited review fields
    已入驻 ADMITTED     approved/rejected set        (a rejected edit leaves the unit admitted)
    未通过 REJECTED     rejected         null         first registration refused; the unit may edit and resubmit
"""

import unicodedata
import uuid

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.review import ReviewableRecord, ReviewStatus
from careers.core.scoping import ScopedQuerySet
from careers.studentfiles.storage import private_storage


def name_key(name):
    """The uniqueness key of a unit name: full-width/half-width brackets and spaces don't make a new unit."""
    return "".join(unicodedata.normalize("NFKC", name or "").split()).lower()


def licence_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"licences/{uuid.uuid4().hex}.{ext}"


class EmployerStatus(models.TextChoices):
    WAITING = "waiting", "等待审核"
    RE_REVIEW = "re_review", "待复审"
    ADMITTED = "admitted", "已入驻"
    REJECTED = "rejected", "未通过"


STATUS_Q = {
    EmployerStatus.WAITING: Q(review_status=ReviewStatus.PENDING, admitted_at__isnull=True),
    EmployerStatus.RE_REVIEW: Q(review_status=ReviewStatus.PENDING, admitted_at__isnull=False),
    EmployerStatus.ADMITTED: Q(admitted_at__isnull=False) & ~Q(review_status=ReviewStatus.PENDING),
    EmployerStatus.REJECTED: Q(review_status=ReviewStatus.REJECTED, admitted_at__isnull=True),
}


class EmployerQuerySet(ScopedQuerySet):
    def admitted(self):
        """Units the school has let in (已入驻 or 待复审 with the approved version shown) and whose account is on."""
        return self.filter(admitted_at__isnull=False, user__is_active=True)

    def admitted_choices(self):
        """admitted(), as a form's dropdown or type-ahead of units: each unit's account is checked by its
        primary key (a correlated subquery with LIMIT, which the planner cannot turn into a join), so listing
        the first rows, counting them or validating one chosen unit never hash-joins every account (the
        accounts table holds the students' too: 200,000 rows at a large university)."""
        account = self.model._meta.get_field("user").related_model
        active = account.objects.filter(pk=models.OuterRef("user_id")).order_by().values("is_active")[:1]
        return self.filter(models.Subquery(active), admitted_at__isnull=False)

    def with_status(self, status):
        return self.filter(STATUS_Q[status])


class Employer(BaseModel, ReviewableRecord):
    class Size(models.TextChoices):
        UNDER_50 = "lt50", "50人以下"
        UNDER_150 = "50-150", "50-150人"
        UNDER_500 = "150-500", "150-500人"
        UNDER_1000 = "500-1000", "500-1000人"
        UNDER_5000 = "1000-5000", "1000-5000人"
        OVER_5000 = "gt5000", "5000人以上"

    user = models.OneToOneField("accounts.User", on_delete=models.PROTECT, related_name="employer",
                                verbose_name="登录账号")
    name = models.CharField("单位名称", max_length=100)
    name_key = models.CharField("单位名称（比对用）", max_length=100, unique=True, editable=False,
                                error_messages={"unique": "该单位名称已注册。"})
    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True,
                                   error_messages={"unique": "该统一社会信用代码已注册。"})
    nature = models.ForeignKey("codes.Code", on_delete=models.PROTECT, related_name="+", verbose_name="单位性质",
                               limit_choices_to={"table__kind": "employer_nature"})
    industry = models.ForeignKey("codes.Code", on_delete=models.PROTECT, related_name="+", verbose_name="单位行业",
                                 limit_choices_to={"table__kind": "industry"})
    region = models.ForeignKey("codes.Code", on_delete=models.PROTECT, related_name="+", verbose_name="所在地区",
                               limit_choices_to={"table__kind": "region"})
    size = models.CharField("单位规模", max_length=20, choices=Size.choices)
    address = models.CharField("通讯地址", max_length=200)
    website = models.URLField("单位网址", max_length=200, blank=True)
    introduction = models.TextField("单位简介", max_length=5000, blank=True)
    licence = models.FileField("营业执照", upload_to=licence_path, storage=private_storage, blank=True, max_length=200)
    contact_person = models.CharField("联系人", max_length=50)
    phone = models.CharField("联系电话", max_length=20)
    email = models.EmailField("电子邮箱")
    admitted_at = models.DateTimeField("入驻时间", null=True, blank=True, db_index=True)

    # An admitted unit's edit of these waits for re-review (待复审); contact details apply at once.
    REVIEW_FIELDS = ("name", "credit_code", "nature", "industry", "region", "size", "address", "website",
                     "introduction", "licence")

    history = HistoricalRecords(excluded_fields=["pending_changes"])
    objects = EmployerQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "用人单位"
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["phone"]), models.Index(fields=["review_status", "admitted_at"]),
                   # the 用人单位 list's default order (注册时间, newest first): 50 rows without sorting them all
                   models.Index(fields=["-created_at"], name="recruitment_employer_created")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = " ".join((self.name or "").split())
        self.name_key = name_key(self.name)
        self.credit_code = (self.credit_code or "").strip().upper()
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_key"}
        super().save(*args, **kwargs)

    @property
    def status(self):
        for status, _ in EmployerStatus.choices:
            if self.has_status(status):
                return EmployerStatus(status)
        return EmployerStatus.WAITING

    def has_status(self, status):
        pending = self.review_status == ReviewStatus.PENDING
        admitted = self.admitted_at is not None
        return {EmployerStatus.WAITING: pending and not admitted, EmployerStatus.RE_REVIEW: pending and admitted,
                EmployerStatus.ADMITTED: admitted and not pending,
                EmployerStatus.REJECTED: self.review_status == ReviewStatus.REJECTED and not admitted}[status]

    def get_status_display(self):
        return self.status.label

    @property
    def is_admitted(self):
        return self.admitted_at is not None and self.user.is_active
