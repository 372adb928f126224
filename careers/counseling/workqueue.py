"""预约咨询's 待办事项 (core.workqueue): bookings no adviser has answered yet, as the 咨询台账 shows them."""

from careers.core.workqueue import work_item

from .models import Booking, BookingStatus


def pending_bookings(user):
    return Booking.objects.restrict(user, "view").filter(status=BookingStatus.PENDING).count()


work_item("counseling.pending", "咨询预约待确认", group="预约咨询",
          permission=("counseling.booking.view", "counseling.booking.change"), url_name="counseling:booking_list",
          query=f"status={BookingStatus.PENDING}", count=pending_bookings, icon="bi-chat-heart")
