import django_tables2 as tables
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html

from careers.core.tables import BaseTable, LocalTimeColumn

from .models import WechatBinding


class WechatBindingTable(BaseTable):
    account = tables.Column("账号", accessor="user__username")
    name = tables.Column("姓名/单位", accessor="user__name")
    kind = tables.Column("账号类型", accessor="user__kind")
    openid = tables.Column("OpenID")
    subscribed = tables.BooleanColumn(yesno="已关注,已取消关注")
    bound_at = LocalTimeColumn(verbose_name="绑定时间")
    unbind = tables.Column("操作", empty_values=(), orderable=False, exclude_from_export=True)

    class Meta(BaseTable.Meta):
        model = WechatBinding
        fields = ("pk", "account", "name", "kind", "openid", "source", "subscribed", "bound_at", "unbind")

    def render_kind(self, record):
        return record.user.get_kind_display()

    def render_openid(self, value):
        return value[:6] + "…" if len(value) > 6 else value  # enough to tell two apart, not to copy

    def render_unbind(self, record):
        user = getattr(self, "user", None)
        if user is None or not user.has_permission("wechat.wechatbinding.delete"):
            return ""
        request = getattr(self, "request", None)
        token = get_token(request) if request is not None else ""
        return format_html(
            '<form method="post" action="{}"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<button class="btn btn-outline-danger btn-sm py-0" data-confirm="确定解除 {} 的微信绑定？">解除绑定</button></form>',
            reverse("wechat:wechatbinding_unbind", args=[record.pk]), token, record.user)
