"""The current request's actor, IP and id, for audit records written outside views, and the permissions
its view required (signed into follow-up requests such as type-ahead look-ups, which re-check them)."""

import contextvars
import functools
import ipaddress
import uuid
from dataclasses import dataclass, field

from django.conf import settings


@dataclass
class Actor:
    user: object = None
    ip: str | None = None
    request_id: uuid.UUID | None = None
    required: list = field(default_factory=list)  # permission codes the view required (BackofficeView.require)


_current = contextvars.ContextVar("careers_actor", default=None)


def current_actor():
    return _current.get() or Actor()


def set_actor(actor):
    return _current.set(actor)


def reset_actor(token):
    _current.reset(token)


def client_ip(request):
    """The client's address: REMOTE_ADDR, or the X-Forwarded-For hop that our own proxies vouch for.

    X-Forwarded-For is written by whoever sends the request, so it is read only when the
    direct peer is one of settings.TRUSTED_PROXIES, and then from the right: each proxy
    appends the address it saw, so the first hop that is not one of ours is the client
    (anything to its left is the client's own claim). Rate limits, django-axes and the
    operation log all key on this one address.
    """
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    if peer is None or not _trusted(peer):
        return str(peer) if peer is not None else None
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    client = peer
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # garbage in the header: the last trustworthy hop is all we know
        client = address
        if not _trusted(address):
            break
    return str(client)


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address):
    return any(address in network for network in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


@functools.lru_cache(maxsize=8)
def _trusted_networks(entries):
    return [ipaddress.ip_network(entry, strict=False) for entry in entries]
