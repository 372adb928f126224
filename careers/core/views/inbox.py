from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..models import MessageDelivery


def inbox_deliveries(user):
    return MessageDelivery.objects.filter(recipient=user, channel="inbox", status=MessageDelivery.Status.SENT)


@login_required
def inbox(request):
    deliveries = inbox_deliveries(request.user).select_related("message", "message__sender").order_by("-sent_at")
    if request.GET.get("unread"):
        deliveries = deliveries.filter(read_at__isnull=True)
    page = Paginator(deliveries, 20).get_page(request.GET.get("page"))
    layout = "backoffice.html" if request.user.is_backoffice else "portal.html"
    return render(request, "core/inbox.html", {"page": page, "layout": layout})


@login_required
def inbox_message(request, pk):
    delivery = get_object_or_404(inbox_deliveries(request.user).select_related("message"), pk=pk)
    if delivery.read_at is None:
        delivery.read_at = timezone.now()
        delivery.save(update_fields=["read_at"])
    layout = "backoffice.html" if request.user.is_backoffice else "portal.html"
    return render(request, "core/inbox_message.html", {"delivery": delivery, "layout": layout})


@login_required
@require_POST
def inbox_mark_all_read(request):
    inbox_deliveries(request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("core:inbox")


@login_required
def inbox_badge(request):
    count = inbox_deliveries(request.user).filter(read_at__isnull=True).count()
    badge = f'<span class="position-absolute top-0 start-100 translate-middle badge rounded-pill bg-danger" id="inbox-badge">{count}</span>'
    return HttpResponse(badge if count else '<span id="inbox-badge"></span>')
