"""招聘会 (manual 4.6.1): the school creates a fair with its employer and job-seeker requirements.

A fair is public from `publish_at` (对外发布时间). Employers apply until `apply_deadline`; students
register inside the registration window when `registration_required`.
"""

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet


class EmployerOperation(models.TextChoices):
    """用人单位可见操作: what a participating unit can do on its fair page."""
    APPLY = "apply", "申请参会"
    JOBS = "jobs", "选择招聘职位"
    POSTER = "poster", "上传海报/招聘简章"
    RECEIPT = "receipt", "打印回执"
    PAY = "pay", "缴纳参会费用"
    INVOICE = "invoice", "填写发票信息"
    CHECKIN = "checkin", "单位签到"


class PosterMethod(models.TextChoices):
    NONE = "none", "不需要"
    IMAGE = "image", "上传海报图片"
    ATTACHMENT = "attachment", "上传招聘简章附件"
    BOTH = "both", "海报图片和招聘简章附件"


class PaymentMethod(models.TextChoices):
    OFFLINE = "offline", "线下转账（上传凭证）"
    WECHAT = "wechat", "微信支付"


class CheckinMethod(models.TextChoices):
    DEVICE = "device", "A：扫码硬件及接口"
    QR = "qr", "B：签到二维码（用户自主扫码）"
    BOTH = "both", "A 和 B"


class FairStatus(models.TextChoices):
    DRAFT = "draft", "未发布"
    PUBLISHED = "published", "已发布"
    CANCELLED = "cancelled", "已取消"


class FairQuerySet(ScopedQuerySet):
    def public(self):
        """On the site: published and past its 对外发布时间."""
        return self.filter(status=FairStatus.PUBLISHED, publish_at__lte=timezone.now())


class Fair(BaseModel):
    # (1) 基本信息
    title = models.CharField("招聘会标题", max_length=100)
    starts_at = models.DateTimeField("举办开始时间", db_index=True)
    ends_at = models.DateTimeField("举办结束时间")
    publish_at = models.DateTimeField("对外发布时间")
    venue = models.ForeignKey("events.Venue", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="fairs", verbose_name="场地")
    place = models.CharField("举办地点", max_length=200, help_text="场地之外的说明，如：体育馆一楼")
    description = models.TextField("招聘会介绍", blank=True)  # sanitised HTML
    status = models.CharField("状态", max_length=10, choices=FairStatus.choices, default=FairStatus.DRAFT,
                              db_index=True)

    # (2) 用人单位参会要求
    employer_operations = models.JSONField("用人单位可见操作", default=list, blank=True)  # EmployerOperation values
    apply_deadline = models.DateTimeField("申请截止时间")
    max_units = models.PositiveIntegerField("参会单位上限", null=True, blank=True)
    booths_per_unit = models.PositiveSmallIntegerField("每单位展位数", default=1)
    attendees_per_unit = models.PositiveSmallIntegerField("每单位参会人数上限", default=2)
    poster_method = models.CharField("海报方式", max_length=12, choices=PosterMethod.choices,
                                     default=PosterMethod.NONE)
    # [{"name": "展位费", "amount": "800.00", "per": "booth"|"attendee"|"unit"}]; amounts in yuan as strings
    fee_items = models.JSONField("参会费用", default=list, blank=True)
    payment_methods = models.JSONField("支付方式", default=list, blank=True)  # PaymentMethod values
    payee_info = models.TextField("收款账户信息", blank=True, help_text="线下转账的户名、账号、开户行及备注要求")
    invoice_info = models.TextField("发票信息说明", blank=True)
    receipt_notes = models.TextField("申请表说明", blank=True, help_text="参会单位打印回执时显示的说明内容")

    # (3) 求职用户要求
    registration_required = models.BooleanField("求职者需报名", default=True)
    registration_opens_at = models.DateTimeField("报名开始时间", null=True, blank=True)
    registration_closes_at = models.DateTimeField("报名截止时间", null=True, blank=True)
    capacity = models.PositiveIntegerField("报名人数上限", null=True, blank=True)
    checkin_method = models.CharField("签到方式", max_length=8, choices=CheckinMethod.choices,
                                      default=CheckinMethod.BOTH)
    checkin_passphrase = models.CharField("签到口令", max_length=20, blank=True)
    reminder_sent_at = models.DateTimeField("提醒发送时间", null=True, blank=True)

    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="创建人")

    history = HistoricalRecords()
    objects = FairQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "招聘会"
        ordering = ["-starts_at", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="fair_ends_after_start")]

    def __str__(self):
        return self.title

    def allows(self, operation):
        return operation in (self.employer_operations or ())
