"""预约咨询 for students (/me/counseling/, phone or PC): the guide and 我的预约 (cancel before the deadline, rate
a completed session once), and 预约 (choose a topic, an adviser's free slot, describe the question)."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from careers.accounts.portal_access import audit_impersonated_write, student_required
from careers.core.ratelimit import hit
from careers.core.views.generic import error_text

from ..setup.models import Adviser, CounselingSettings, Topic
from ..slots.models import Slot
from . import actions
from .models import HOLDING, Booking, BookingStatus

AHEAD = datetime.timedelta(days=30)  # how far ahead students see free slots
RATE = {"limit": 20, "window": 60}
TOO_FAST = "操作过于频繁，请稍后再试。"


@student_required
def home(request, student):
    settings = CounselingSettings.current()
    rows = (Booking.objects.filter(student=student).select_related("adviser__user", "topic", "slot", "rating")
            .order_by("-starts_at", "-pk"))
    page = Paginator(rows, 20).get_page(request.GET.get("page"))
    now = timezone.now()
    entries = []
    for b in page.object_list:
        deadline = b.starts_at - datetime.timedelta(hours=settings.cancel_hours)
        entries.append({"booking": b, "rating": getattr(b, "rating", None) if hasattr(b, "rating") else None,
                        "can_cancel": b.status in (BookingStatus.PENDING, BookingStatus.CONFIRMED)
                        and now <= deadline and b.starts_at > now, "deadline": deadline,
                        "can_rate": b.status == BookingStatus.COMPLETED and not hasattr(b, "rating")})
    return render(request, "counseling/portal/home.html", {"settings": settings, "page": page, "entries": entries})


def free_slots(advisers, now):
    """Future slots (next 30 days) of `advisers` with a free seat, with how many seats are held."""
    return (Slot.objects.filter(adviser__in=advisers, starts_at__gt=now, starts_at__lt=now + AHEAD)
            .annotate(held=Count("bookings", filter=Q(bookings__status__in=[s.value for s in HOLDING])))
            .filter(held__lt=F("capacity")).order_by("starts_at", "pk"))


@student_required
def book(request, student):
    settings = CounselingSettings.current()
    if not settings.enabled:
        messages.error(request, "预约咨询暂未开放。")
        return redirect("portal_counseling:home")
    topics = list(Topic.objects.filter(is_active=True))
    data = request.POST if request.method == "POST" else request.GET
    topic = next((t for t in topics if str(t.pk) == data.get("topic", "")), None)
    errors = {}
    question = data.get("question", "") if request.method == "POST" else ""
    if request.method == "POST":
        slot_pk = data.get("slot", "")
        slot = Slot.objects.select_related("adviser__user").filter(pk=slot_pk).first() if slot_pk.isdecimal() else None
        if not hit(f"counseling-book:{student.pk}", **RATE):
            messages.error(request, TOO_FAST)
        elif topic is None:
            errors["topic"] = "请选择咨询主题。"
        elif slot is None:
            errors["slot"] = "请选择咨询时间。"
        else:
            try:
                booking = actions.book(student, slot, topic, question, user=request.user)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    errors.update({k: "；".join(v) for k, v in exc.message_dict.items()})
                else:
                    errors["all"] = error_text(exc)
            else:
                audit_impersonated_write(request, student, f"预约咨询：{booking.slot}")
                messages.success(request, f"预约已提交：{booking.adviser} {booking.slot}，请等待咨询师确认。")
                return redirect("portal_counseling:home")
    advisers = Adviser.objects.active().select_related("user").prefetch_related("topics")
    if topic is not None:
        advisers = advisers.filter(Q(topics=topic) | Q(topics__isnull=True)).distinct()
    advisers = list(advisers)
    slots_by_adviser = {}
    for slot in free_slots(advisers, timezone.now()):
        slots_by_adviser.setdefault(slot.adviser_id, []).append(slot)
    choices = [{"adviser": a, "slots": slots_by_adviser.get(a.pk, [])} for a in advisers]
    return render(request, "counseling/portal/book.html", {
        "settings": settings, "topics": topics, "topic": topic, "choices": choices, "question": question,
        "errors": errors, "chosen_slot": data.get("slot", "")})


def _own(student, pk):
    return get_object_or_404(Booking.objects.select_related("adviser__user", "topic", "slot"), pk=pk, student=student)


@student_required
def cancel(request, student, pk):
    booking = _own(student, pk)
    if request.method == "POST":
        try:
            actions.cancel(booking, user=request.user, by_student=True)
        except ValidationError as exc:
            messages.error(request, "取消未成功：" + error_text(exc))
        else:
            audit_impersonated_write(request, student, f"取消咨询预约：{booking.slot}")
            messages.success(request, "已取消预约，该时段已重新开放。")
    return redirect("portal_counseling:home")


@student_required
def rate(request, student, pk):
    booking = _own(student, pk)
    errors = {}
    if request.method == "POST":
        try:
            actions.rate(booking, student=student, stars=request.POST.get("stars"),
                         comment=request.POST.get("comment", ""), user=request.user)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                errors = {k: "；".join(v) for k, v in exc.message_dict.items()}
            else:
                messages.error(request, error_text(exc))
                return redirect("portal_counseling:home")
        else:
            audit_impersonated_write(request, student, f"评价咨询：{booking.slot}")
            messages.success(request, "感谢您的评价！")
            return redirect("portal_counseling:home")
    elif hasattr(booking, "rating") or booking.status != BookingStatus.COMPLETED:
        messages.error(request, "该次咨询已经评价过了。" if hasattr(booking, "rating") else "咨询完成后才能评价。")
        return redirect("portal_counseling:home")
    return render(request, "counseling/portal/rate.html", {"booking": booking, "errors": errors,
                                                           "stars": request.POST.get("stars", "")})
