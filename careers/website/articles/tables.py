import django_tables2 as tables
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html

from careers.core.tables import BaseTable, LocalTimeColumn

from .models import Article

BADGES = {"草稿": "warning", "定时发布": "info", "已发布": "success"}


class ArticleTable(BaseTable):
    title = tables.Column(linkify=("website:article_detail", {"pk": tables.A("pk")}))
    category = tables.Column(accessor="category__name", verbose_name="栏目")
    status = tables.Column(verbose_name="状态")
    published_at = LocalTimeColumn()
    sort_weight = tables.Column(attrs={"td": {"class": "text-end"}})
    view_count = tables.Column(attrs={"td": {"class": "text-end"}})
    department = tables.Column(default="—")
    is_visible = tables.Column(verbose_name="显示")

    class Meta(BaseTable.Meta):
        model = Article
        fields = ("pk", "title", "category", "status", "published_at", "sort_weight", "view_count", "department",
                  "is_visible")

    def render_status(self, record):
        label = record.state_label
        return format_html('<span class="badge text-bg-{}">{}</span>', BADGES[label], label)

    def value_status(self, record):
        return record.state_label

    def render_is_visible(self, record):
        """The 显示 toggle: a POST (htmx swaps the cell; without JavaScript the form posts and comes back)."""
        url = reverse("website:article_toggle", args=[record.pk])
        icon, label = ("bi-eye-fill text-success", "显示") if record.is_visible else ("bi-eye-slash text-muted", "隐藏")
        return format_html(
            '<form method="post" action="{}" hx-post="{}" hx-target="this" hx-swap="outerHTML" class="d-inline">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<button class="btn btn-link btn-sm p-0" title="点击切换显示/隐藏" data-visible="{}">'
            '<i class="bi {}"></i> {}</button></form>',
            url, url, self.token(), int(record.is_visible), icon, label)

    def value_is_visible(self, record):
        return "显示" if record.is_visible else "隐藏"

    def token(self):
        request = getattr(self, "request", None)
        return get_token(request) if request is not None else ""
