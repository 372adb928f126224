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
    wechat = tables.Column("微信", empty_values=(), orderable=False, exclude_from_export=True)  # 绑定咨询师微信 (3.4)
    slots = tables.TemplateColumn('<a href="{% url \'counseling:adviser_detail\' record.pk %}">查看</a>',
                                  verbose_name="咨询时间与统计", orderable=False, exclude_from_export=True)

    class Meta(BaseTable.Meta):
        model = Adviser
        fields = ("pk", "name", "username", "title", "topics", "location", "is_active", "wechat", "slots")

    def render_wechat(self, record):
        """Bound or not (the adviser binds in 管理员绑定, like every back-office account)."""
        from django.core.exceptions import ObjectDoesNotExist
        from django.utils.html import format_html

        try:
            record.user.wechat_binding
        except ObjectDoesNotExist:
            return format_html('<span class="text-secondary" data-wechat="unbound">{}</span>', "未绑定")
        return format_html('<span class="text-success" data-wechat="bound"><i class="bi bi-wechat"></i> {}</span>',
                           "已绑定")
