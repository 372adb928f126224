"""参会单位 (manual 4.6.2): an admitted employer's application to a fair, its jobs and booths.

    status     meaning
    pending    待确认 (applied; the unit may still edit until the deadline)
    confirmed  已确认 (the school accepted it; booths can be allocated)
    rejected   未通过 (reason shown to the unit)
    withdrawn  已撤回 (the unit withdrew before confirmation)

The 确认状态 indicators are: receipt uploaded (`receipt_file`), brochure uploaded (`brochure`), paid
(an Order in state paid, or no fee due).
"""

import uuid

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet
from careers.studentfiles.storage import private_storage


def participant_file_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"fairs/{uuid.uuid4().hex}.{ext}"


class ParticipationStatus(models.TextChoices):
    PENDING = "pending", "待确认"
    CONFIRMED = "confirmed", "已确认"
    REJECTED = "rejected", "未通过"
    WITHDRAWN = "withdrawn", "已撤回"


class ParticipationQuerySet(ScopedQuerySet):
    def confirmed(self):
        return self.filter(status=ParticipationStatus.CONFIRMED)

    def active(self):
        return self.filter(status__in=(ParticipationStatus.PENDING, ParticipationStatus.CONFIRMED))


class Participation(BaseModel):
    fair = models.ForeignKey("events.Fair", on_delete=models.CASCADE, related_name="participations",
                             verbose_name="招聘会")
    employer = models.ForeignKey("recruitment.Employer", on_delete=models.PROTECT, related_name="fair_participations",
                                 verbose_name="用人单位")
    status = models.CharField("确认状态", max_length=10, choices=ParticipationStatus.choices,
                              default=ParticipationStatus.PENDING, db_index=True)
    review_note = models.CharField("审核意见", max_length=200, blank=True)
    reviewed_at = models.DateTimeField("确认时间", null=True, blank=True)
    reviewed_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name="确认人")

    booths_requested = models.PositiveSmallIntegerField("申请展位数", default=1)
    # [{"name": "张三", "phone": "138…", "position": "HR"}] up to fair.attendees_per_unit
    attendees = models.JSONField("参会人员", default=list, blank=True)
    contact_person = models.CharField("联系人", max_length=50)
    contact_phone = models.CharField("联系电话", max_length=20)
    note = models.CharField("备注", max_length=300, blank=True)

    poster = models.FileField("海报图片", upload_to=participant_file_path, storage=private_storage, blank=True,
                              max_length=200)
    brochure = models.FileField("招聘简章附件", upload_to=participant_file_path, storage=private_storage,
                                blank=True, max_length=200)
    receipt_file = models.FileField("签字回执", upload_to=participant_file_path, storage=private_storage,
                                    blank=True, max_length=200)
    receipt_uploaded_at = models.DateTimeField("回执上传时间", null=True, blank=True)

    # 发票信息
    invoice_title = models.CharField("发票抬头", max_length=100, blank=True)
    invoice_tax_number = models.CharField("纳税人识别号", max_length=20, blank=True)
    invoice_email = models.EmailField("接收发票邮箱", blank=True)
    invoice_note = models.CharField("发票备注", max_length=200, blank=True)

    amount_due = models.DecimalField("应缴费用（元）", max_digits=10, decimal_places=2, default=0)
    checked_in_at = models.DateTimeField("单位签到时间", null=True, blank=True)

    history = HistoricalRecords()
    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "参会单位"
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["fair", "employer"], name="uniq_participation_per_fair")]

    def __str__(self):
        return f"{self.employer} @ {self.fair}"


class ParticipantJob(models.Model):
    """A job a unit brings to a fair; the school may hide it from the fair's job list (不显示)."""

    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="participant_jobs",
                                      verbose_name="参会单位")
    job = models.ForeignKey("recruitment.Job", on_delete=models.CASCADE, related_name="fair_entries",
                            verbose_name="职位")
    hidden = models.BooleanField("不显示", default=False)

    objects = ScopedQuerySet.as_manager()  # restrict(): the permission check (no student in reach)

    class Meta:
        verbose_name = verbose_name_plural = "参会职位"
        ordering = ["participation", "pk"]
        constraints = [models.UniqueConstraint(fields=["participation", "job"], name="uniq_job_per_participation")]

    def __str__(self):
        return str(self.job)


class Booth(models.Model):
    """展位: one code (A01) per fair, held by at most one participating unit."""

    fair = models.ForeignKey("events.Fair", on_delete=models.CASCADE, related_name="booths", verbose_name="招聘会")
    participation = models.ForeignKey(Participation, on_delete=models.CASCADE, related_name="booths",
                                      verbose_name="参会单位")
    area = models.CharField("区域", max_length=20, blank=True)
    code = models.CharField("展位号", max_length=20)

    class Meta:
        verbose_name = verbose_name_plural = "展位"
        ordering = ["fair", "code"]
        constraints = [models.UniqueConstraint(fields=["fair", "code"], name="uniq_booth_code_per_fair")]

    def __str__(self):
        return self.code
