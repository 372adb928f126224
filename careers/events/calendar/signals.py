"""Invalidate the 就业日历 cache on any change that can show on it: a save or delete of a talk, a fair, a
就业活动, a venue (its name is shown) or a category. Bumped at once and again after the commit, so a page rendered
by another request before the commit cannot stay cached with the old data."""

from careers.core import cache_versions

from ..models import CareerEvent, CareerEventCategory, Fair, Talk, Venue
from .feed import bump

WATCHED = (Talk, Fair, CareerEvent, Venue, CareerEventCategory)

cache_versions.on_change(WATCHED, bump, "calendar")
