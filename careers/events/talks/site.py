"""Public 宣讲会 pages (no login, phone first): upcoming approved talks filtered by date or keyword, and a
talk's page with the 报名 / 取消报名 button for a logged-in student (the POST goes to checkin/portal_registration.py)."""

import datetime

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from careers.core.richtext import sanitize_html

from ..checkin import registration
from .models import Talk, TalkStatus

PER_PAGE = 20
WHEN = {"today": "今天", "tomorrow": "明天", "week": "7天内"}


def _day_bounds(day):
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
    return start, start + datetime.timedelta(days=1)


def filter_talks(talks, params, today=None):
    """?when=today|tomorrow|week, ?date=YYYY-MM-DD (that day), ?q= (title, unit). Returns (talks, error)."""
    today = today or timezone.localdate()
    when, text, q = params.get("when", ""), params.get("date", ""), params.get("q", "").strip()
    error = ""
    if text:
        try:
            day = datetime.date.fromisoformat(text)
        except ValueError:
            error, day = "日期格式不正确，请按 2026-12-01 填写。", None
        if day:
            start, end = _day_bounds(day)
            talks = talks.filter(starts_at__gte=start, starts_at__lt=end)
    elif when in WHEN:
        first = today + datetime.timedelta(days=1 if when == "tomorrow" else 0)
        start, _ = _day_bounds(first)
        end = start + datetime.timedelta(days=7 if when == "week" else 1)
        talks = talks.filter(starts_at__lt=end, ends_at__gt=max(start, timezone.now()))
    if q:
        talks = talks.filter(Q(title__icontains=q) | Q(employer__name__icontains=q) | Q(organiser__icontains=q))
    return talks, error


def talk_list(request):
    talks = Talk.objects.upcoming().select_related("employer", "venue").annotate(
        registered=Count("registrations")).order_by("starts_at", "pk")
    talks, error = filter_talks(talks, request.GET)
    page = Paginator(talks, PER_PAGE).get_page(request.GET.get("page"))
    params = QueryDict(mutable=True)
    params.update({k: v for k, v in request.GET.items() if k != "page" and v})
    return render(request, "events/talks/site/talk_list.html", {
        "page": page, "talks": page.object_list, "when": request.GET.get("when", ""), "whens": WHEN.items(),
        "date": request.GET.get("date", ""), "q": request.GET.get("q", ""), "error": error,
        "query": params.urlencode()})


def student_of(user):
    if not user.is_authenticated or user.kind != user.Kind.STUDENT:
        return None
    return getattr(user, "student", None)


def talk_detail(request, pk):
    talk = get_object_or_404(
        Talk.objects.select_related("employer", "venue").filter(
            Q(status=TalkStatus.APPROVED) | Q(status=TalkStatus.CANCELLED, reviewed_at__isnull=False)), pk=pk)
    student = student_of(request.user)
    count = registration.registrations_of(talk).count()
    limit = registration.capacity_of(talk)
    registered = student is not None and registration.is_registered(student, talk)
    closed = registration.closed_reason(talk)
    if not closed and limit is not None and count >= limit:
        closed = f"报名人数已满（上限 {limit} 人）。"
    return render(request, "events/talks/site/talk_detail.html", {
        "talk": talk, "description": sanitize_html(talk.description), "count": count, "limit": limit,
        "jobs": list(talk.jobs.filter(pk__in=_published_job_ids(talk)).select_related("employer")),
        "student": student, "registered": registered, "closed": closed,
        "can_cancel": registered and talk.starts_at > timezone.now(),
        "is_student_user": request.user.is_authenticated and request.user.kind == request.user.Kind.STUDENT})


def _published_job_ids(talk):
    from careers.recruitment.models import Job

    return Job.objects.published().filter(talks=talk).values("pk")
