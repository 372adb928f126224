"""What the website app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from . import permissions  # noqa: F401  (menus and actions)
from .siteinfo.cache import connect as _connect_site_cache

_connect_site_cache()

# Demo data (careers.core.demo): each area's `seed(rng, years)`, columns before their articles.
from careers.core.demo import seed_step  # noqa: E402

seed_step("website.categories", "careers.website.categories.demo")
seed_step("website.articles", "careers.website.articles.demo")
