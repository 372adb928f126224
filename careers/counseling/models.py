"""预约咨询: re-exports every area's models (the app registry and `from careers.counseling.models import X`)."""

from .bookings.models import HOLDING, Booking, BookingStatus, Rating  # noqa: F401
from .setup.models import Adviser, CounselingSettings, Topic  # noqa: F401
from .slots.models import Slot, SlotMode, SlotRule, Weekday  # noqa: F401
