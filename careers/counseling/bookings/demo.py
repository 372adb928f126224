"""demo (filled below)."""


def seed(rng, years):
    return None
