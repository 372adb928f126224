"""消息记录: sent messages with per-status delivery counts; deliveries of one message.

School admins see every message; other back-office accounts see the messages they
sent themselves (a message has no major, and its recipient list is personal data).
"""

import django_filters
import django_tables2 as tables
from django.contrib import messages as flash
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.html import format_html
from django_tables2 import RequestConfig

from ..filtersets import BaseFilterSet
from ..messaging import channel_choices, channel_label, resend_failed
from ..models import Message, MessageDelivery
from ..scoping import permission_code, sees_all_majors
from ..tables import BaseTable
from . import generic

Status = MessageDelivery.Status
RESEND_PERMISSION = "core.message.resend"


def visible_messages(user, queryset=None):
    queryset = Message.objects.all() if queryset is None else queryset
    return queryset if sees_all_majors(user) else queryset.filter(sender=user)


def delivery_counts(prefix="deliveries__"):
    """Count(...) per status; with prefix="" for an aggregate over MessageDelivery."""
    def count(condition=None):
        return Count(f"{prefix}pk" if prefix else "pk", filter=condition)

    def q(**lookups):
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    return {
        "n_total": count(),
        "n_queued": count(q(status__in=(Status.QUEUED, Status.SENDING))),
        "n_sent": count(q(status=Status.SENT)),
        "n_failed": count(q(status=Status.FAILED)),
        "n_skipped": count(q(status=Status.SKIPPED)),
        "n_read": count(q(read_at__isnull=False)),
    }


def _date_input():
    return django_filters.widgets.forms.DateInput(attrs={"type": "date"})


class MessageFilterSet(BaseFilterSet):
    search_fields = ("subject", "body")
    channel = django_filters.ChoiceFilter(label="渠道", choices=channel_choices, method="filter_channel")
    status = django_filters.ChoiceFilter(label="含投递状态", choices=Status.choices, method="filter_status")
    recipient = django_filters.CharFilter(label="接收人", method="filter_recipient")
    sender = django_filters.CharFilter(label="发送人", field_name="sender__name", lookup_expr="icontains")
    since = django_filters.DateFilter(label="起始日期", field_name="created_at", lookup_expr="date__gte",
                                      widget=_date_input())
    until = django_filters.DateFilter(label="截止日期", field_name="created_at", lookup_expr="date__lte",
                                      widget=_date_input())

    class Meta:
        model = Message
        fields = ["q", "channel", "status", "recipient", "sender", "since", "until"]

    @staticmethod
    def _having(queryset, **lookups):
        return queryset.filter(Exists(MessageDelivery.objects.filter(message=OuterRef("pk"), **lookups)))

    def filter_channel(self, queryset, name, value):
        return self._having(queryset, channel=value)

    def filter_status(self, queryset, name, value):
        return self._having(queryset, status=value)

    def filter_recipient(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Exists(MessageDelivery.objects.filter(message=OuterRef("pk")).filter(
            Q(recipient__name__icontains=value) | Q(recipient__username__icontains=value))))


def _status_link(value, record, status, css=""):
    """A count that opens the message's deliveries with that status."""
    if not value:
        return value
    url = reverse("core:message_detail", args=[record.pk])
    return format_html('<a class="{}" href="{}?status={}">{}</a>', css, url, status, value)


class MessageTable(BaseTable):
    created_at = tables.DateTimeColumn(format="Y-m-d H:i", linkify=("core:message_detail", {"pk": tables.A("pk")}))
    subject = tables.Column(linkify=("core:message_detail", {"pk": tables.A("pk")}))
    sender = tables.Column(default="系统")
    channels = tables.Column(orderable=False)
    n_total = tables.Column(verbose_name="接收数")
    n_queued = tables.Column(verbose_name="待发送")
    n_sent = tables.Column(verbose_name="已发送")
    n_failed = tables.Column(verbose_name="发送失败")
    n_skipped = tables.Column(verbose_name="无法发送")
    n_read = tables.Column(verbose_name="已读")

    class Meta(BaseTable.Meta):
        model = Message
        fields = ("created_at", "subject", "sender", "channels", "n_total", "n_queued", "n_sent", "n_failed",
                  "n_skipped", "n_read")
        exclude = ("pk",)

    def render_channels(self, value):
        return "、".join(channel_label(key) for key in value or ())

    def render_n_queued(self, value, record):
        return _status_link(value, record, Status.QUEUED)

    def render_n_failed(self, value, record):
        return _status_link(value, record, Status.FAILED, "text-danger fw-semibold")

    def render_n_skipped(self, value, record):
        return _status_link(value, record, Status.SKIPPED)


class MessageDeliveryFilterSet(BaseFilterSet):
    search_fields = ("recipient__name", "recipient__username")
    status = django_filters.ChoiceFilter(label="状态", choices=Status.choices, method="filter_status")
    channel = django_filters.ChoiceFilter(label="渠道", choices=channel_choices)
    read = django_filters.ChoiceFilter(label="阅读", choices=(("1", "已读"), ("0", "未读")), method="filter_read")

    class Meta:
        model = MessageDelivery
        fields = ["q", "status", "channel", "read"]

    def filter_status(self, queryset, name, value):
        if value == Status.QUEUED:  # a row being sent right now is still 待发送 to the reader
            return queryset.filter(status__in=(Status.QUEUED, Status.SENDING))
        return queryset.filter(status=value)

    def filter_read(self, queryset, name, value):
        return queryset.filter(read_at__isnull=value != "1")


class MessageDeliveryTable(tables.Table):
    recipient = tables.Column(verbose_name="接收人", order_by=("recipient__username",))
    channel = tables.Column()
    status = tables.Column()
    attempts = tables.Column()
    error = tables.Column(orderable=False)
    sent_at = tables.DateTimeColumn(format="Y-m-d H:i:s")
    read_at = tables.DateTimeColumn(format="Y-m-d H:i:s")

    class Meta:
        model = MessageDelivery
        fields = ("recipient", "channel", "status", "attempts", "error", "sent_at", "read_at")
        attrs = {"class": "table table-sm table-hover align-middle mb-0"}
        empty_text = "没有符合条件的投递记录"

    def render_channel(self, value):
        return channel_label(value)

    def render_status(self, value, record):
        css = {Status.SENT: "success", Status.FAILED: "danger", Status.SKIPPED: "secondary"}.get(
            record.status, "warning text-dark")
        label = record.get_status_display()
        if record.status == Status.FAILED:
            label = f"{label}（{record.next_attempt_at:%m-%d %H:%M} 重试）" if record.next_attempt_at else f"{label}（已停止重试）"
        return format_html('<span class="badge bg-{}">{}</span>', css, label)


class MessageScopeMixin:
    """Permission first, then the sender rule (see module docstring)."""

    def restricted(self, action):
        self.require(permission_code(Message, action))
        return visible_messages(self.request.user, self.queryset.all())


class MessageListView(MessageScopeMixin, generic.ObjectListView):
    queryset = Message.objects.select_related("sender").annotate(**delivery_counts())
    filterset = MessageFilterSet
    table = MessageTable
    actions = ()


class MessageView(MessageScopeMixin, generic.ObjectView):
    queryset = Message.objects.select_related("sender")
    template_name = "core/message_detail.html"
    detail_fields = ["subject", "sender", "created_at", "channels", "link"]

    def fields_of(self, obj):
        rows = super().fields_of(obj)
        at = self.detail_fields.index("channels")
        rows[at] = (rows[at][0], "、".join(channel_label(key) for key in obj.channels or ()))
        return rows

    def get_extra_context(self, obj):
        deliveries = obj.deliveries.select_related("recipient").order_by("pk")
        filterset = MessageDeliveryFilterSet(self.request.GET, queryset=deliveries, request=self.request)
        table = MessageDeliveryTable(filterset.qs if filterset.is_valid() else deliveries.none())
        RequestConfig(self.request, paginate={"per_page": 50}).configure(table)
        counts = MessageDelivery.objects.filter(message=obj).aggregate(**delivery_counts(prefix=""))
        return {
            "counts": counts,
            "delivery_filter": filterset,
            "deliveries": table,
            "can_resend": counts["n_failed"] > 0 and self.request.user.has_permission(RESEND_PERMISSION),
        }


class MessageResendView(generic.BackofficeView):
    """重新发送: queue the failed deliveries of one message again."""

    def post(self, request, pk):
        self.require(RESEND_PERMISSION)
        message = get_object_or_404(visible_messages(request.user), pk=pk)
        count = resend_failed(message, acting_user=request.user)
        if count:
            flash.success(request, f"已将 {count} 条发送失败的投递重新加入发送队列。")
        else:
            flash.info(request, "该消息没有发送失败的投递。")
        return redirect("core:message_detail", pk=message.pk)
