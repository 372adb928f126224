"""Recruitment demo data: each area's `demo_<area>.py: seed(rng, years)`, in dependency order.

Every seed is idempotent (make run seeds on every start)."""

from importlib import import_module

from .signals import AREAS


def seed(rng, years):
    for area in AREAS:
        try:
            module = import_module(f"{__package__}.demo_{area}")
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.demo_{area}":
                raise
            continue
        module.seed(rng, years)
