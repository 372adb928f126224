"""预约咨询's 待办事项 (core.workqueue): bookings no adviser has answered yet, as the 咨询台账 shows them; and for an
adviser (no permission needed: the item names none) their own, as 我的咨询 lists them."""

from careers.core.workqueue import work_item

from .models import Booking, BookingStatus
from .setup.models import is_adviser


def pending_bookings(user):
    return Booking.objects.restrict(user, "view").filter(status=BookingStatus.PENDING).count()


work_item("counseling.pending", "咨询预约待确认", group="预约咨询",
          permission=("counseling.booking.view", "counseling.booking.change"), url_name="counseling:booking_list",
          query=f"status={BookingStatus.PENDING}", count=pending_bookings, icon="bi-chat-heart")


def my_pending_bookings(user):
    if not is_adviser(user):  # the cached advisers' ids: no query for everyone else
        return 0
    return Booking.objects.filter(adviser__user=user, status=BookingStatus.PENDING).count()


work_item("counseling.mine_pending", "待确认的咨询预约（我的咨询）", group="预约咨询", permission=(),
          url_name="counseling:mine", count=my_pending_bookings, icon="bi-person-video3")
