"""自定义回复 (manual 8.4): 被关注自动回复, 关键字自动回复 (文本 / 图文), 默认回复."""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel


class ReplySettings(BaseModel):
    """Singleton (pk=1): the subscribe and the default reply; empty means the system's default text."""

    subscribe_text = models.TextField("被关注自动回复", blank=True, max_length=2000)
    default_text = models.TextField("默认回复", blank=True, max_length=2000)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "自定义回复设置"


class MatchMode(models.TextChoices):
    EXACT = "exact", "完全匹配"
    CONTAINS = "contains", "包含关键字"


class ReplyType(models.TextChoices):
    TEXT = "text", "文本消息"
    NEWS = "news", "图文消息"


class KeywordReply(BaseModel):
    keyword = models.CharField("关键字", max_length=30)
    match = models.CharField("匹配方式", max_length=10, choices=MatchMode.choices, default=MatchMode.CONTAINS)
    reply_type = models.CharField("回复类型", max_length=10, choices=ReplyType.choices, default=ReplyType.TEXT)
    text = models.TextField("回复内容", blank=True, max_length=2000)
    enabled = models.BooleanField("启用", default=True)
    position = models.PositiveSmallIntegerField("排序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "关键字自动回复"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.keyword


class ReplyArticle(models.Model):
    """One article of a 图文消息 (WeChat shows up to 8; the first one large)."""

    reply = models.ForeignKey(KeywordReply, on_delete=models.CASCADE, related_name="articles", verbose_name="关键字回复")
    title = models.CharField("标题", max_length=64)
    description = models.CharField("摘要", max_length=120, blank=True)
    image = models.ImageField("封面图片", upload_to="wechat/replies/", blank=True)
    url = models.CharField("链接地址", max_length=500)
    position = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "图文消息条目"
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title
