"""功能时间设置's list."""

import django_tables2 as tables
from django.utils import timezone
from django.utils.html import format_html

from careers.core.tables import BaseTable

from .models import ReportingWindow


class ReportingWindowTable(BaseTable):
    graduation_year = tables.Column(linkify=("employment:reportingwindow_edit", {"pk": tables.A("pk")}))
    function = tables.Column()
    opens_at = tables.DateTimeColumn(format="Y-m-d H:i")
    closes_at = tables.DateTimeColumn(format="Y-m-d H:i")
    state = tables.Column(empty_values=(), orderable=False, verbose_name="当前状态")

    class Meta(BaseTable.Meta):
        model = ReportingWindow
        fields = ("graduation_year", "function", "opens_at", "closes_at", "state")
        exclude = ("pk",)

    def render_state(self, record):
        now = timezone.now()
        if now < record.opens_at:
            return format_html('<span class="badge text-bg-secondary">{}</span>', "未开始")
        if now > record.closes_at:
            return format_html('<span class="badge text-bg-danger">{}</span>', "已截止")
        return format_html('<span class="badge text-bg-success">{}</span>', "开放中")
