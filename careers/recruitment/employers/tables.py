"""用人单位管理 list (manual 4.1): status, the licence / registry-comparison / WeChat indicators."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from careers.core.tables import BaseTable

from . import hooks
from .models import Employer, EmployerStatus

STATUS_STYLES = {EmployerStatus.WAITING: "text-bg-warning", EmployerStatus.RE_REVIEW: "text-bg-info",
                 EmployerStatus.ADMITTED: "text-bg-success", EmployerStatus.REJECTED: "text-bg-danger"}
PK_MARK = 987654321  # stands for the row's pk in URLs reversed once per table


def status_badge(employer):
    status = employer.status
    return format_html('<span class="badge {}">{}</span>', STATUS_STYLES[status], status.label)


class EmployerTable(BaseTable):
    name = tables.Column(linkify=("recruitment:employer_detail", {"pk": tables.A("pk")}))
    credit_code = tables.Column()
    status = tables.Column(empty_values=(), orderable=False, verbose_name="状态")
    indicators = tables.Column(empty_values=(), orderable=False, verbose_name="执照/工商/微信")
    nature = tables.Column(accessor="nature__name", verbose_name="单位性质")
    industry = tables.Column(accessor="industry__name", verbose_name="单位行业")
    region = tables.Column(accessor="region__name", verbose_name="所在地区")
    size = tables.Column()
    contact_person = tables.Column()
    phone = tables.Column()
    email = tables.Column()
    created_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name="注册时间")
    admitted_at = tables.DateTimeColumn(format="Y-m-d", verbose_name="入驻时间")
    active = tables.Column(accessor="user__is_active", verbose_name="账号")
    actions = tables.Column(empty_values=(), orderable=False, verbose_name="操作")

    class Meta(BaseTable.Meta):
        model = Employer
        fields = ("pk", "name", "credit_code", "status", "indicators", "nature", "industry", "region", "size",
                  "contact_person", "phone", "email", "created_at", "admitted_at", "active", "actions")
        default_columns = ("name", "credit_code", "status", "indicators", "industry", "region", "contact_person",
                           "phone", "created_at", "active", "actions")
        order_by = ("-created_at",)

    @cached_property
    def urls(self):
        names = ("detail", "licence", "registry", "messages")
        return {name: reverse(f"recruitment:employer_{name}", kwargs={"pk": PK_MARK}) for name in names}

    def url(self, name, record):
        return self.urls[name].replace(str(PK_MARK), str(record.pk))

    def render_status(self, record):
        return status_badge(record)

    def render_indicators(self, record):
        licence = (format_html('<a href="{}" target="_blank" rel="noopener" title="营业执照：已上传，点击查看" '
                               'class="text-success me-2" data-indicator="licence"><i class="bi bi-file-earmark-check-fill"></i></a>',
                               self.url("licence", record))
                   if record.licence else
                   mark_safe('<span class="text-secondary opacity-50 me-2" title="未上传营业执照" '
                             'data-indicator="no-licence"><i class="bi bi-file-earmark"></i></span>'))
        registry = format_html('<a href="{}" class="text-primary me-2" title="对比工商注册信息" data-indicator="registry">'
                               '<i class="bi bi-arrow-left-right"></i></a>', self.url("registry", record))
        binding = hooks.wechat_binding(record)
        wechat = format_html('<a href="{}" class="{}" title="{}" data-indicator="{}"><i class="bi bi-wechat"></i></a>',
                             self.url("messages", record),
                             "text-success" if binding else "text-secondary opacity-50",
                             "已绑定微信，点击查看发送的历史消息" if binding else "未绑定微信，点击查看发送的历史消息",
                             "wechat" if binding else "no-wechat")
        return format_html("{}{}{}", licence, registry, wechat)

    def render_active(self, value):
        return "启用" if value else mark_safe('<span class="badge text-bg-secondary">停用</span>')

    def render_actions(self, record):
        label = "审核" if record.review_status == "pending" else "查看"
        return format_html('<a class="btn btn-outline-primary btn-sm py-0" href="{}">{}</a>',
                           self.url("detail", record), label)
