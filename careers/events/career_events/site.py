"""Public 就业活动 pages (no login, phone first): the event's page with 报名 / 取消报名 (the POST goes to
checkin/portal_registration.py, the shared rules) — the page the 微信链接 QR opens — and the on-site
organiser's screen: the 签到口令 opens the student check-in QR without a back-office account (manual 3.2.3)."""

from django.core import signing
from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from careers.core.ratelimit import hit
from careers.core.request_context import client_ip
from careers.core.richtext import sanitize_html

from ..checkin import actions as rules
from ..checkin import registration
from ..checkin.qr import qr_svg
from .forms import PassphraseForm
from .models import CareerEvent, CareerEventState

SCREEN_TRIES = (10, 300)  # wrong 签到口令 per address and event, per 5 minutes
SCREEN_SALT = "events.career_event.screen"


def visible_events():
    """Published events, and cancelled ones that were published (a student's link must not 404)."""
    return CareerEvent.objects.filter(Q(state=CareerEventState.PUBLISHED)
                                      | Q(state=CareerEventState.CANCELLED, published_at__isnull=False))


def student_of(user):
    if not user.is_authenticated or user.kind != user.Kind.STUDENT:
        return None
    return getattr(user, "student", None)


def career_event_detail(request, pk):
    event = get_object_or_404(visible_events().select_related("category", "venue"), pk=pk)
    student = student_of(request.user)
    count = registration.registrations_of(event).count()
    limit = registration.capacity_of(event)
    registered = student is not None and registration.is_registered(student, event)
    closed = registration.closed_reason(event)
    if not closed and limit is not None and count >= limit:
        closed = f"报名人数已满（上限 {limit} 人）。"
    return render(request, "events/career_events/site/detail.html", {
        "event": event, "description": sanitize_html(event.description), "count": count, "limit": limit,
        "registered": registered, "closed": closed, "can_cancel": registered and event.starts_at > timezone.now(),
        "is_student_user": student is not None})


def checkin_screen(request, pk):
    """签到二维码 for the organiser: GET asks for the 签到口令, a right one shows the QR (and a signed link to
    come back to it for the rest of the event, so a refresh does not ask again)."""
    event = get_object_or_404(CareerEvent.objects.select_related("venue"), pk=pk)
    context = {"event": event, "form": PassphraseForm()}
    if not event.checkin_passphrase or event.state != CareerEventState.PUBLISHED:
        context["unavailable"] = ("本活动未设置签到口令，请由管理员在后台打开签到二维码。" if event.checkin_passphrase == ""
                                  else "该就业活动未发布或已取消，不能签到。")
        return render(request, "events/career_events/site/checkin_screen.html", context, status=403)
    opened = _screen_key_ok(event, request.GET.get("key", ""))
    if request.method == "POST" and not opened:
        form = PassphraseForm(request.POST)
        context["form"] = form
        limit, window = SCREEN_TRIES
        if not hit(f"career-screen:{client_ip(request)}:{pk}", limit=limit, window=window):
            form.add_error(None, "签到口令输错次数过多，请 5 分钟后再试。")
            return render(request, "events/career_events/site/checkin_screen.html", context, status=429)
        if form.is_valid() and rules.passphrase_matches(event, form.cleaned_data["passphrase"]):
            opened = True
        elif form.is_valid():
            form.add_error("passphrase", "签到口令不正确。")
            return render(request, "events/career_events/site/checkin_screen.html", context, status=400)
        else:
            return render(request, "events/career_events/site/checkin_screen.html", context, status=400)
    if opened:
        student_url = request.build_absolute_uri(
            reverse("portal_events:checkin", args=["career_event", pk, rules.student_token(event)]))
        key = signing.Signer(salt=SCREEN_SALT).sign(f"{pk}-{int(event.ends_at.timestamp())}")
        context.update({"opened": True, "student_url": student_url, "qr": qr_svg(student_url),
                        "window": rules.window_text(event), "again_url": f"{request.path}?key={key}"})
    return render(request, "events/career_events/site/checkin_screen.html", context)


def _screen_key_ok(event, key):
    if not key:
        return False
    try:
        value = signing.Signer(salt=SCREEN_SALT).unsign(key)
    except signing.BadSignature:
        return False
    return value == f"{event.pk}-{int(event.ends_at.timestamp())}" and event.ends_at > timezone.now()
