"""咨询设置, 咨询主题, 咨询师 (manual 3.4 (1)–(3)): school-wide, set by the 就业指导中心.

An adviser (咨询师) is a back-office staff account (辅导员/教师 or an admin) registered here; registering gives
the account the 我的咨询 area whatever its other permissions (see permissions.py)."""

from django.core.cache import cache
from django.db import models, transaction
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet

ADVISER_USERS_CACHE = "counseling:adviser-user-ids"


class CounselingSettings(BaseModel):
    """One row (pk 1): the module's switch, the students' guide and the cancellation deadline."""

    enabled = models.BooleanField("开启预约咨询", default=False)
    guide = models.TextField("流程及说明", blank=True, help_text="显示在学生预约页面")  # sanitised HTML
    cancel_hours = models.PositiveSmallIntegerField(
        "取消截止（小时）", default=24, help_text="咨询开始前多少小时之内学生不能再取消预约（0 表示开始前均可取消）")

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "咨询设置"

    def __str__(self):
        return "咨询设置"

    @classmethod
    def current(cls):
        return cls.objects.get_or_create(pk=1)[0]


class Topic(BaseModel):
    name = models.CharField("主题名称", max_length=50, unique=True)
    description = models.CharField("说明", max_length=200, blank=True)
    position = models.PositiveSmallIntegerField("排序", default=0, help_text="数字小的排在前面")
    is_active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "咨询主题"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class AdviserQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(is_active=True, user__is_active=True)


class Adviser(BaseModel):
    user = models.OneToOneField("accounts.User", on_delete=models.PROTECT, related_name="adviser_profile",
                                verbose_name="后台账号", help_text="咨询师用此账号登录后台，在“我的咨询”中设置时间、处理预约")
    title = models.CharField("职称/职务", max_length=50, blank=True)
    intro = models.TextField("个人简介", blank=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="advisers", verbose_name="擅长主题",
                                    help_text="不选表示可咨询所有主题")
    location = models.CharField("默认咨询地点", max_length=100, blank=True)
    is_active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()
    objects = AdviserQuerySet.as_manager()  # restrict(): the permission check (no student in reach)

    class Meta:
        verbose_name = verbose_name_plural = "咨询师"
        ordering = ["pk"]

    def __str__(self):
        return self.user.name or self.user.username

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        forget_adviser_users()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget_adviser_users()
        return result


def forget_adviser_users():
    """The menu reads the advisers' account ids from the cache; drop them now and again after the commit (a
    request between the two may have cached the old set)."""
    cache.delete(ADVISER_USERS_CACHE)
    transaction.on_commit(lambda: cache.delete(ADVISER_USERS_CACHE))


def adviser_user_ids():
    ids = cache.get(ADVISER_USERS_CACHE)
    if ids is None:
        # every registered adviser, an inactive one too: they still answer the bookings they hold
        ids = frozenset(Adviser.objects.filter(user__is_active=True).values_list("user_id", flat=True))
        cache.set(ADVISER_USERS_CACHE, ids, 300)
    return ids


def is_adviser(user):
    return bool(getattr(user, "is_backoffice", False) and user.pk in adviser_user_ids())
