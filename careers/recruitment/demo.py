"""Recruitment demo data (app-wide: core's demo builder imports `<app>.demo`): each area's
`<area>/demo.py: seed(rng, years)`, in dependency order.

Every seed is idempotent (make run seeds on every start)."""

from careers.core.modules import import_optional

from .signals import AREAS


def seed(rng, years):
    for area in AREAS:
        module = import_optional(f"{__package__}.{area}.demo")
        if module is not None:
            module.seed(rng, years)
