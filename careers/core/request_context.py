"""The current request's actor, IP and id, for audit records written outside views."""

import contextvars
import uuid
from dataclasses import dataclass


@dataclass
class Actor:
    user: object = None
    ip: str | None = None
    request_id: uuid.UUID | None = None


_current = contextvars.ContextVar("careers_actor", default=None)


def current_actor():
    return _current.get() or Actor()


def set_actor(actor):
    return _current.set(actor)


def reset_actor(token):
    _current.reset(token)


def client_ip(request):
    # Behind the production reverse proxy the first X-Forwarded-For hop is the client.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded:
        return forwarded.split(",")[0].strip() or None
    return request.META.get("REMOTE_ADDR") or None
