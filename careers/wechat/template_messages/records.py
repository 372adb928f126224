"""学生消息管理 and 企业消息管理 (manual 8.6): the deliveries of messages sent to students / employers, with their
status, WeChat's delivery state (TemplateSend, from TEMPLATESENDJOBFINISH) and read state (the tracked link, the
inbox); a failed delivery can be edited and sent again (编辑重发).

Built on core's 消息记录 (careers/core/views/messages.py): its delivery filter set, table and resend_failed.
Scope denies by default: an admin sees deliveries to students of the majors they manage (school admins: all
students); employers' messages only with the 用人单位管理 permission too.
"""

import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django_tables2 import RequestConfig

from careers.core import pagination
from careers.core.forms import BaseForm
from careers.core.history import log_event
from careers.core.messaging import resend_failed, send_message
from careers.core.models import Message, MessageDelivery
from careers.core.pagination import CappedPaginator, wants_exact
from careers.core.scoping import scope_filter
from careers.core.views.generic import BackofficeView
from careers.core.views.messages import MessageDeliveryFilterSet, MessageDeliveryTable, delivery_counts

from .models import SendState

Status = MessageDelivery.Status
PER_PAGE = 50
MODULE = "wechat"


class Audience:
    """Whose messages a record page lists: the scope rule and the permission codes."""

    key = ""
    label = ""
    noun = ""
    view_code = ""
    resend_code = ""
    also_required = ()
    url_name = ""
    resend_url_name = ""

    def require(self, view, code):
        view.require(code)
        for extra in self.also_required:
            view.require(extra)

    def deliveries(self, user):
        raise NotImplementedError


class Students(Audience):
    key, label, noun = "students", "学生消息管理", "学生"
    view_code, resend_code = "wechat.studentmessage.view", "wechat.studentmessage.resend"
    url_name, resend_url_name = "wechat:student_messages", "wechat:student_message_resend"

    def deliveries(self, user):
        from careers.students.models import Student

        students = scope_filter(Student.objects.filter(user__isnull=False), user)  # none for anyone unscoped
        # EXISTS, not a join to students filtered by an IN list: the status counts read every delivery, and the
        # semi-join took 240 ms over 100,000 deliveries where EXISTS takes 55 ms.
        return MessageDelivery.objects.filter(Exists(students.filter(user_id=OuterRef("recipient_id"))))


class Employers(Audience):
    key, label, noun = "employers", "企业消息管理", "单位"
    view_code, resend_code = "wechat.employermessage.view", "wechat.employermessage.resend"
    also_required = ("recruitment.employer.view",)
    url_name, resend_url_name = "wechat:employer_messages", "wechat:employer_message_resend"

    def deliveries(self, user):
        return MessageDelivery.objects.filter(recipient__employer__isnull=False)


class RecordFilterSet(MessageDeliveryFilterSet):
    subject = django_filters.CharFilter(label="标题", field_name="message__subject", lookup_expr="icontains")
    wechat = django_filters.ChoiceFilter(label="微信送达", choices=SendState.choices, field_name="wechat_send__state")
    since = django_filters.DateFilter(label="起始日期", field_name="message__created_at", lookup_expr="date__gte",
                                      widget=forms.DateInput(attrs={"type": "date"}))
    until = django_filters.DateFilter(label="截止日期", field_name="message__created_at", lookup_expr="date__lte",
                                      widget=forms.DateInput(attrs={"type": "date"}))

    class Meta(MessageDeliveryFilterSet.Meta):
        fields = ["q", "subject", "channel", "status", "wechat", "read", "since", "until"]


WECHAT_CSS = {SendState.DELIVERED: "success", SendState.BLOCKED: "danger", SendState.FAILED: "danger",
              SendState.ACCEPTED: "info text-dark", SendState.IN_FLIGHT: "warning text-dark"}


class RecordTable(MessageDeliveryTable):
    created = tables.DateTimeColumn(verbose_name="发送时间", accessor="message__created_at", format="Y-m-d H:i")
    subject = tables.Column(verbose_name="标题", accessor="message__subject")
    wechat = tables.Column(verbose_name="微信送达", accessor="pk", orderable=False)
    read = tables.Column(verbose_name="阅读", accessor="read_at", orderable=False)
    action = tables.Column(verbose_name="操作", accessor="pk", orderable=False)

    class Meta(MessageDeliveryTable.Meta):
        fields = ("created", "subject", "recipient", "channel", "status", "wechat", "read", "error", "sent_at")
        sequence = fields
        exclude = ("attempts", "read_at")
        empty_text = "没有符合条件的消息记录"

    def __init__(self, *args, resend_url_name="", can_resend=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.resend_url_name, self.can_resend = resend_url_name, can_resend

    def render_recipient(self, value, record):
        student = getattr(value, "student", None) if hasattr(value, "student") else None
        extra = f" {student.student_number}" if student is not None else ""
        return f"{value.name or value.username}{extra}"

    def render_subject(self, value, record):
        return format_html('{}<div class="small text-muted">{}</div>', value, record.message.body[:60])

    def render_wechat(self, value, record):
        if record.channel != "wechat":
            return "—"
        send = getattr(record, "wechat_send", None)
        if send is None:
            return "未提交"
        return format_html('<span class="badge bg-{}">{}</span>', WECHAT_CSS.get(send.state, "secondary"),
                           send.get_state_display())

    def render_read(self, value, record):
        if value is None:
            return format_html('<span class="text-muted">未读</span>')
        when = f"{timezone.localtime(value):%m-%d %H:%M}"
        return format_html('<span class="text-success">已读</span> <span class="small text-muted">{}</span>', when)

    def render_action(self, value, record):
        if record.status != Status.FAILED or not self.can_resend:
            return ""
        return format_html('<a class="btn btn-outline-danger btn-sm" href="{}">编辑重发</a>',
                           reverse(self.resend_url_name, args=[record.message_id]))


def summary(rows, *, exact=False):
    """The total and per-status figures of `rows` in one query, which is also the list's count. Like every list
    (careers/core/pagination.py) it reads at most COUNT_CAP + 1 rows unless `exact`: past the cap the page shows
    "10,000+" and offers 精确计数, as counting every delivery of every student grows with the years."""
    bounded = rows.order_by() if exact else rows.order_by()[:pagination.COUNT_CAP + 1]
    counts = bounded.aggregate(**delivery_counts(prefix=""))
    counts["capped"] = not exact and counts["n_total"] > pagination.COUNT_CAP
    return counts


class RecordListView(BackofficeView):
    audience = None
    template_name = "wechat/template_messages/records.html"

    def get(self, request):
        audience = self.audience
        audience.require(self, audience.view_code)
        scoped = audience.deliveries(request.user)
        rows = scoped.select_related("message", "recipient__student", "wechat_send").order_by("-message_id", "pk")
        filterset = RecordFilterSet(request.GET, queryset=rows, request=request)
        shown = filterset.qs if filterset.is_valid() else rows.none()
        counts = summary(shown, exact=wants_exact(request))
        table = RecordTable(shown,
                            resend_url_name=audience.resend_url_name,
                            can_resend=request.user.has_permission(audience.resend_code))
        RequestConfig(request, paginate={"per_page": PER_PAGE, "paginator_class": CappedPaginator,
                                         "exact": wants_exact(request), "count": counts["n_total"]}).configure(table)
        return render(request, self.template_name, {"audience": audience, "filterset": filterset, "table": table,
                                                    "counts": counts})


class ResendForm(BaseForm):
    subject = forms.CharField(label="标题", max_length=200)
    body = forms.CharField(label="内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))


class ResendView(BackofficeView):
    """编辑重发: the failed deliveries (in the admin's scope) of one message. Unchanged text → core's resend_failed
    when every failed delivery is in scope; edited text (or a partial scope) → a new message to those recipients."""

    audience = None
    template_name = "wechat/template_messages/resend.html"

    def failed(self, message):
        return list(self.audience.deliveries(self.request.user).filter(message=message, status=Status.FAILED)
                    .select_related("recipient").order_by("pk"))

    def load(self, pk):
        self.audience.require(self, self.audience.resend_code)
        message = get_object_or_404(Message.objects.select_related("sender"), pk=pk)
        failed = self.failed(message)
        if not self.audience.deliveries(self.request.user).filter(message=message).exists():
            raise PermissionDenied("该消息的接收人不在您的管理范围内。")
        return message, failed

    def page(self, message, failed, form, status=200):
        return render(self.request, self.template_name, {
            "audience": self.audience, "message": message, "failed": failed, "form": form}, status=status)

    def get(self, request, pk):
        message, failed = self.load(pk)
        form = ResendForm(initial={"subject": message.subject, "body": message.body})
        return self.page(message, failed, form)

    def post(self, request, pk):
        message, failed = self.load(pk)
        back = redirect(self.audience.url_name)
        if not failed:
            messages.info(request, "该消息没有发送失败的投递。")
            return back
        form = ResendForm(request.POST)
        if not form.is_valid():
            return self.page(message, failed, form, status=400)
        subject, body = form.cleaned_data["subject"], form.cleaned_data["body"]
        unchanged = subject == message.subject and body.strip() == message.body.strip()
        all_failed = message.deliveries.filter(status=Status.FAILED).count()
        if unchanged and all_failed == len(failed):
            count = resend_failed(message, acting_user=request.user)
            messages.success(request, f"已将 {count} 条发送失败的投递重新加入发送队列。")
            return back
        recipients = list({d.recipient_id: d.recipient for d in failed}.values())
        channels = sorted({d.channel for d in failed})
        try:
            with transaction.atomic():
                new = send_message(recipients=recipients, subject=subject, body=body, channels=channels,
                                   sender=request.user, link=message.link, kind=message.kind)
                log_event("other", module=MODULE, obj=new or message, user=request.user,
                          message=f"{self.audience.label}：编辑后重新发送消息“{message.subject}”给 "
                                  f"{len(recipients)} 名发送失败的{self.audience.noun}"[:500],
                          changes={"resent_from": message.pk, "subject": [message.subject, subject],
                                   "recipients": [u.pk for u in recipients]})
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.page(message, failed, form, status=400)
        if new is None:
            messages.error(request, "发送失败的接收人都已停用，未重新发送。")
        else:
            messages.success(request, f"已将修改后的消息重新发送给 {len(recipients)} 名{self.audience.noun}。")
        return back


STUDENTS, EMPLOYERS = Students(), Employers()
