"""站内消息: every user reads their own inbox deliveries, and only those.

Every query starts from `inbox_deliveries(request.user)`, so another user's delivery
(or one not yet sent) is a 404, never a 403 that would confirm it exists.
"""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from ..messaging import is_safe_link
from ..models import MessageDelivery


def inbox_deliveries(user):
    return MessageDelivery.objects.filter(recipient=user, channel="inbox", status=MessageDelivery.Status.SENT)


def unread_count(user):
    return inbox_deliveries(user).filter(read_at__isnull=True).count()


def _layout(user):
    return "backoffice.html" if user.is_backoffice else "portal.html"


@login_required
def inbox(request):
    deliveries = inbox_deliveries(request.user).select_related("message", "message__sender").order_by("-sent_at", "-pk")
    unread_only = bool(request.GET.get("unread"))
    if unread_only:
        deliveries = deliveries.filter(read_at__isnull=True)
    page = Paginator(deliveries, 20).get_page(request.GET.get("page"))
    return render(request, "core/inbox.html", {"page": page, "layout": _layout(request.user),
                                               "unread_only": unread_only})


@login_required
def inbox_message(request, pk):
    delivery = get_object_or_404(inbox_deliveries(request.user).select_related("message", "message__sender"), pk=pk)
    if delivery.read_at is None:
        # Conditional update: a second tab opening it keeps the first read time.
        now = timezone.now()
        if MessageDelivery.objects.filter(pk=delivery.pk, read_at__isnull=True).update(read_at=now):
            delivery.read_at = now
    link = delivery.message.link
    return render(request, "core/inbox_message.html", {
        "delivery": delivery,
        "layout": _layout(request.user),
        # Checked again on display: rows written around send_message must not become a phishing link.
        "link": link if link and is_safe_link(link) else "",
    })


@login_required
@require_POST
def inbox_mark_all_read(request):
    inbox_deliveries(request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("core:inbox")


@login_required
def inbox_badge(request):
    count = unread_count(request.user)
    if not count:
        return HttpResponse('<span id="inbox-badge"></span>')
    return HttpResponse(format_html(
        '<span class="position-absolute top-0 start-100 translate-middle badge rounded-pill bg-danger" '
        'id="inbox-badge" title="未读消息">{}</span>', count if count < 100 else "99+"))
