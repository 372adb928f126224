"""Cached pages that follow the data: a generation number under a cache key goes into every cached entry's key,
and a change bumps it, so every entry built from the old data is ignored at once (就业日历, the portal's pages and
navigation, carousels).

    current(key)                       the generation (created on first read; shared by every process)
    bump(key)                          a new generation
    now_and_after_commit(fn)           run `fn` now and again after the transaction commits: a page another request
                                       renders before the commit (still reading the old rows) cannot stay cached
    on_change(models, fn, uid)         call now_and_after_commit(fn) on every save or delete of `models`
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save


def _new():
    return uuid.uuid4().hex[:12]


def current(key):
    value = cache.get(key)
    if value is None:
        cache.add(key, _new(), timeout=None)  # add: of two first readers, one value wins
        value = cache.get(key) or _new()
    return value


def bump(key):
    cache.set(key, _new(), timeout=None)


def now_and_after_commit(fn):
    fn()
    transaction.on_commit(fn)


def on_change(models, fn, uid):
    def changed(**kwargs):
        now_and_after_commit(fn)

    for model in models:
        label = model._meta.label
        post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-save-{label}")
        post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-delete-{label}")
