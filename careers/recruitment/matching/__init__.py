"""职位智能匹配 (manual 2.9, 4.3): `models` the runs and matches, `scoring` the pure, explainable rule, `run`
the nightly run, `views` + `urls` the back office and the student's page.

See docs/development/matching.md for the rules and the run's states.
"""
