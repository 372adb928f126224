"""咨询师统计: per adviser, the bookings of the students in the viewer's scope by state, and the ratings."""

from django.db.models import Avg, Count, Q

from ..setup.models import Adviser
from .models import Booking, BookingStatus


def adviser_rows(user, date_from=None, date_to=None):
    """One row per adviser (one grouped query over the viewer's scoped bookings, one for the advisers)."""
    bookings = Booking.objects.restrict(user)
    if date_from:
        bookings = bookings.filter(starts_at__date__gte=date_from)
    if date_to:
        bookings = bookings.filter(starts_at__date__lte=date_to)
    figures = {row["adviser"]: row for row in bookings.order_by().values("adviser").annotate(
        total=Count("pk"),
        **{value: Count("pk", filter=Q(status=value)) for value in BookingStatus.values},
        rated=Count("rating"), average=Avg("rating__stars"))}
    rows = []
    for adviser in Adviser.objects.select_related("user").order_by("pk"):
        row = figures.get(adviser.pk, {})
        rows.append({"adviser": adviser, "total": row.get("total", 0),
                     "states": [row.get(value, 0) for value in BookingStatus.values],
                     "rated": row.get("rated", 0),
                     "average": round(row["average"], 2) if row.get("average") is not None else None})
    return rows


COLUMNS = [label for _, label in BookingStatus.choices]
