"""就业活动 (manual 3.2): lectures, forums and other career events the school runs itself.

    state      meaning
    draft      草稿: only the back office sees it
    published  已发布: on the 就业日历 and the public page at once; students register inside the window
    cancelled  已取消 (registered students are told)

Registrations and check-ins are the shared `checkin.Registration` / `checkin.CheckIn` rows
(`career_event` column); the rules are checkin/registration.py and checkin/actions.py.
"""

from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet


class CareerEventCategory(BaseModel):
    name = models.CharField("分类名称", max_length=50, unique=True, error_messages={"unique": "已有同名分类。"})
    ordering = models.PositiveIntegerField("排序", default=0, help_text="数字小的排在前面")
    is_active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "活动分类"
        ordering = ["ordering", "name"]

    def __str__(self):
        return self.name


class CareerEventState(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    CANCELLED = "cancelled", "已取消"


class CareerEventQuerySet(ScopedQuerySet):
    def published(self):
        return self.filter(state=CareerEventState.PUBLISHED)

    def upcoming(self):
        return self.published().filter(ends_at__gte=timezone.now())


class CareerEvent(BaseModel):
    title = models.CharField("活动名称", max_length=100)
    category = models.ForeignKey(CareerEventCategory, on_delete=models.PROTECT, related_name="events",
                                 verbose_name="活动分类")
    venue = models.ForeignKey("events.Venue", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="career_events", verbose_name="场地", help_text="留空为待定")
    starts_at = models.DateTimeField("开始时间", db_index=True)
    ends_at = models.DateTimeField("结束时间")
    registration_opens_at = models.DateTimeField("学生申请时间", null=True, blank=True,
                                                 help_text="学生可以报名的开始时间；留空为发布后即可报名")
    registration_closes_at = models.DateTimeField("截止时间", null=True, blank=True,
                                                  help_text="学生报名的截止时间；留空为活动结束前均可报名")
    capacity = models.PositiveIntegerField("人数上限", null=True, blank=True, help_text="留空则按场地容纳人数")
    audience = models.CharField("面向对象", max_length=200, blank=True, help_text="如：2027届全体毕业生")
    organiser = models.CharField("主办单位", max_length=100, blank=True)
    description = models.TextField("活动内容", blank=True)  # sanitised HTML (core.richtext)
    registration_required = models.BooleanField("签到需要先报名", default=True,
                                                help_text="勾选后，只有已报名的学生可以签到")
    uses_device = models.BooleanField("使用易捷签到", default=False, help_text="是否使用系统配套的签到设备签到")
    checkin_passphrase = models.CharField("签到口令", max_length=20, blank=True,
                                          help_text="设置后，打开签到二维码和学生扫码签到都需输入口令")
    state = models.CharField("状态", max_length=10, choices=CareerEventState.choices,
                             default=CareerEventState.DRAFT, db_index=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    cancel_reason = models.CharField("取消原因", max_length=200, blank=True)
    reminder_sent_at = models.DateTimeField("提醒发送时间", null=True, blank=True)

    history = HistoricalRecords()
    objects = CareerEventQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "就业活动"
        ordering = ["-starts_at", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                              name="career_event_ends_after_start")]

    def __str__(self):
        return self.title

    @property
    def place(self):
        return self.venue.name if self.venue_id else "待定"

    @property
    def host_name(self):
        return self.organiser or "学校"

    @property
    def status(self):
        """The shared event pages (我的报名, venue bookings) read `status` whatever the kind."""
        return self.state

    def get_status_display(self):
        """The venue pages show a booking's status whatever its kind."""
        return self.get_state_display()
