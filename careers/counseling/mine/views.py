"""我的咨询 (manual 3.4 (4)–(5)): the adviser's own back-office area. Any staff account registered as 咨询师 reaches
it whatever its other permissions; it shows only the adviser's own slots and bookings, and of each booked
student only what the session needs (name, 学号, major, the question)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from careers.core.forms import add_action_errors
from careers.core.views.generic import BackofficeView, error_text

from ..bookings import actions as booking_actions
from ..bookings.models import HOLDING, Booking, BookingStatus
from ..setup.models import Adviser
from ..slots import actions as slot_actions
from ..slots.models import Slot
from .forms import RuleForm, SlotForm

NOT_ADVISER = "该页面仅供登记为咨询师的账号使用；如需开通，请联系就业指导中心在“咨询师列表”中登记。"


class AdviserAreaView(BackofficeView):
    @classmethod
    def bench_account(cls):
        """The account bench/bench_lists.py times these pages as: an active adviser (admins are refused)."""
        adviser = Adviser.objects.filter(is_active=True).select_related("user").order_by("pk").first()
        return adviser.user if adviser else None

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.is_backoffice:
            self.adviser = Adviser.objects.select_related("user").filter(user=request.user).first()
            if self.adviser is None:
                raise PermissionDenied(NOT_ADVISER)
        return super().dispatch(request, *args, **kwargs)

    def own_bookings(self):
        return (Booking.objects.filter(adviser=self.adviser)
                .select_related("student__major", "topic", "slot", "rating"))

    def context(self, **extra):
        return {"adviser": self.adviser, "page_title": "我的咨询", **extra}


class MineView(AdviserAreaView):
    """Home: bookings to answer, sessions to record, coming slots."""

    def get(self, request):
        now = timezone.now()
        own = self.own_bookings()
        slots = (Slot.objects.filter(adviser=self.adviser, ends_at__gte=now)
                 .annotate(held=Count("bookings", filter=Q(bookings__status__in=[s.value for s in HOLDING])))
                 .order_by("starts_at")[:40])
        return render(request, "counseling/mine/home.html", self.context(
            pending=list(own.filter(status=BookingStatus.PENDING).order_by("starts_at")[:50]),
            to_record=list(own.filter(status=BookingStatus.CONFIRMED, starts_at__lte=now).order_by("starts_at")[:50]),
            coming=list(own.filter(status=BookingStatus.CONFIRMED, starts_at__gt=now).order_by("starts_at")[:50]),
            slots=slots))


class MineBookingsView(AdviserAreaView):
    def get(self, request):
        rows = self.own_bookings().order_by("-starts_at", "-pk")
        status = request.GET.get("status", "")
        if status in BookingStatus.values:
            rows = rows.filter(status=status)
        page = Paginator(rows, 30).get_page(request.GET.get("page"))
        return render(request, "counseling/mine/bookings.html", self.context(
            page=page, status=status, statuses=BookingStatus.choices))


class MineBookingView(AdviserAreaView):
    """One booking: 确认 / 拒绝 (with a note), 咨询记录, 未到场."""

    def get(self, request, pk):
        booking = get_object_or_404(self.own_bookings(), pk=pk)
        now = timezone.now()
        return render(request, "counseling/mine/booking.html", self.context(
            booking=booking, rating=getattr(booking, "rating", None) if hasattr(booking, "rating") else None,
            started=booking.starts_at <= now))

    def post(self, request, pk):
        booking = get_object_or_404(self.own_bookings(), pk=pk)
        what = request.POST.get("decision")
        try:
            if what == "confirm":
                booking_actions.confirm(booking, note=request.POST.get("note", ""), user=request.user)
                messages.success(request, "已确认预约，学生会收到通知。")
            elif what == "decline":
                booking_actions.decline(booking, note=request.POST.get("note", ""), user=request.user)
                messages.success(request, "已拒绝预约，学生会收到通知。")
            elif what == "notes":
                booking_actions.record_notes(booking, notes=request.POST.get("notes", ""), user=request.user)
                messages.success(request, "咨询记录已保存。")
            elif what == "no_show":
                booking_actions.mark_no_show(booking, user=request.user)
                messages.success(request, "已标记为未到场。")
            else:
                messages.error(request, "未知的操作。")
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        return redirect("counseling:mine_booking", pk=booking.pk)


class MineSlotAddView(AdviserAreaView):
    """A one-off slot (?weekly=1: the weekly rule form)."""

    def form_class(self):
        return RuleForm if self.request.GET.get("weekly") == "1" else SlotForm

    def initial(self):
        return {"location": self.adviser.location}

    def get(self, request):
        return self.page(self.form_class()(initial=self.initial()))

    def page(self, form):
        return render(request=self.request, template_name="counseling/mine/slot_form.html", context=self.context(
            form=form, weekly=self.form_class() is RuleForm))

    def post(self, request):
        form = self.form_class()(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if isinstance(form, RuleForm):
                    _, made = slot_actions.add_rule(self.adviser, user=request.user, **data)
                    messages.success(request, f"已设置每周咨询时间，生成 {made} 个时段。")
                else:
                    slot = slot_actions.add_slot(self.adviser, user=request.user, **data)
                    messages.success(request, f"已新增咨询时间 {slot}。")
            except ValidationError as exc:
                add_action_errors(form, exc)
            else:
                return redirect("counseling:mine")
        return self.page(form)


class MineSlotDeleteView(AdviserAreaView):
    def post(self, request, pk):
        slot = get_object_or_404(Slot.objects.filter(adviser=self.adviser), pk=pk)
        try:
            slot_actions.remove_slot(slot, user=request.user)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, "已删除该咨询时间。")
        return redirect("counseling:mine")

    def get(self, request, pk):
        return redirect("counseling:mine")
