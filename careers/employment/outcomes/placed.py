"""The one rule for which employment records count, used by every rate, list and statistic.

An EmploymentRecord's own fields only ever hold reviewed values: a student's report waits in
`pending_changes` until an admin approves it, and an admin's direct entry is approved as it is
saved. So a record with a destination is a known (reviewed) outcome — also while a newer report
waits for review or after that report was rejected — and it counts as placed when its destination
code has extra counts_as_placed == "1" (协议和合同就业, 灵活就业, 自主创业, 升学).
"""

from django.db.models import Q


def placed_destinations():
    """The destination codes (any table version) that count toward the placement rate, as a subquery."""
    from careers.codes.models import Code

    return Code.objects.filter(table__kind="destination", extra__counts_as_placed="1").values("pk")


def known_q(prefix="employment__"):
    """The record has a reviewed destination (NACE: the outcome is known)."""
    return Q(**{f"{prefix}destination__isnull": False})


def placed_q(prefix="employment__", codes=None):
    """The reviewed destination counts toward the 毕业去向落实率. `codes`: pks to inline instead of a subquery."""
    return Q(**{f"{prefix}destination__in": placed_destinations() if codes is None else codes})
