"""What the org app contributes to core's extension points (imported once by core.registry.autodiscover)."""

from careers.core.demo import SCHOOL, demo_step

from . import importers, permissions  # noqa: F401  (the "org.major" import spec; menus and actions)
from .demo import build_school

demo_step("org.school", build_school, stage=SCHOOL)
