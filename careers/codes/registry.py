"""What the codes app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from careers.core.validators import register_region_codes

from . import importers, permissions  # noqa: F401  (the "codes.code" import spec; menus and actions)
from .data.regions import region_codes

# 身份证号 region prefixes: the division table knows development zones that python-stdnum does not
register_region_codes(region_codes)
