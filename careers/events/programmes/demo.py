def seed(rng, years):
    pass
