"""学生服务 → 预约咨询: the 咨询台账 (ledger: list, filters, export, a booking's page) and 咨询师统计, scoped by the
students' majors. An admin holding counseling.booking.change may confirm, decline or cancel on an adviser's
behalf (the same actions the adviser uses)."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from careers.core.views import generic
from careers.core.views.generic import error_text

from . import actions
from .filtersets import BookingFilterSet
from .models import Booking, BookingStatus
from .statistics import COLUMNS, adviser_rows
from .tables import BookingTable

bookings = Booking.objects.select_related("adviser__user", "student__major", "topic", "slot", "rating")


class BookingListView(generic.ObjectListView):
    queryset = bookings
    filterset = BookingFilterSet
    table = BookingTable
    template_name = "counseling/setup/list.html"
    actions = ("export",)
    empty_hint = "学生预约咨询后，预约记录会显示在这里。"

    def base_context(self):
        return {**super().base_context(), "page_title": "咨询台账", "tab": "ledger"}


class BookingView(generic.ObjectView):
    queryset = bookings
    template_name = "counseling/bookings/detail.html"
    detail_fields = ["starts_at", "adviser", "student", "topic", "question", "status", "reply_note",
                     "session_notes", "decided_at", "cancelled_at"]

    def base_context(self):
        return {**super().base_context(), "tab": "ledger"}

    def get_extra_context(self, obj):
        can_change = Booking.objects.restrict(self.request.user, "change").filter(pk=obj.pk).exists()
        rating = getattr(obj, "rating", None) if hasattr(obj, "rating") else None
        return {"can_change": can_change, "rating": rating, "slot": obj.slot,
                "pending": obj.status == BookingStatus.PENDING,
                "cancellable": obj.status in (BookingStatus.PENDING, BookingStatus.CONFIRMED)}


class BookingDecisionView(generic.ModelViewMixin):
    """POST 确认 / 拒绝 / 取消 on an adviser's behalf; a refusal is shown on the booking's page."""

    queryset = Booking.objects.all()

    def post(self, request, pk):
        booking = get_object_or_404(self.restricted("change"), pk=pk)
        decision = request.POST.get("decision")
        note = request.POST.get("note", "")
        try:
            if decision == "confirm":
                actions.confirm(booking, note=note, user=request.user)
                messages.success(request, "已确认该预约，学生会收到通知。")
            elif decision == "decline":
                actions.decline(booking, note=note, user=request.user)
                messages.success(request, "已拒绝该预约，学生会收到通知。")
            elif decision == "cancel":
                actions.cancel(booking, user=request.user, by_student=False)
                messages.success(request, "已取消该预约，该时段已重新开放。")
            else:
                messages.error(request, "未知的操作。")
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        return redirect("counseling:booking_detail", pk=booking.pk)

    def get(self, request, pk):  # back from the login page: to the booking's page, if the user may see it
        return redirect("counseling:booking_detail", pk=get_object_or_404(self.restricted("view"), pk=pk).pk)


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


class StatisticsView(generic.BackofficeView):
    """咨询师统计: each adviser's bookings (students in the viewer's scope) by state, ratings and average."""

    bench_kind = "statistics"  # what the list benchmark makes of it: careers/core/routes.py

    def get(self, request):
        self.require("counseling.adviser.view")
        date_from, date_to = _date(request.GET.get("date_from")), _date(request.GET.get("date_to"))
        rows = adviser_rows(request.user, date_from, date_to)
        return render(request, "counseling/bookings/statistics.html", {
            "page_title": "咨询师统计", "tab": "statistics", "rows": rows, "columns": COLUMNS,
            "date_from": date_from, "date_to": date_to,
            "bad_date": any(request.GET.get(k) and _date(request.GET.get(k)) is None for k in ("date_from", "date_to"))})
