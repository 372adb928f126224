"""Invalidate the 就业日历 cache on any change that can show on it: a save or delete of a talk, a fair, a
就业活动, a venue (its name is shown) or a category. Bumped at once and again after the commit, so a page rendered
by another request before the commit cannot stay cached with the old data."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from ..models import CareerEvent, CareerEventCategory, Fair, Talk, Venue
from .feed import bump

WATCHED = (Talk, Fair, CareerEvent, Venue, CareerEventCategory)


def _changed(sender, **kwargs):
    bump()
    transaction.on_commit(bump)


for _model in WATCHED:
    receiver(post_save, sender=_model, dispatch_uid=f"calendar-save-{_model.__name__}")(_changed)
    receiver(post_delete, sender=_model, dispatch_uid=f"calendar-delete-{_model.__name__}")(_changed)
