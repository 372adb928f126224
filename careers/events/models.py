"""宣讲会与招聘会 (manual 4.5–4.6): venues, talks, fairs, participating units, booths, fees, registration
and check-in.

App-wide on purpose: each area keeps its models in `<area>/models.py`; this module re-exports every one
of them, so Django's app registry finds them and `from careers.events.models import X` works anywhere."""

from .career_events.models import CareerEvent, CareerEventCategory, CareerEventState  # noqa: F401
from .checkin.models import CheckIn, CheckinDevice, DeviceScan, Registration  # noqa: F401
from .fairs.models import (  # noqa: F401
    CheckinMethod,
    EmployerOperation,
    Fair,
    FairStatus,
    PaymentMethod,
    PosterMethod,
)
from .participants.models import Booth, ParticipantJob, Participation, ParticipationStatus  # noqa: F401
from .payments.models import Order, OrderStatus  # noqa: F401
from .talks.models import Talk, TalkStatus  # noqa: F401
from .venues.models import Venue  # noqa: F401

# -- 项目活动 (programmes) ---------------------------------------------------------------------------
from .programmes.models import (  # noqa: F401, E402
    EntryStatus,
    Programme,
    ProgrammeEntry,
    ProgrammeEntryMember,
    ProgrammeEntryType,
    ProgrammeState,
)
