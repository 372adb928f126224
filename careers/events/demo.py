"""Talks and fairs demo data: each area's `<area>/demo.py: seed(rng, years)`, in dependency order.

App-wide on purpose: core's demo builder calls `<app>.demo.seed`. Every seed is idempotent (make run seeds
on every start)."""

from careers.core.modules import import_optional

from .signals import AREAS


def seed(rng, years):
    for area in AREAS:
        module = import_optional(f"{__package__}.{area}.demo")
        if module is not None:
            module.seed(rng, years)
