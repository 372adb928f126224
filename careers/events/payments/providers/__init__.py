"""Payment providers for 参会费用 orders (see docs/development/events-payments.md).

A provider turns an unpaid `Order` into what the unit needs to pay (`create`), turns a provider's
verified notification into `payments.actions.mark_paid` (`handle_notification`) and performs a refund
(`refund`). The order state machine itself lives in `careers.events.payments.actions`; providers never
change an order's status directly.
"""

from .base import PaymentProvider, get_provider, provider_choices, register_provider  # noqa: F401
from .offline import OfflineTransfer  # noqa: F401
