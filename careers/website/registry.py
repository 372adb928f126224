"""What the website app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from . import permissions  # noqa: F401  (menus and actions)
from .siteinfo.cache import connect as _connect_site_cache

_connect_site_cache()
