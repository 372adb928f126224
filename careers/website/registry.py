"""What the website app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from careers.core.demo import seed_step

from . import permissions  # noqa: F401  (menus and actions)
from .siteinfo.cache import connect as _connect_site_cache
from .sidebar.public import connect as _connect_sidebar_cache

_connect_site_cache()
_connect_sidebar_cache()

# -- demo data (siteadmin areas) ---------------------------------------------------------------------------
for _area in ("siteinfo", "sidebar"):
    seed_step(f"website.{_area}", f"careers.website.{_area}.demo")
