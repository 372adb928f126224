"""What the resumes app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from careers.core.demo import seed_step

from . import permissions  # noqa: F401  (menus and actions)

seed_step("resumes", "careers.resumes.demo")
