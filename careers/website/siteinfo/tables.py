import django_tables2 as tables

from careers.core.tables import BaseTable, LocalTimeColumn

from .models import InfoBlock


class InfoBlockTable(BaseTable):
    code = tables.Column(linkify=("website:infoblock_detail", {"pk": tables.A("pk")}))
    title = tables.Column(linkify=("website:infoblock_detail", {"pk": tables.A("pk")}))
    is_visible = tables.BooleanColumn(yesno="显示,隐藏")
    updated_at = LocalTimeColumn(verbose_name="更新时间")

    class Meta(BaseTable.Meta):
        model = InfoBlock
        fields = ("pk", "code", "title", "is_visible", "updated_at")
