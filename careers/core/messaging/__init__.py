"""The one way every module sends a message (站内消息, 电子邮件, later SMS / WeChat).

    from careers.core.messaging import send_message

    send_message(
        recipients=students_queryset,          # users; inactive ones are left out
        subject="招聘会报名成功",
        body="……",
        channels=("inbox", "email"),           # default: ("inbox",)
        sender=request.user,                   # None: shown as 系统
        link="/fairs/12/",                     # optional, site-relative only
    )

The call records one `Message` plus one `MessageDelivery` per (recipient, channel) and
returns at once; the inbox rows are delivered immediately, the rest by a Celery task
in rate-limited batches with retries. Statuses, errors and read times are listed in
the back office under 系统 → 消息记录. New channels: see `channels.py`.
"""

from .channels import (
    Channel,
    DeliveryError,
    EmailChannel,
    InboxChannel,
    channel_choices,
    channel_label,
    get_channel,
    offer_refusal,
    offered_channels,
    policy_channels,
    register_channel,
    register_channel_policy,
    register_offer_rule,
    unregister_channel,
)
from .delivery import deliver_pending
from .service import (
    is_safe_link,
    resend_failed,
    send_message,
    send_messages,
    validate_link,
)
from .tasks import deliver_due_messages, deliver_message, deliver_messages

__all__ = [
    "Channel", "DeliveryError", "EmailChannel", "InboxChannel", "channel_choices", "channel_label", "get_channel",
    "register_channel", "register_channel_policy", "register_offer_rule", "offer_refusal", "offered_channels", "policy_channels", "unregister_channel", "deliver_pending", "is_safe_link", "resend_failed", "send_message",
    "send_messages", "validate_link", "deliver_due_messages", "deliver_message",
    "deliver_messages",
]
