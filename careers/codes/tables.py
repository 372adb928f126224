import django_tables2 as tables

from careers.core.tables import BaseTable

from .models import Code, CodeTable


class CodeTableTable(BaseTable):
    name = tables.Column(linkify=("codes:codetable_detail", {"pk": tables.A("pk")}))
    code_count = tables.Column(verbose_name="代码数")

    class Meta(BaseTable.Meta):
        model = CodeTable
        fields = ("pk", "name", "version", "is_current", "code_count", "source")  # not the internal key (kind)


class CodeListTable(BaseTable):
    code = tables.Column(linkify=("codes:code_detail", {"pk": tables.A("pk")}))
    name = tables.Column()
    table = tables.Column(accessor="table__name", verbose_name="代码表")
    parent = tables.Column(accessor="parent__name", verbose_name="上级")
    level = tables.Column()
    is_active = tables.BooleanColumn(yesno="✔,✘")

    class Meta(BaseTable.Meta):
        model = Code
        fields = ("pk", "code", "name", "table", "parent", "level", "is_active")
