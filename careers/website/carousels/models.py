"""图片管理 (manual 5.2.3): named carousels (首页轮播图, 招聘会轮播图 …) and their slides, each linking to an
article, a talk, a fair or any address, in order, between optional dates; images re-encoded to web sizes."""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet


class Carousel(BaseModel):
    code = models.SlugField("轮播图代码", max_length=50, unique=True, help_text="页面引用的代码，如 home、fairs",
                            error_messages={"unique": "已有使用该代码的轮播图，请换一个。"})
    name = models.CharField("名称", max_length=50)
    is_active = models.BooleanField("启用", default=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_unscoped = "public site images, linked to no student"

    class Meta:
        verbose_name = verbose_name_plural = "轮播图"
        ordering = ["pk"]

    def __str__(self):
        return self.name


class SlideLink(models.TextChoices):
    NONE = "none", "不链接"
    ARTICLE = "article", "资讯"
    TALK = "talk", "宣讲会"
    FAIR = "fair", "招聘会"
    URL = "url", "网址"


class Slide(BaseModel):
    carousel = models.ForeignKey(Carousel, verbose_name="轮播图", on_delete=models.CASCADE, related_name="slides")
    title = models.CharField("图片标题", max_length=100)
    image = models.ImageField("图片", upload_to="website/slides/%Y/%m/")
    image_small = models.ImageField("手机版图片", upload_to="website/slides/%Y/%m/", blank=True, editable=False)
    link_kind = models.CharField("链接到", max_length=20, choices=SlideLink.choices, default=SlideLink.NONE)
    article = models.ForeignKey("website.Article", verbose_name="资讯", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="+")
    talk = models.ForeignKey("events.Talk", verbose_name="宣讲会", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    fair = models.ForeignKey("events.Fair", verbose_name="招聘会", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    url = models.CharField("网址", max_length=500, blank=True)
    ordering = models.IntegerField("排序", default=0, help_text="数字小的排在前面")
    active_from = models.DateTimeField("开始展示", null=True, blank=True)
    active_until = models.DateTimeField("结束展示", null=True, blank=True)
    is_visible = models.BooleanField("显示", default=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_unscoped = "public site images, linked to no student"

    class Meta:
        verbose_name = verbose_name_plural = "轮播图片"
        ordering = ["ordering", "pk"]

    def __str__(self):
        return self.title
