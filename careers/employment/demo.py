"""Demo data of the employment app (called by careers/core/demo.seed_app_demos). Each area adds its seed."""

from .demo_employment import seed_employment


def seed(rng, years):
    seed_employment(rng, years)
