"""Fixed-window rate limits on the shared cache (Redis in production)."""

import time

from django.core.cache import cache


def hit(key, *, limit, window):
    """Count one hit on `key`; return True while the count is within `limit` per `window` s."""
    bucket = f"rl:{key}:{int(time.time() // window)}"
    if cache.add(bucket, 1, timeout=window + 1):
        return True
    try:
        count = cache.incr(bucket)
    except ValueError:  # expired between add and incr
        cache.add(bucket, 1, timeout=window + 1)
        return True
    return count <= limit
