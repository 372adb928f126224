"""微信自定义菜单 (manual 8.3): two levels, WeChat's limits enforced in menus/rules.py."""

from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel


class MenuKind(models.TextChoices):
    VIEW = "view", "打开网页"
    CLICK = "click", "点击推送消息"
    PARENT = "parent", "子菜单"  # a top-level item whose sub-items are the buttons


class MenuItem(BaseModel):
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children",
                               verbose_name="上级菜单")
    name = models.CharField("菜单名称", max_length=20)
    kind = models.CharField("菜单类型", max_length=10, choices=MenuKind.choices, default=MenuKind.VIEW)
    url = models.CharField("链接地址", max_length=500, blank=True)  # site path or http(s) URL
    key = models.CharField("点击事件KEY", max_length=64, blank=True)
    position = models.PositiveSmallIntegerField("排序", default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "微信自定义菜单"
        ordering = ["parent_id", "position", "pk"]

    def __str__(self):
        return self.name
