"""Core's extension points: one small registry type, filled one way.

Every place where domains plug into core (menus and actions, job handlers, message channels, import
specs, statistics items, market counters, lookup and payment providers, demo builders, dashboard
cards, code loaders …) is a `Registry` owned by the module that uses it. A domain contributes in its
`<app>/registry.py`, which `autodiscover()` imports once, for every installed `careers.*` app in
INSTALLED_APPS order, when core is ready (web and Celery processes alike). Registering the same key
twice with a different (unequal) object is a programming error and says so at startup.
"""

from collections.abc import Callable, Iterator
from importlib import import_module
from typing import Generic, TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")

DISCOVERY_MODULE = "registry"


class Registry(Generic[T]):
    """Named entries in registration order (or placed `before` another key)."""

    def __init__(self, what: str):
        self.what = what  # for messages: "job handler", "message channel" …
        self._entries: dict[str, T] = {}

    def register(self, key: str, item: T | None = None, *, before: str | None = None, replace: bool = False):
        """Add `item` under `key`; without `item`, a decorator that registers what it decorates."""
        if item is None:
            return lambda decorated: self.register(key, decorated, before=before, replace=replace)
        current = self._entries.get(key)
        if current is not None and current is not item and current != item and not replace:
            raise ImproperlyConfigured(f"{self.what} {key!r} is registered twice ({current!r} and {item!r})")
        if before is not None and before in self._entries and key not in self._entries:
            entries = list(self._entries.items())
            index = [k for k, _ in entries].index(before)
            entries.insert(index, (key, item))
            self._entries = dict(entries)
        else:
            self._entries[key] = item
        return item

    def unregister(self, key: str) -> None:
        self._entries.pop(key, None)

    # Mapping-style replacement, so tests can swap an entry with monkeypatch.setitem / delitem.
    def __setitem__(self, key: str, item: T) -> None:
        self.register(key, item, replace=True)

    def __delitem__(self, key: str) -> None:
        del self._entries[key]

    def pop(self, key: str, default=None):
        return self._entries.pop(key, default)

    def get(self, key: str, default: T | None = None) -> T | None:
        return self._entries.get(key, default)

    def __getitem__(self, key: str) -> T:
        try:
            return self._entries[key]
        except KeyError:
            raise KeyError(f"no {self.what} registered for {key!r}") from None

    def __contains__(self, key: object) -> bool:
        return key in self._entries

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._entries))

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self) -> list[str]:
        return list(self._entries)

    def values(self) -> list[T]:
        return list(self._entries.values())

    def items(self) -> list[tuple[str, T]]:
        return list(self._entries.items())

    def __repr__(self):
        return f"<Registry of {self.what}: {', '.join(self._entries) or 'empty'}>"


_discovered = False


def autodiscover() -> None:
    """Import `<app>.registry` of every installed careers app, core first (idempotent)."""
    global _discovered
    if _discovered:
        return
    _discovered = True
    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.startswith("careers."):
            _import_if_present(f"{config.name}.{DISCOVERY_MODULE}")


def _import_if_present(name: str) -> None:
    try:
        import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name != name:
            raise


def call_each(registry: Registry[Callable], *args, **kwargs) -> list:
    """Call every registered callable in order; the results, in the same order."""
    return [fn(*args, **kwargs) for fn in registry.values()]
