"""The enabled replies as the callback reads them: one snapshot in the cache, rebuilt after any change.

A generation number (core.cache_versions, key VERSION_KEY) names the snapshot; a save or delete of a reply, an
article or the settings bumps it (now and after the commit), so the next message reads the new replies. Each
process keeps the last snapshot it read with its generation: a message costs one cache read."""

from django.core.cache import cache

from careers.core import cache_versions

VERSION_KEY = "wechat:replies:version"
TIMEOUT = 24 * 3600
_local = {}


def snapshot():
    from .matching import build_snapshot

    version = cache_versions.current(VERSION_KEY)
    if _local.get("version") == version:
        return _local["data"]
    key = f"wechat:replies:{version}"
    data = cache.get(key)
    if data is None:
        data = build_snapshot()
        cache.set(key, data, TIMEOUT)
    _local.update(version=version, data=data)
    return data


def forget():
    cache_versions.bump(VERSION_KEY)


def connect():
    from .models import KeywordReply, ReplyArticle, ReplySettings

    cache_versions.on_change([KeywordReply, ReplyArticle, ReplySettings], forget, uid="wechat-replies")
