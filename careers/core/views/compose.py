"""发送消息 to the rows checked on a list (manual 8.6: 在系统任意有按键的，都可以选择发送对象后来发送消息).

One compose-and-send page for every audience: the students of a student-linked list (students/messaging) and the
units of the employer list (recruitment/employers). A subclass says who the checked rows are (`select`, which
re-checks permission and scope and raises SelectionError), how a recipient is shown and what the log records;
this class does the form, the channel offer rules (core.messaging.offered_channels: e-mail only when the school
sets it and fewer than 5 recipients), at most MAX_RECIPIENTS, the hourly guard, sending and the operation log.
"""

from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from .. import ratelimit
from ..forms import BaseForm
from ..history import log_event
from ..messaging import channel_label, offer_refusal, offered_channels, send_message
from ..redirects import safe_url
from .generic import BackofficeView

MAX_RECIPIENTS = 100  # 一般每次最多可发送100个对象
SENDS_PER_HOUR = 30  # per admin: a guard against a runaway script, far above clerical use


class SelectionError(Exception):
    pass


@dataclass
class Selection:
    """The checked rows: `rows` (what the page lists), `labels` (one text per row), `users` (active accounts)."""

    rows: list
    labels: list
    users: list
    no_account: list = field(default_factory=list)  # labels of rows without a usable account
    no_email: int = 0

    @property
    def count(self):
        return len(self.rows)


class MessageForm(BaseForm):
    subject = forms.CharField(label="标题", max_length=200)
    body = forms.CharField(label="内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))
    channels = forms.MultipleChoiceField(label="发送渠道", widget=forms.CheckboxSelectMultiple,
                                         error_messages={"required": "请至少选择一个发送渠道。",
                                                         "invalid_choice": "所选发送渠道“%(value)s”不可用。"})

    def __init__(self, *args, recipients=0, **kwargs):
        super().__init__(*args, **kwargs)
        self.recipients = recipients
        self.fields["channels"].choices = offered_channels(recipients)
        self.fields["channels"].initial = ["inbox"]

    def clean_channels(self):
        keys = self.cleaned_data["channels"]
        for key in keys:
            reason = offer_refusal(key, self.recipients)
            if reason:
                raise ValidationError(f"不能选择“{channel_label(key)}”：{reason}")
        return keys


class ComposeMessageView(BackofficeView):
    """Subclasses set permission, noun, unit, module, url_name, fallback_url_name, hidden (extra POST fields) and
    implement select(pks) → Selection and log_changes(selection)."""

    bench_kind = "action"  # reached from a list's checked rows; alone it redirects (careers/core/routes.py)
    template_name = "core/message_compose.html"
    permission = ""
    noun = "学生"
    unit = "名"
    module = ""
    url_name = ""
    fallback_url_name = ""
    max_recipients = MAX_RECIPIENTS

    def hidden(self):
        return {}

    def select(self, pks):
        raise NotImplementedError

    def log_changes(self, selection):
        return {}

    def checked(self, pks):
        wanted = {int(pk) for pk in pks if str(pk).isdecimal()}
        if not wanted:
            raise SelectionError(f"请先在列表中勾选要发送消息的{self.noun}。")
        selection = self.select(wanted)
        if selection.count > self.max_recipients:
            raise SelectionError(f"每次最多向 {self.max_recipients} {self.unit}{self.noun}发送消息，"
                                 f"您选择了 {selection.count} {self.unit}，请分批发送。")
        return selection

    def back_url(self):
        from django.urls import reverse

        target = self.request.POST.get("return_url") or self.request.GET.get("return_url") or ""
        return safe_url(self.request, target, reverse(self.fallback_url_name))

    def get(self, request):
        self.require(self.permission)
        return self.compose(request.GET.getlist("pk"), None)

    def post(self, request):
        self.require(self.permission)
        if "_send" not in request.POST:  # arriving from a list: show the form for the checked rows
            return self.compose(request.POST.getlist("pk"), None)
        return self.send(request.POST.getlist("pk"))

    def compose(self, pks, form, status=200, selection=None):
        if selection is None:
            try:
                selection = self.checked(pks)
            except SelectionError as exc:
                messages.error(self.request, str(exc))
                return redirect(self.back_url())
        form = form or MessageForm(recipients=selection.count)
        offered = {key for key, _ in offered_channels(selection.count)}
        return render(self.request, self.template_name, {
            "form": form, "selection": selection, "view": self, "max_recipients": self.max_recipients,
            "return_url": self.back_url(), "hidden": self.hidden(), "email_offered": "email" in offered,
        }, status=status)

    def send(self, pks):
        user = self.request.user
        try:
            selection = self.checked(pks)
        except SelectionError as exc:
            messages.error(self.request, str(exc))
            return redirect(self.back_url())
        form = MessageForm(self.request.POST, recipients=selection.count)
        if not form.is_valid():
            return self.compose(pks, form, status=400, selection=selection)
        if not ratelimit.hit(f"{self.module}-message:{user.pk}", limit=SENDS_PER_HOUR, window=3600):
            form.add_error(None, f"您在一小时内已发送 {SENDS_PER_HOUR} 次消息，请稍后再发。")
            return self.compose(pks, form, status=429, selection=selection)
        channels = form.cleaned_data["channels"]
        subject = form.cleaned_data["subject"]
        try:
            message = send_message(recipients=selection.users, subject=subject, body=form.cleaned_data["body"],
                                   channels=channels, sender=user,
                                   # the 批量通知 template when sent on WeChat; otherwise no kind, so no channel
                                   # policy adds a channel the admin did not tick
                                   kind="batch" if "wechat" in channels else "")
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.compose(pks, form, status=400, selection=selection)
        if message is None:
            messages.error(self.request, f"所选{self.noun}都没有可用的登录账号，未发送消息。")
            return redirect(self.back_url())
        reached = len(selection.users)
        skipped = selection.count - reached
        labels = "、".join(channel_label(c) for c in channels)
        log_event("other", module=self.module, user=user, obj=message,
                  message=f"向 {reached} {self.unit}{self.noun}发送消息“{subject}”（{labels}）"[:500],
                  changes={**self.log_changes(selection), "channels": channels, "skipped_no_account": skipped})
        note = f"，{skipped} {self.unit}{self.noun}没有可用的登录账号，未发送" if skipped else ""
        messages.success(self.request, f"已向 {reached} {self.unit}{self.noun}发送消息（{labels}）{note}。")
        return redirect(self.back_url())
