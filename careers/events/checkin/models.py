"""报名与签到 for talks and fairs.

A registration and a check-in point at exactly one event (a talk or a fair). The database enforces
one registration and one check-in per student per event, so concurrent scans and replayed offline
batches can never create a duplicate: the loser of the race reads the existing row (已签到 hh:mm).
"""

from django.db import models
from django.db.models import Q

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet, managed_major_ids, may, sees_all_majors

ONE_EVENT = (Q(talk__isnull=False, fair__isnull=True, career_event__isnull=True)
             | Q(talk__isnull=True, fair__isnull=False, career_event__isnull=True)
             | Q(talk__isnull=True, fair__isnull=True, career_event__isnull=False))

# model name → the column a registration / check-in names it by (also the `kind` in URLs and the device API)
EVENT_FIELDS = {"talk": "talk", "fair": "fair", "careerevent": "career_event"}


def event_of(row):
    """The talk, fair or 就业活动 a registration or check-in belongs to."""
    return row.talk if row.talk_id else row.fair if row.fair_id else row.career_event


def kind_of_row(row):
    return "talk" if row.talk_id else "fair" if row.fair_id else "career_event"


class EventRegistrationQuerySet(ScopedQuerySet):
    def of_event(self, event):
        return self.filter(**{event_field(event): event})


def event_field(event):
    """'talk', 'fair' or 'career_event' for an event instance."""
    return EVENT_FIELDS[event._meta.model_name]


class Registration(BaseModel):
    talk = models.ForeignKey("events.Talk", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="registrations", verbose_name="宣讲会")
    fair = models.ForeignKey("events.Fair", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="registrations", verbose_name="招聘会")
    career_event = models.ForeignKey("events.CareerEvent", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="registrations", verbose_name="就业活动")
    student = models.ForeignKey("students.Student", on_delete=models.CASCADE, related_name="event_registrations",
                                verbose_name="学生")
    reminded_at = models.DateTimeField("提醒时间", null=True, blank=True)

    scope_major_lookup = "student__major"
    objects = EventRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "报名"
        ordering = ["-created_at", "-pk"]
        # The lists' default order read off an index: otherwise every student was joined before the sort.
        indexes = [models.Index(fields=["-created_at", "-id"], name="registration_list_order")]
        constraints = [
            models.CheckConstraint(condition=ONE_EVENT, name="registration_one_event"),
            models.UniqueConstraint(fields=["talk", "student"], condition=Q(talk__isnull=False),
                                    name="uniq_talk_registration"),
            models.UniqueConstraint(fields=["fair", "student"], condition=Q(fair__isnull=False),
                                    name="uniq_fair_registration"),
            models.UniqueConstraint(fields=["career_event", "student"], condition=Q(career_event__isnull=False),
                                    name="uniq_career_event_registration"),
        ]

    def __str__(self):
        return f"{self.student_id} → {self.talk or self.fair or self.career_event}"


class CheckIn(models.Model):
    class Method(models.TextChoices):
        QR = "qr", "扫码签到"
        DEVICE = "device", "签到设备"
        OFFLINE = "offline", "设备离线补传"
        ADMIN = "admin", "管理员补签"

    talk = models.ForeignKey("events.Talk", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="checkins", verbose_name="宣讲会")
    fair = models.ForeignKey("events.Fair", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="checkins", verbose_name="招聘会")
    career_event = models.ForeignKey("events.CareerEvent", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="checkins", verbose_name="就业活动")
    student = models.ForeignKey("students.Student", on_delete=models.CASCADE, related_name="event_checkins",
                                verbose_name="学生")
    checked_in_at = models.DateTimeField("签到时间")  # the scan time (a device's own time for offline uploads)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)
    method = models.CharField("签到方式", max_length=10, choices=Method.choices)
    device = models.ForeignKey("events.CheckinDevice", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="checkins", verbose_name="签到设备")

    scope_major_lookup = "student__major"
    objects = EventRegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "签到"
        ordering = ["-checked_in_at", "-pk"]
        indexes = [models.Index(fields=["-checked_in_at", "-id"], name="checkin_list_order")]  # as Registration's
        constraints = [
            models.CheckConstraint(condition=ONE_EVENT, name="checkin_one_event"),
            models.UniqueConstraint(fields=["talk", "student"], condition=Q(talk__isnull=False),
                                    name="uniq_talk_checkin"),
            models.UniqueConstraint(fields=["fair", "student"], condition=Q(fair__isnull=False),
                                    name="uniq_fair_checkin"),
            models.UniqueConstraint(fields=["career_event", "student"], condition=Q(career_event__isnull=False),
                                    name="uniq_career_event_checkin"),
        ]

    def __str__(self):
        return f"{self.student_id} ✓ {self.talk or self.fair or self.career_event}"


class CheckinDeviceQuerySet(ScopedQuerySet):
    def restrict(self, user, action="view"):
        """A device belongs to its creator's scope: school-wide admins see every device; a college admin sees
        the devices they added and those of colleagues whose managed majors all lie within their own."""
        if not may(user, self.model, action):
            return self.none()
        if sees_all_majors(user):
            return self
        if not user.is_backoffice:
            return self.none()
        return self.filter(Q(created_by=user) | Q(created_by__in=creators_within(user)))


def creators_within(user):
    """Back-office accounts, not school-wide, managing at least one major and none outside `user`'s."""
    from django.contrib.auth import get_user_model
    from django.db.models import Exists, OuterRef

    account = get_user_model()
    outside = account.managed_majors.through.objects.filter(user=OuterRef("pk")).exclude(
        major__in=managed_major_ids(user))
    return (account.objects.filter(kind__in=(account.Kind.COLLEGE_ADMIN, account.Kind.COUNSELOR), is_superuser=False,
                                   managed_majors__isnull=False)
            .exclude(Exists(outside)).values("pk"))


class CheckinDevice(BaseModel):
    """A scanner (扫码硬件) allowed to call the check-in API. Only a sha256 of its token is stored."""

    name = models.CharField("设备名称", max_length=50)
    token_prefix = models.CharField("令牌前缀", max_length=8, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    is_active = models.BooleanField("启用", default=True)
    last_seen_at = models.DateTimeField("最近使用", null=True, blank=True)
    created_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name="创建人")

    # No student in reach; scoped by its creator (a device without one is school-only and names nobody).
    objects = CheckinDeviceQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "签到设备"
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class DeviceScan(models.Model):
    """Every scan a device reported, once: (device, scan_id) is unique, so a replayed offline batch adds
    nothing and gets the same answers back."""

    device = models.ForeignKey(CheckinDevice, on_delete=models.CASCADE, related_name="scans")
    scan_id = models.CharField(max_length=64)
    code = models.CharField("扫描内容", max_length=64)
    scanned_at = models.DateTimeField()
    result = models.CharField(max_length=20)  # checked_in / already / not_registered / unknown / ...
    checkin = models.ForeignKey(CheckIn, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # checkin area (0002): the answer as sent, so a replay gets it back word for word
    student = models.ForeignKey("students.Student", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    message = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    scope_major_lookup = "student__major"  # a scan names a student: read it within scope, like the check-in
    objects = ScopedQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["device", "scan_id"], name="uniq_device_scan")]
