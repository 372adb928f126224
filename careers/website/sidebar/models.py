"""侧边栏设置 (manual 5.1.2): shortcut links at the side of the site, shown by role or by topic (事务分类)."""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet


class SidebarAudience(models.TextChoices):
    ALL = "all", "所有访客"
    VISITOR = "visitor", "未登录访客"
    STUDENT = "student", "学生"
    EMPLOYER = "employer", "用人单位"
    STAFF = "staff", "教师/管理员"


class SidebarLink(BaseModel):
    title = models.CharField("链接名称", max_length=50)
    url = models.CharField("链接地址", max_length=500, help_text="站内地址如 /jobs/，或以 https:// 开头的外部地址")
    audience = models.CharField("按角色展示", max_length=20, choices=SidebarAudience.choices,
                                default=SidebarAudience.ALL)
    topic = models.CharField("事务分类", max_length=30, blank=True,
                             help_text="按事务分类展示时的分组名称，如 就业手续、求职指导；留空归入 常用链接")
    icon = models.CharField("图标", max_length=40, blank=True, help_text="Bootstrap 图标名，如 bi-briefcase")
    ordering = models.IntegerField("排序", default=0, help_text="数字小的排在前面")
    is_visible = models.BooleanField("显示", default=True)

    history = HistoricalRecords()
    objects = ScopedQuerySet.as_manager()
    scope_unscoped = "public site links, linked to no student"

    class Meta:
        verbose_name = verbose_name_plural = "侧边栏链接"
        ordering = ["ordering", "pk"]

    def __str__(self):
        return self.title
