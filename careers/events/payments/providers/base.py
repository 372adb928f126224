"""The provider interface and the registry of providers, keyed by `fairs.PaymentMethod` values."""

from careers.core.registry import Registry

_PROVIDERS: Registry = Registry("payment provider")  # PaymentMethod value -> provider


class PaymentProvider:
    """Subclass, set `code` (a PaymentMethod value) and `label`, and register an instance.

    create(order) -> dict
        Start paying `order` (unpaid). Returns what the unit's payment page shows: for an offline
        transfer the payee account; for WeChat the prepay parameters / code URL. Must be safe to call
        again for the same order (return the same instructions).
    handle_notification(request) -> (order, outcome)
        Verify a provider's callback (signature, amount, out_trade_no = order.number) and call
        `payments.actions.mark_paid(order, transaction_id=..., by=None)`; a replayed notification is a
        no-op reported by mark_paid. Raise ValidationError for a forged or mismatched notification.
    refund(order, reason) -> str
        Ask the provider to give the money back; returns the provider's refund id ("" when none). Called
        by `payments.actions.refund` inside its transaction before the order becomes 已退款; raise
        ValidationError to refuse.
    """

    code = ""
    label = ""
    confirms_manually = False  # True: a school administrator confirms payment (offline transfer)

    def create(self, order):
        raise NotImplementedError

    def handle_notification(self, request):
        raise NotImplementedError

    def refund(self, order, reason):
        raise NotImplementedError


def register_provider(provider):
    _PROVIDERS.register(provider.code, provider)
    return provider


def get_provider(code):
    """The provider for a payment method; KeyError for an unknown one (a programming error)."""
    return _PROVIDERS[code]


def provider_choices():
    return [(code, provider.label) for code, provider in _PROVIDERS.items()]
