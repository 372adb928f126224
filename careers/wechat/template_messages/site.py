"""The tracked read link of a template message (/wechat/r/<token>/): opened from WeChat, usually not signed in.

The token is signed (django.core.signing, 90 days) and names one delivery: the first open records read_at, every
open goes on to the message's own site-relative link, or the inbox. A tampered token is a 404; an expired one goes
to the inbox without recording anything; the target is re-checked with is_safe_link, so no open redirect.
"""

from django.core import signing
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from careers.core.messaging import is_safe_link
from careers.core.models import MessageDelivery

from .render import read_delivery_id


@require_GET
def template_read(request, token):
    inbox = reverse("core:inbox")
    try:
        delivery_id = read_delivery_id(token)
    except signing.SignatureExpired:
        return redirect(inbox)
    except signing.BadSignature:
        raise Http404("链接无效") from None
    row = MessageDelivery.objects.filter(pk=delivery_id).values_list("message__link", flat=True).first()
    if row is None:
        raise Http404("消息不存在")
    MessageDelivery.objects.filter(pk=delivery_id, read_at__isnull=True).update(read_at=timezone.now())
    return redirect(row if row and is_safe_link(row) else inbox)
