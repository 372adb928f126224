"""职位智能匹配 (manual 2.9, 4.3): `scoring` is the pure, explainable rule; `run` the nightly run.

See docs/recruitment-matching.md for the rules and the run's states.
"""
