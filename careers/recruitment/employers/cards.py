"""The employer home's 站内消息 card: the account's unread inbox messages (its own deliveries only)."""

from careers.core.views.inbox import inbox_deliveries

LATEST = 3


def unread_messages(request):
    if getattr(request, "employer", None) is None:
        return None
    unread = inbox_deliveries(request.user).filter(read_at__isnull=True)
    latest = list(unread.select_related("message").only("pk", "sent_at", "message__subject")
                  .order_by("-sent_at", "-pk")[:LATEST])
    return {"unread": unread.count() if latest else 0, "latest": latest}
