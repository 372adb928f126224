"""Who answers what WeChat pushes: areas register handlers for events and message types here (from registry.py).

    @on_event("subscribe", "scan")           # wechatpy's `msg.event`, lower case: subscribe, unsubscribe, scan,
    def bind_by_scan(msg):                   # subscribe_scan, click, view, templatesendjobfinish, ...
        ...                                   # return a reply (wechatpy.replies.*, or a str for a text reply) or None

    @on_message("text")                       # wechatpy's `msg.type` for messages: text, image, voice, ...
    def keyword_reply(msg):
        ...

Every handler for the message's event/type runs, in `priority` order (lower first); the first non-None reply is
sent back. Handlers must finish well inside WeChat's 5 s limit: slow work goes to Celery. A handler that raises is
logged and skipped (WeChat must still get an answer, or it retries three times); its database writes are rolled
back (each handler runs in its own savepoint, inside the transaction that records the push's receipt).
"""

import logging
from collections import defaultdict

from django.db import transaction

logger = logging.getLogger(__name__)

_events = defaultdict(list)
_messages = defaultdict(list)


def _register(table, keys, priority):
    def decorator(fn):
        for key in keys:
            table[key.lower()].append((priority, fn))
            table[key.lower()].sort(key=lambda item: item[0])
        return fn
    return decorator


def on_event(*names, priority=50):
    return _register(_events, names, priority)


def on_message(*types, priority=50):
    return _register(_messages, types, priority)


def handlers_for(msg):
    if getattr(msg, "type", "") == "event":
        return [fn for _, fn in _events.get(str(getattr(msg, "event", "")).lower(), ())]
    return [fn for _, fn in _messages.get(str(getattr(msg, "type", "")).lower(), ())]


def dispatch(msg):
    """Run every handler for `msg`; return the first reply (or None: WeChat gets "success")."""
    reply = None
    for handler in handlers_for(msg):
        try:
            with transaction.atomic():  # a savepoint: a failing handler's writes go, the others' stay
                answer = handler(msg)
        except Exception:  # noqa: BLE001 - one broken handler must not stop the others or the answer
            logger.exception("WeChat callback handler %s failed", getattr(handler, "__qualname__", handler))
            continue
        if reply is None and answer is not None:
            reply = answer
    return reply
