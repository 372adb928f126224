"""Optional modules: imported when present, skipped when not (e.g. a feature another area may not ship)."""

from importlib import import_module


def import_optional(name):
    """The module `name`, or None when it does not exist; an import error inside it still raises."""
    try:
        return import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise
        return None
