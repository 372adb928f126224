"""What the website app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from careers.core.public_home import PUBLIC_HOME

from . import permissions  # noqa: F401  (menus and actions)
from .public import cache as _public_cache
from .public.home import home as _portal_home
from .siteinfo.cache import connect as _connect_site_cache

_connect_site_cache()
_public_cache.connect()  # the navigation and cached portal pages follow every column / article change
PUBLIC_HOME.register("home", _portal_home)  # `/` for visitors is the portal home
