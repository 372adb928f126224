"""网站参数 and 网站信息管理 (manual 5.1.3): settings that change how the site looks (one row), and reusable content
blocks referenced from pages by their code. Both are cached and invalidated on save (siteinfo/cache.py)."""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet


class SiteSettings(BaseModel):
    """网站参数: the one row (pk=1) of the site's name, logo, colours, footer and contact block."""

    site_name = models.CharField("网站名称", max_length=60, default="高校就业服务平台")
    short_name = models.CharField("简称", max_length=20, blank=True)
    school_name = models.CharField("学校名称", max_length=60, blank=True)
    logo = models.ImageField("网站标志", upload_to="website/site/", blank=True)
    primary_color = models.CharField("主色", max_length=7, default="#0d4a8f", help_text="如 #0d4a8f")
    accent_color = models.CharField("辅色", max_length=7, default="#c8102e", help_text="如 #c8102e")
    description = models.CharField("网站简介", max_length=200, blank=True, help_text="搜索引擎和分享时显示")
    contact_address = models.CharField("联系地址", max_length=200, blank=True)
    contact_phone = models.CharField("联系电话", max_length=50, blank=True)
    contact_email = models.EmailField("联系邮箱", blank=True)
    office_hours = models.CharField("办公时间", max_length=100, blank=True)
    footer_text = models.TextField("页脚说明", blank=True)
    icp_number = models.CharField("ICP 备案号", max_length=50, blank=True)
    police_number = models.CharField("公安备案号", max_length=50, blank=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_unscoped = "site-wide settings, linked to no student"

    class Meta:
        verbose_name = verbose_name_plural = "网站参数"

    def __str__(self):
        return self.site_name


class InfoBlock(BaseModel):
    """网站信息管理: a named piece of content (中心简介, 联系我们, 办事指南 …) pages include by `code`."""

    code = models.SlugField("信息代码", max_length=50, unique=True,
                            error_messages={"unique": "已有使用该代码的信息，请换一个。"})
    title = models.CharField("标题", max_length=100)
    body = models.TextField("内容", blank=True)
    is_visible = models.BooleanField("显示", default=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_unscoped = "site content, linked to no student"

    class Meta:
        verbose_name = verbose_name_plural = "网站信息"
        ordering = ["code"]

    def __str__(self):
        return self.title
