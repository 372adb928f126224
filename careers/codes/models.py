from django.db import models
from simple_history.models import HistoricalRecords

from careers.core.models import BaseModel
from careers.core.scoping import ScopedQuerySet


class CodeTable(BaseModel):
    """One code table (e.g. 民族, 毕业去向, 行政区划 2023 edition).

    Tables are versioned: a new edition of the region codes is loaded as a new
    version and marked current; records keep pointing at the codes they used.
    """

    kind = models.SlugField("代码类别", max_length=50)
    name = models.CharField("名称", max_length=100)
    version = models.CharField("版本", max_length=20, default="1")
    is_current = models.BooleanField("当前版本", default=True)
    source = models.CharField("数据来源", max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "代码表"
        ordering = ["kind", "-version"]
        constraints = [models.UniqueConstraint(fields=["kind", "version"], name="uniq_codetable_version")]

    def __str__(self):
        return f"{self.name}（{self.version}）"


class CodeQuerySet(ScopedQuerySet):
    def of(self, kind):
        """Codes of the current version of table `kind`."""
        return self.filter(table__kind=kind, table__is_current=True)


class Code(BaseModel):
    table = models.ForeignKey(CodeTable, on_delete=models.CASCADE, related_name="codes", verbose_name="代码表")
    code = models.CharField("代码", max_length=20)
    name = models.CharField("名称", max_length=100)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children",
                               verbose_name="上级")
    level = models.PositiveSmallIntegerField("层级", default=1)
    sort = models.PositiveIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)
    extra = models.JSONField("附加信息", default=dict, blank=True)

    objects = CodeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = verbose_name_plural = "代码"
        ordering = ["table", "sort", "code"]
        constraints = [models.UniqueConstraint(fields=["table", "code"], name="uniq_code_in_table")]
        indexes = [models.Index(fields=["table", "name"])]

    def __str__(self):
        return self.name
