"""Delivery channels: how one `MessageDelivery` reaches its recipient.

Extension point (SMS, WeChat template messages): subclass `Channel`, then register it
from your app's `registry.py` (see core/registry.py)::

    class WechatTemplateChannel(Channel):
        label = "微信模板消息"
        missing_address_reason = "未绑定微信"

        def load_addresses(self, deliveries):
            # one query for the whole batch, e.g. {delivery.pk: openid}
            ...

        def send(self, message, delivery, address):
            # call the provider; raise DeliveryError(..., permanent=True) when retrying
            # cannot help (user unsubscribed, template revoked); any other exception is
            # recorded as FAILED and retried with backoff.
            ...

    register_channel("wechat", WechatTemplateChannel)

and give it a rate in `settings.MESSAGE_RATE_LIMITS` (messages per second) if the
provider has a quota. The service does the rest: claiming pending rows, skipping users
without an address, rate limiting, retries, status and error bookkeeping.
"""

import smtplib

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from ..registry import Registry

EMAIL_FOOTER = "—— 高校就业服务平台（本邮件由系统自动发送，请勿直接回复）"


class DeliveryError(Exception):
    """A channel could not deliver. `permanent=True`: retrying cannot help."""

    def __init__(self, message, *, permanent=False):
        super().__init__(message)
        self.permanent = permanent


class Channel:
    """Base class. `key` is set by `register_channel` and stored on each delivery."""

    key = ""
    label = ""
    # True: the delivery row itself is the message (the site inbox), so it is recorded
    # as sent when created and never goes through the task.
    immediate = False
    missing_address_reason = "无可用的接收地址"

    def address(self, user):
        """The user's address on this channel; "" means the delivery is SKIPPED."""
        return str(user.pk)

    def load_addresses(self, deliveries):
        """{delivery.pk: address} for a batch (`recipient` is already loaded).

        Override to fetch addresses kept elsewhere (WeChat openids) in one query.
        """
        return {d.pk: self.address(d.recipient) for d in deliveries}

    def send(self, message, delivery, address):
        raise NotImplementedError

    def send_batch(self, message, deliveries, addresses):
        """Deliver a batch; return {delivery.pk: None on success or the exception}."""
        results = {}
        for delivery in deliveries:
            try:
                self.send(message, delivery, addresses[delivery.pk])
            except Exception as exc:  # noqa: BLE001 - recorded on the delivery, then retried
                results[delivery.pk] = exc
            else:
                results[delivery.pk] = None
        return results


class InboxChannel(Channel):
    """站内消息: the row is the message; the inbox lists SENT inbox deliveries."""

    label = "站内消息"
    immediate = True

    def send(self, message, delivery, address):
        return None  # only reached by a resend: being SENT is the delivery


def email_body(message):
    parts = [message.body.rstrip()]
    site = getattr(settings, "SITE_URL", "").rstrip("/")
    if message.link and site:
        parts.append(f"查看详情：{site}{message.link}")
    elif message.link:
        parts.append("请登录高校就业服务平台查看详情。")
    parts.append(EMAIL_FOOTER)
    return "\n\n".join(parts)


class EmailChannel(Channel):
    """电子邮件: one SMTP session per batch, one email per recipient (no shared To:)."""

    label = "电子邮件"
    missing_address_reason = "未填写电子邮箱"

    def address(self, user):
        return (user.email or "").strip()

    def send_batch(self, message, deliveries, addresses):
        connection = get_connection(fail_silently=False)
        try:
            connection.open()
        except Exception as exc:  # noqa: BLE001 - server down: every delivery is retried later
            return {d.pk: exc for d in deliveries}
        body = email_body(message)
        results = {}
        try:
            for delivery in deliveries:
                email = EmailMessage(message.subject, body, to=[addresses[delivery.pk]], connection=connection)
                try:
                    email.send()
                except smtplib.SMTPRecipientsRefused as exc:
                    results[delivery.pk] = DeliveryError(f"邮箱地址被拒收：{exc}", permanent=True)
                except Exception as exc:  # noqa: BLE001 - SMTP/network errors are retried
                    results[delivery.pk] = exc
                else:
                    results[delivery.pk] = None
        finally:
            try:
                connection.close()
            except Exception:  # noqa: BLE001, S110 - the sends are already recorded
                pass
        return results


_registry: Registry = Registry("message channel")
_policies = []


def register_channel_policy(policy):
    """`policy(kind) -> iterable of channel keys` added to every message of that kind.

    The WeChat app registers one so that every notification kind mapped to an enabled template also goes
    out as a template message, without each sender naming the channel.
    """
    _policies.append(policy)
    return policy


def policy_channels(kind):
    keys = []
    for policy in _policies:
        keys.extend(policy(kind) or ())
    return [key for key in keys if _registry.get(key) is not None]


_offer_rules = []


def register_offer_rule(rule):
    """`rule(key, count) -> "" or a Chinese reason`: whether a hand-written send to `count` recipients may offer
    channel `key` (manual 8.6: 电子邮件 only when the school sets it and fewer than 5 recipients; the WeChat app
    registers that rule). Compose forms hide a refused channel and refuse it if posted anyway."""
    _offer_rules.append(rule)
    return rule


def offer_refusal(key, count):
    for rule in _offer_rules:
        reason = rule(key, count)
        if reason:
            return reason
    return ""


def offered_channels(count):
    """(key, label) of the channels a hand-written send to `count` recipients may use."""
    return [(key, label) for key, label in channel_choices() if not offer_refusal(key, count)]


def register_channel(key, cls):
    """Make channel `key` (≤ 20 characters, stored on deliveries) available to send_message."""
    if not key or len(key) > 20:
        raise ValueError("channel key must be 1-20 characters")
    if not (isinstance(cls, type) and issubclass(cls, Channel)):
        raise TypeError("a channel must subclass careers.core.messaging.Channel")
    channel = cls()
    channel.key = key
    _registry.register(key, channel, replace=True)  # re-registering a key swaps the channel (tests, settings)
    return channel


def unregister_channel(key):
    _registry.unregister(key)


def get_channel(key):
    """The registered channel, or None (e.g. one that was switched off after sending)."""
    return _registry.get(key)


def channel_choices():
    """(key, label) of every registered channel, for forms and filters."""
    return [(key, channel.label) for key, channel in _registry.items()]


def channel_label(key):
    channel = _registry.get(key)
    return channel.label if channel else key


register_channel("inbox", InboxChannel)
register_channel("email", EmailChannel)
