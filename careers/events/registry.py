"""What the events app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from careers.core.demo import seed_step

from . import permissions, signals  # noqa: F401  (menus and actions; each area's hooks)

seed_step("events", "careers.events.demo")
