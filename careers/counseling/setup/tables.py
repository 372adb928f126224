import django_tables2 as tables

from careers.core.tables import BaseTable

from .models import Adviser, Topic


class TopicTable(BaseTable):
    name = tables.Column(linkify=("counseling:topic_edit", {"pk": tables.A("pk")}))
    is_active = tables.BooleanColumn(yesno="启用,停用")

    class Meta(BaseTable.Meta):
        model = Topic
        fields = ("pk", "name", "description", "position", "is_active")


class AdviserTable(BaseTable):
    name = tables.Column("姓名", accessor="user__name", linkify=("counseling:adviser_edit", {"pk": tables.A("pk")}))
    username = tables.Column("后台账号", accessor="user__username")
    topics = tables.ManyToManyColumn(verbose_name="擅长主题", default="全部主题")
    is_active = tables.BooleanColumn(yesno="启用,停用")
    slots = tables.TemplateColumn('<a href="{% url \'counseling:adviser_detail\' record.pk %}">查看</a>',
                                  verbose_name="咨询时间与统计", orderable=False, exclude_from_export=True)

    class Meta(BaseTable.Meta):
        model = Adviser
        fields = ("pk", "name", "username", "title", "topics", "location", "is_active", "slots")
