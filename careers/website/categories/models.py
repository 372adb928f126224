"""网站菜单设置 (manual 5.1.1): the site's columns (资讯分类), nested and ordered; the navigation is built from them.

Each column has one of the manual's category codes (`kind`), which decides how its articles render:
news/notice/policy/article/other → a list of articles; photo → a gallery; video → players; download → a file
list; link → external links; special → a 特色专栏 whose sub-columns are its pages; help/explain → documentation
pages. A column with a college (`college`) is that college's own column: college admins granted the kind's
menu see and edit only their colleges' columns (scope: `college__majors`).
"""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet


class CategoryKind(models.TextChoices):
    NEWS = "news", "新闻"
    NOTICE = "notice", "通知"
    POLICY = "policy", "政策"
    ARTICLE = "article", "文章"
    HELP = "help", "帮助文档"
    EXPLAIN = "explain", "说明文档"
    PHOTO = "photo", "图片管理"
    VIDEO = "video", "视频管理"
    DOWNLOAD = "download", "下载资料"
    LINK = "link", "友情链接"
    SPECIAL = "special", "特色专栏"
    OTHER = "other", "其他资讯"


class CategoryQuerySet(ScopedQuerySet):
    def public(self):
        return self.filter(is_visible=True)


class Category(BaseModel):
    name = models.CharField("菜单名称", max_length=50)
    slug = models.SlugField("菜单代码", max_length=50, unique=True, allow_unicode=False,
                            help_text="网址中使用的英文代码，如 news、quality-report；全站唯一",
                            error_messages={"unique": "已有使用该代码的菜单，请换一个。"})
    kind = models.CharField("菜单分类", max_length=20, choices=CategoryKind.choices, db_index=True)
    parent = models.ForeignKey("self", verbose_name="上级菜单", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    college = models.ForeignKey("org.College", verbose_name="所属学院", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="website_categories",
                                help_text="留空为学校栏目；选择学院则为该学院的栏目，学院管理员只能管理本学院栏目")
    ordering = models.IntegerField("排序", default=0, help_text="数字小的排在前面")
    is_visible = models.BooleanField("显示", default=True)
    in_nav = models.BooleanField("在导航栏显示", default=True)
    description = models.CharField("栏目说明", max_length=200, blank=True)

    history = HistoricalRecords()
    objects = CategoryQuerySet.as_manager()
    scope_major_lookup = "college__majors"
    scope_spans_many = True

    class Meta:
        verbose_name = verbose_name_plural = "网站菜单"
        ordering = ["ordering", "pk"]

    def __str__(self):
        return self.name
