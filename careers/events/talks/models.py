"""宣讲会 (manual 4.5): an admitted employer applies, the school reviews; the school may also publish
one directly. Approval sets the student registration window and capacity.

    status     meaning
    pending    等待审核 (the unit may still edit or withdraw)
    approved   已审核: public from approval; students register inside the window
    rejected   未通过 (reason shown to the unit)
    cancelled  已取消 (withdrawn by the unit or cancelled by the school; registered students are told)
"""

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet


class TalkStatus(models.TextChoices):
    PENDING = "pending", "等待审核"
    APPROVED = "approved", "已审核"
    REJECTED = "rejected", "未通过"
    CANCELLED = "cancelled", "已取消"


class TalkQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(status=TalkStatus.APPROVED)

    def upcoming(self):
        return self.published().filter(ends_at__gte=timezone.now())


class Talk(BaseModel):
    employer = models.ForeignKey("recruitment.Employer", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="talks", verbose_name="用人单位",
                                 help_text="学校直接发布的宣讲会可不关联单位")
    organiser = models.CharField("举办单位", max_length=100, blank=True,
                                 help_text="学校直接发布且不关联单位时显示的名称")
    title = models.CharField("宣讲会标题", max_length=100)
    starts_at = models.DateTimeField("开始时间", db_index=True)
    ends_at = models.DateTimeField("结束时间")
    venue = models.ForeignKey("events.Venue", on_delete=models.PROTECT, related_name="talks", verbose_name="场地")
    audience = models.CharField("面向对象", max_length=200, blank=True, help_text="如：2027届计算机类本科、研究生")
    jobs = models.ManyToManyField("recruitment.Job", blank=True, related_name="talks", verbose_name="招聘职位")
    description = models.TextField("宣讲内容", blank=True)  # sanitised HTML (core.richtext)
    contact_person = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = models.CharField("联系电话", max_length=20, blank=True)

    status = models.CharField("状态", max_length=10, choices=TalkStatus.choices, default=TalkStatus.PENDING,
                              db_index=True)
    review_note = models.CharField("审核意见", max_length=200, blank=True)
    submitted_at = models.DateTimeField("申请时间", null=True, blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="审核人")

    # Set on approval (manual 4.5: 发布宣讲会时，可以设置学生报名的时间等内容).
    registration_opens_at = models.DateTimeField("报名开始时间", null=True, blank=True)
    registration_closes_at = models.DateTimeField("报名截止时间", null=True, blank=True)
    capacity = models.PositiveIntegerField("报名人数上限", null=True, blank=True, help_text="留空则按场地容纳人数")
    registration_required = models.BooleanField("签到需要先报名", default=True)
    checkin_passphrase = models.CharField("签到口令", max_length=20, blank=True,
                                          help_text="设置后，扫码签到需输入口令")
    reminder_sent_at = models.DateTimeField("提醒发送时间", null=True, blank=True)

    history = HistoricalRecords()
    objects = TalkQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "宣讲会"
        ordering = ["-starts_at", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="talk_ends_after_start")]

    def __str__(self):
        return self.title

    @property
    def host_name(self):
        return self.employer.name if self.employer_id else (self.organiser or "学校")
