"""The student hub's (/me/) 预约咨询 card: the next booking, or the way to book. Two queries; hidden while the
module is off and the student has no booking to show."""

from django.utils import timezone

from ..setup.models import CounselingSettings
from .models import Booking, BookingStatus


def counseling_card(request):
    student = request.student
    upcoming = (Booking.objects.filter(student=student, starts_at__gt=timezone.now(),
                                       status__in=[BookingStatus.PENDING, BookingStatus.CONFIRMED])
                .select_related("adviser__user", "slot").order_by("starts_at").first())
    enabled = CounselingSettings.current().enabled
    if not enabled and upcoming is None:
        return None
    return {"upcoming": upcoming, "enabled": enabled}
