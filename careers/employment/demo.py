"""Demo data of the 派遣与就业 app (a demo step registered in registry.py, run after the demo school).

Each area seeds its own part; every part is idempotent (make run seeds on every start).
"""

from .agreements.demo import seed_agreements
from .dispatch.demo import seed_dispatch
from .outcomes.demo import seed_employment
from .provincial.demo import seed_provincial_comparisons


def seed(rng, years):
    seed_dispatch(rng, years)
    seed_employment(rng, years)
    seed_provincial_comparisons()
    seed_agreements(rng, years)
