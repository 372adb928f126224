"""The employer home's "since your last visit": the time of the account's previous visit to the portal
home, kept in its UserPreference (one small JSON key, no table of its own)."""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime

from careers.core.models import UserPreference

KEY = "company.home_seen_at"
FIRST_VISIT_WINDOW = datetime.timedelta(days=7)  # a first visit counts the last week as new


def record_visit(user, now=None):
    """Store `now` as the account's last home visit; the previous one (or a week ago on a first visit)."""
    now = now or timezone.now()
    pref, _ = UserPreference.objects.get_or_create(user=user)
    previous = parse_datetime(pref.get(KEY) or "")
    pref.set(KEY, now.isoformat())
    if previous is None or previous > now:  # never seen (or a clock moved back): the first-visit window
        return now - FIRST_VISIT_WINDOW, True
    return previous, False
