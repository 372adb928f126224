"""专业转移: moving a student to another graduation year and/or major, and the school-wide switch of its approval."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.scoping import ScopedQuerySet, managed_major_ids, sees_all_majors

from ..records.models import Student


class MajorTransferQuerySet(ScopedQuerySet):
    def restrict(self, user, action="view"):
        """Either side sees a transfer: the out-college requested it, the in-college decides it."""
        from careers.core.scoping import permission_code

        if user is None or not user.is_authenticated or not user.has_permission(permission_code(self.model, action)):
            return self.none()
        if sees_all_majors(user):
            return self
        if not user.is_backoffice:
            return self.none()
        managed = managed_major_ids(user)
        return self.filter(models.Q(from_major__in=managed) | models.Q(to_major__in=managed))


class MajorTransfer(models.Model):
    """转移数据 / 专业转移审核: moving a student to another graduation year and/or major."""

    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        APPROVED = "approved", "已通过"
        REJECTED = "rejected", "已驳回"

    student = models.ForeignKey(Student, on_delete=models.CASCADE, related_name="transfers", verbose_name="学生")
    from_major = models.ForeignKey("org.Major", on_delete=models.PROTECT, related_name="+", verbose_name="原专业")
    to_major = models.ForeignKey("org.Major", on_delete=models.PROTECT, related_name="+", verbose_name="转入专业")
    from_year = models.PositiveSmallIntegerField("原毕业年份")
    to_year = models.PositiveSmallIntegerField("转入毕业年份")
    reason = models.CharField("转移原因", max_length=200)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name="申请人")
    requested_at = models.DateTimeField("申请时间", auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="审核人")
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)
    decision_note = models.CharField("审核意见", max_length=200, blank=True)

    # The generic scope rule sees the out-college side; restrict() adds the in-college side.
    scope_major_lookup = "from_major"
    objects = MajorTransferQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "专业转移"
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.student}：{self.from_year}届 → {self.to_year}届"


class StudentSettings(models.Model):
    """School-wide switches of the student-records module (a single row, see `load`)."""

    transfer_approval = models.BooleanField(
        "开放专业转移审核", default=False,
        help_text="开启后，院系管理员可把学生转入其他院系的专业，由转入院系管理员审核；关闭时只能转入本人管辖的专业。")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "学生信息设置"

    def __str__(self):
        return "学生信息设置"

    @classmethod
    def load(cls):
        return cls.objects.get_or_create(pk=1)[0]
