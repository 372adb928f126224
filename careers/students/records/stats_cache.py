"""数据统计 results, cached per (data scope, year, item, split, live) for a few minutes.

The statistics page shows every item it may at once (each card loads itself), so its ~15 GROUP BY
queries would run on every visit; a result is kept for TTL seconds instead, and 刷新 recomputes it.
The key holds the admin's data scope (school-wide, or a digest of the managed majors), so an admin
never reads figures computed for another scope. What is cached is the rendered fragment: a Result
holds its StatItem (with lambdas) and does not pickle.
"""

import hashlib

from django.core.cache import cache

from careers.core.scoping import managed_major_id_list, sees_all_majors

TTL = 300  # seconds: figures at most five minutes old unless 刷新 is pressed
PREFIX = "students:statistics:v1"


def scope_key(user):
    """"all" for school-wide accounts, else a digest of the managed majors' ids (one query)."""
    if sees_all_majors(user):
        return "all"
    ids = ",".join(str(pk) for pk in sorted(managed_major_id_list(user)))
    return hashlib.sha256(ids.encode()).hexdigest()[:24]


def key(user, item_key, year, split="", live=False):
    return f"{PREFIX}:{scope_key(user)}:{int(year)}:{item_key}:{split or '-'}:{int(bool(live))}"


def fragment(cache_key, render, *, refresh=False):
    """(html, from_cache): the cached fragment, or `render()` stored for TTL (always when `refresh`)."""
    if not refresh:
        html = cache.get(cache_key)
        if html is not None:
            return html, True
    html = render()
    cache.set(cache_key, html, TTL)
    return html, False
