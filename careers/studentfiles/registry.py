"""What the student files app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from careers.core.demo import seed_step

from . import importers, permissions  # noqa: F401  (the "studentfiles.archiverecord" import spec; menus and actions)

seed_step("studentfiles", "careers.studentfiles.demo")
