"""Student 报名 / 取消报名 for a talk, a fair or a 就业活动: POST from the public event page or from 我的报名 (CSRF, rate
limited). The rules (window, capacity under a row lock, duplicates) live in registration.py; a GET (e.g. back
from the login page) returns to the event page, where the button is."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from careers.core.ratelimit import hit
from careers.core.views.generic import error_text
from careers.accounts.portal_access import student_required

from ..career_events.site import visible_events as visible_career_events
from ..fairs.site import visible_fairs
from ..models import Talk
from . import registration

# kind → (events a student may reach, label, public detail page, public list page)
KINDS = {
    "talk": (lambda: Talk.objects.select_related("venue"), "宣讲会", "site_events:talk_detail", "site_events:talk_list"),
    "fair": (lambda: visible_fairs().select_related("venue"), "招聘会", "site_events:fair_detail",
             "site_events:fair_list"),
    "career_event": (lambda: visible_career_events().select_related("venue"), "就业活动",
                     "site_events:career_event_detail", "site_events:calendar"),
}
RATE = {"limit": 30, "window": 60}
TOO_FAST = "操作过于频繁，请稍后再试。"


def _back(request, kind, event):
    """Back to 我的报名 or the student hub when the form came from one of them (only those exact paths, never an
    outside URL), else to the event."""
    came_from = request.POST.get("next")
    if came_from in (reverse("portal_events:my_events"), reverse("portal:home")):
        return redirect(came_from)
    return redirect(reverse(KINDS[kind][2], args=[event.pk]))


def _event_or_stop(request, student, kind, pk):
    """(event, None) when the POST may go on, else (event or None, the response that ends it)."""
    events, label, detail, listing = KINDS[kind]
    event = events().filter(pk=pk).first()
    if event is None:
        messages.error(request, f"{label}不存在或尚未对外发布。")
        return None, redirect(listing)
    if request.method != "POST":
        return event, redirect(detail, pk=event.pk)
    if not hit(f"event-register:{student.pk}", **RATE):
        messages.error(request, TOO_FAST)
        return event, redirect(detail, pk=event.pk)
    return event, None


def _registered_text(event, label):
    place = registration.place_of(event)
    return f"报名成功！{label}“{event}”将于 {timezone.localtime(event.starts_at):%-m月%-d日 %H:%M} 在{place}举行。"


@student_required
def register(request, student, pk, kind):
    event, stop = _event_or_stop(request, student, kind, pk)
    if stop:
        return stop
    label = KINDS[kind][1]
    try:
        _, created = registration.register(student, event)
    except ValidationError as exc:
        messages.error(request, "报名未成功：" + error_text(exc))
    else:
        messages.success(request, _registered_text(event, label) if created else f"您已报名该{label}，无需重复报名。")
    return _back(request, kind, event)


@student_required
def cancel(request, student, pk, kind):
    event, stop = _event_or_stop(request, student, kind, pk)
    if stop:
        return stop
    try:
        removed = registration.cancel(student, event)
    except ValidationError as exc:
        messages.error(request, "取消未成功：" + error_text(exc))
    else:
        messages.success(request, "已取消报名。" if removed else f"您没有报名该{KINDS[kind][1]}。")
    return _back(request, kind, event)
