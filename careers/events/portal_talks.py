"""Student pages: 报名 / 取消报名 a talk (POST, CSRF, rate limited) and 我的报名 (/me/events/): the student's
talk and fair registrations with their check-in state and the 签到 link while an event is on.

The rules (window, capacity under a row lock, duplicates) live in registration.py, shared with fairs."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from careers.core.ratelimit import hit
from careers.students.portal_views import student_required

from . import registration
from .models import CheckIn, Registration, Talk

RATE = {"limit": 30, "window": 60}
TOO_FAST = "操作过于频繁，请稍后再试。"


def _talk_page(talk):
    return redirect("site_events:talk_detail", pk=talk.pk)


@student_required
def talk_register(request, student, pk):
    talk = get_object_or_404(Talk.objects.select_related("venue"), pk=pk)
    if request.method != "POST":  # e.g. back from the login page: show the talk with its button
        return _talk_page(talk)
    if not hit(f"talk-register:{student.pk}", **RATE):
        messages.error(request, TOO_FAST)
        return _talk_page(talk)
    try:
        _, created = registration.register(student, talk)
    except ValidationError as exc:
        messages.error(request, "报名未成功：" + "；".join(exc.messages))
    else:
        local = timezone.localtime(talk.starts_at)
        messages.success(request, f"报名成功！宣讲会“{talk}”将于 {local:%-m月%-d日 %H:%M} 在{talk.venue}举行。"
                         if created else "您已报名该宣讲会，无需重复报名。")
    return _talk_page(talk)


@student_required
def talk_cancel(request, student, pk):
    talk = get_object_or_404(Talk, pk=pk)
    if request.method != "POST":
        return _talk_page(talk)
    if not hit(f"talk-register:{student.pk}", **RATE):
        messages.error(request, TOO_FAST)
        return _talk_page(talk)
    try:
        removed = registration.cancel(student, talk)
    except ValidationError as exc:
        messages.error(request, "取消未成功：" + "；".join(exc.messages))
    else:
        messages.success(request, "已取消报名。" if removed else "您没有报名该宣讲会。")
    return redirect(request.POST.get("next") if request.POST.get("next") == reverse("portal_events:my_events")
                    else reverse("site_events:talk_detail", args=[talk.pk]))


def _url(name, pk):
    try:
        return reverse(name, args=[pk])
    except NoReverseMatch:
        return None


@student_required
def my_events(request, student):
    """我的报名: talks and fairs, latest first, with 已签到 hh:mm or the 签到 link."""
    rows = (Registration.objects.filter(student=student)
            .select_related("talk__venue", "talk__employer", "fair__venue")
            .annotate(starts=Coalesce("talk__starts_at", "fair__starts_at")).order_by("-starts", "-pk"))
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    items = list(page.object_list)
    talk_ids = [r.talk_id for r in items if r.talk_id]
    fair_ids = [r.fair_id for r in items if r.fair_id]
    checkins = {((c.talk_id and "talk") or "fair", c.talk_id or c.fair_id): c for c in CheckIn.objects.filter(
        Q(talk_id__in=talk_ids) | Q(fair_id__in=fair_ids), student=student)}
    now = timezone.now()
    entries = []
    for r in items:
        event = r.talk or r.fair
        kind = "talk" if r.talk_id else "fair"
        done = checkins.get((kind, event.pk))
        entries.append({
            "registration": r, "event": event, "kind": kind, "label": "宣讲会" if kind == "talk" else "招聘会",
            "url": _url(f"site_events:{kind}_detail", event.pk), "checkin": done,
            "over": event.ends_at <= now, "cancelled": event.status == "cancelled",
            "can_cancel": event.starts_at > now and event.status != "cancelled",
            "place": event.venue.name if event.venue_id else getattr(event, "place", ""),
        })
    return render(request, "events/talks/portal/my_events.html", {"page": page, "entries": entries})
