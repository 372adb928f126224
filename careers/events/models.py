"""宣讲会与招聘会 (manual 4.5–4.6): venues, talks, fairs, participating units, booths, fees, registration
and check-in."""

from .checkin import CheckIn, CheckinDevice, DeviceScan, Registration  # noqa: F401
from .fairs import (  # noqa: F401
    CheckinMethod,
    EmployerOperation,
    Fair,
    FairStatus,
    PaymentMethod,
    PosterMethod,
)
from .participants import Booth, ParticipantJob, Participation, ParticipationStatus  # noqa: F401
from .payments import Order, OrderStatus  # noqa: F401
from .talks import Talk, TalkStatus  # noqa: F401
from .venues import Venue  # noqa: F401
