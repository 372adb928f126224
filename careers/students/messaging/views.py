"""发送消息: compose a message to the students selected on a list (manual 2.7–2.9).

Any list whose rows carry a `student` (资料图库, 档案信息, 学生简历, 生源信息 itself) posts
its checked row pks here with `?source=<app_label.model_name>`. The rows are fetched
through that model's own restrict(user, "view") and their students through the
user's scope again, so a tampered pk list sends nothing. At most MAX_RECIPIENTS per
send, as the manual says (一般每次最多可发送100个对象); larger mailings belong to a batch page.
Channels are whatever the messaging service has registered (站内消息, 电子邮件; the
WeChat issue adds 微信 there and it appears here without changes).
"""

from django import forms
from django.apps import apps
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from careers.core import ratelimit
from careers.core.forms import BaseForm
from careers.core.history import log_event
from careers.core.messaging import channel_choices, channel_label, send_message
from careers.core.redirects import safe_url
from careers.core.scoping import restricted, scope_filter
from careers.core.views.generic import BackofficeView

from ..models import Student

PERMISSION = "students.student.message"
MAX_RECIPIENTS = 100
SENDS_PER_HOUR = 30  # per admin: a guard against a runaway script, far above clerical use


class SelectionError(Exception):
    pass


class MessageForm(BaseForm):
    subject = forms.CharField(label="标题", max_length=200)
    body = forms.CharField(label="内容", max_length=5000, widget=forms.Textarea(attrs={"rows": 8}))
    channels = forms.MultipleChoiceField(label="发送渠道", widget=forms.CheckboxSelectMultiple,
                                         error_messages={"required": "请至少选择一个发送渠道。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channels"].choices = channel_choices()
        self.fields["channels"].initial = ["inbox"]


def source_model(source):
    """The list's model: Student, or a model with a `student` foreign key to it."""
    if source in ("", "students.student"):
        return Student
    try:
        model = apps.get_model(source)
    except (LookupError, ValueError):
        raise SelectionError("无法识别所选记录的来源列表，请回到列表重新勾选。")
    field = next((f for f in model._meta.concrete_fields if f.name == "student"), None)
    if field is None or field.related_model is not Student:
        raise SelectionError("该列表不支持发送消息。")
    return model


def selected_students(user, source, pks):
    """The students behind the selected rows; all rows must be visible to the user, or none."""
    wanted = {int(pk) for pk in pks if str(pk).isdecimal()}
    if not wanted:
        raise SelectionError("请先在列表中勾选要发送消息的学生。")
    model = source_model(source)
    rows = restricted(model._default_manager.filter(pk__in=wanted), user, "view")
    if model is Student:
        student_ids = set(rows.values_list("pk", flat=True))
        found = len(student_ids)
    else:
        pairs = list(rows.values_list("pk", "student_id"))
        found, student_ids = len(pairs), {student for _, student in pairs}
    if found != len(wanted):
        raise SelectionError("所选记录中有您无权查看或已不存在的记录，未发送任何消息。")
    students = list(scope_filter(Student.objects.filter(pk__in=student_ids), user)
                    .select_related("user").order_by("student_number"))
    if len(students) != len(student_ids):
        raise SelectionError("所选学生中有不在您管辖的专业范围内的学生，未发送任何消息。")
    if len(students) > MAX_RECIPIENTS:
        raise SelectionError(f"每次最多向 {MAX_RECIPIENTS} 名学生发送消息，您选择了 {len(students)} 名，请分批发送。")
    return students


def reachable(student):
    return student.user is not None and student.user.is_active


class StudentMessageView(BackofficeView):
    bench_kind = "action"  # reached from a list's checked rows; alone it redirects (careers/core/routes.py)
    template_name = "students/message_compose.html"

    def back_url(self):
        fallback = reverse("students:student_list")
        target = self.request.POST.get("return_url") or self.request.GET.get("return_url") or ""
        return safe_next_url(self.request, target, fallback)

    def get(self, request):
        self.require(PERMISSION)
        return self.compose(request.GET.get("source", ""), request.GET.getlist("pk"), MessageForm())

    def post(self, request):
        self.require(PERMISSION)
        source = request.GET.get("source") or request.POST.get("source", "")
        if "_send" not in request.POST:  # arriving from a list: show the form for the checked rows
            return self.compose(source, request.POST.getlist("pk"), MessageForm())
        return self.send(source, request.POST.getlist("pk"), MessageForm(request.POST))

    def compose(self, source, pks, form, status=200):
        try:
            students = selected_students(self.request.user, source, pks)
        except SelectionError as exc:
            messages.error(self.request, str(exc))
            return redirect(self.back_url())
        no_account = [s for s in students if not reachable(s)]
        no_email = [s for s in students if reachable(s) and not s.user.email]
        return render(self.request, self.template_name, {
            "form": form, "students": students, "no_account": no_account, "no_email": no_email,
            "max_recipients": MAX_RECIPIENTS, "return_url": self.back_url(),
        }, status=status)

    def send(self, source, pks, form):
        user = self.request.user
        if not form.is_valid():
            return self.compose(source, pks, form, status=400)
        try:
            students = selected_students(user, source, pks)
        except SelectionError as exc:
            messages.error(self.request, str(exc))
            return redirect(self.back_url())
        if not ratelimit.hit(f"student-message:{user.pk}", limit=SENDS_PER_HOUR, window=3600):
            form.add_error(None, f"您在一小时内已发送 {SENDS_PER_HOUR} 次消息，请稍后再发。")
            return self.compose(source, pks, form, status=429)
        recipients = [s.user for s in students if reachable(s)]
        channels = form.cleaned_data["channels"]
        try:
            message = send_message(recipients=recipients, subject=form.cleaned_data["subject"],
                                   body=form.cleaned_data["body"], channels=channels, sender=user)
        except ValidationError as exc:
            form.add_error(None, exc)
            return self.compose(source, pks, form, status=400)
        skipped = len(students) - len(recipients)
        labels = "、".join(channel_label(c) for c in channels)
        note = f"，{skipped} 名学生没有可用的登录账号，未发送" if skipped else ""
        if message is None:
            messages.error(self.request, "所选学生都没有可用的登录账号，未发送消息。")
            return redirect(self.back_url())
        log_event("other", module="students", user=user, obj=message,
                  message=f"向 {len(recipients)} 名学生发送消息“{form.cleaned_data['subject']}”（{labels}）"[:500],
                  changes={"students": [s.student_number for s in students], "channels": channels,
                           "skipped_no_account": skipped})
        messages.success(self.request, f"已向 {len(recipients)} 名学生发送消息（{labels}）{note}。")
        return redirect(self.back_url())


def safe_next_url(request, target, fallback):
    return safe_url(request, target, fallback)
