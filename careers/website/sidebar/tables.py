import django_tables2 as tables
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html

from careers.core.tables import BaseTable

from .models import SidebarLink


class SidebarLinkTable(BaseTable):
    title = tables.Column(linkify=("website:sidebarlink_edit", {"pk": tables.A("pk")}))
    url = tables.Column()
    audience = tables.Column()
    topic = tables.Column(default="常用链接")
    ordering = tables.Column()
    is_visible = tables.BooleanColumn(yesno="显示,隐藏")
    move = tables.Column(verbose_name="调整顺序", accessor="pk", orderable=False, exclude_from_export=True)

    class Meta(BaseTable.Meta):
        model = SidebarLink
        fields = ("pk", "title", "url", "audience", "topic", "ordering", "is_visible", "move")

    def render_move(self, record):
        url = reverse("website:sidebarlink_move", args=[record.pk])
        token = get_token(self.request) if getattr(self, "request", None) else ""
        return format_html(
            '<form method="post" action="{}" class="d-inline-flex gap-1"><input type="hidden" name="csrfmiddlewaretoken"'
            ' value="{}"><button class="btn btn-outline-secondary btn-sm py-0" name="direction" value="up"'
            ' aria-label="上移“{}”">上移</button><button class="btn btn-outline-secondary btn-sm py-0" name="direction"'
            ' value="down" aria-label="下移“{}”">下移</button></form>', url, token, record.title, record.title)
