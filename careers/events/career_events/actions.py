"""就业活动 writes: save (with the venue check), 发布 / 取消. One transaction each, logged (the model's history
writes the operation log on save; `transition` logs state moves; cancel adds who was told).

Venue rule, the same as talks and fairs (venues/conflicts.py): publishing, or saving a published event, into a
real room already taken at an overlapping time by an approved talk, a published fair or another published
就业活动 is refused with a message naming it; a draft may overlap (it is a plan), the form shows a warning.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careers.core.history import log_event
from careers.core.messaging import send_message
from careers.core.scoping import is_system
from careers.core.transitions import transition

from ..models import Registration, Venue
from ..venues.conflicts import describe, venue_conflicts
from .models import CareerEventState

MODULE = "events"
CHANGE = "events.careerevent.change"
NOTIFY_CHANNELS = ("inbox", "email")


def _require(user, code=CHANGE):
    if not is_system(user) and not (user is not None and user.has_permission(code)):
        raise PermissionDenied("您没有修改就业活动的权限。")


def conflicts_of(event):
    """Every active booking of the event's real room overlapping its time (talks, fairs, 就业活动)."""
    return venue_conflicts(event.venue, event.starts_at, event.ends_at, exclude=event if event.pk else None)


def blocking(event):
    """The bookings that make the room unavailable: approved talks, published fairs and 就业活动."""
    return [e for e in conflicts_of(event) if e.status in ("approved", "published")]


def refuse_conflicts(event):
    """Inside the caller's transaction: lock the room row first, so two writes into one room are serialised."""
    if event.venue_id and not event.venue.is_placeholder:
        list(Venue.objects.select_for_update().filter(pk=event.venue_id).values_list("pk"))
    taken = blocking(event)
    if taken:
        raise ValidationError({"venue": f"场地“{event.venue}”在该时间已被占用：{'；'.join(describe(e) for e in taken)}。"
                                        "请更换场地或调整时间。"})


def save_event(event, *, acting_user):
    """Create or update `event` (already filled in by the form). Published ones must have their room free."""
    _require(acting_user, "events.careerevent.change" if event.pk else "events.careerevent.add")
    with transaction.atomic():
        if event.state == CareerEventState.PUBLISHED:
            refuse_conflicts(event)
        event._history_user = acting_user
        event.save()
    return event


def _publishable(locked):
    if locked.ends_at <= timezone.now():
        raise ValidationError("该就业活动已结束，不能发布。")
    refuse_conflicts(locked)
    locked.published_at = timezone.now()


def publish(event, *, acting_user):
    """草稿 → 已发布 (on the 就业日历 at once). False when it already was."""
    _require(acting_user)
    return transition(event, to=CareerEventState.PUBLISHED, allowed_from=(CareerEventState.DRAFT,), verb="发布",
                      user=acting_user, module=MODULE, field="state", apply=_publishable,
                      refuse=lambda locked: "该就业活动已取消，不能再发布；如需举办请新增活动。").changed


def cancel(event, *, reason, acting_user):
    """→ 已取消, telling the registered students. Returns how many accounts were told (None if it already was)."""
    _require(acting_user)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "请填写取消原因，已报名的学生将收到该原因。"})

    def not_over(locked):
        if locked.ends_at <= timezone.now():
            raise ValidationError("该就业活动已结束，不能取消。")
        locked.cancel_reason = reason[:200]

    with transaction.atomic():
        moved = transition(event, to=CareerEventState.CANCELLED,
                           allowed_from=(CareerEventState.DRAFT, CareerEventState.PUBLISHED), verb="取消",
                           user=acting_user, module=MODULE, field="state", apply=not_over, log=False)
        if not moved.changed:
            return None
        locked = moved.obj
        from careers.accounts.models import User

        users = User.objects.filter(pk__in=Registration.objects.filter(
            career_event=locked, student__user__isnull=False).values("student__user"))
        start = timezone.localtime(locked.starts_at)
        message = send_message(
            recipients=users, subject=f"就业活动“{locked.title}”已取消",
            body=f"原定于 {start:%Y年%-m月%-d日 %H:%M} 在{locked.place}举办的就业活动“{locked.title}”已取消。\n"
                 f"取消原因：{reason}", channels=NOTIFY_CHANNELS, sender=acting_user,
            link=reverse("portal_events:my_events"), kind="event_reminder")
        told = message.deliveries.values("recipient").distinct().count() if message else 0
        log_event("update", module=MODULE, obj=locked, user=acting_user,
                  changes={"state": [CareerEventState.PUBLISHED, CareerEventState.CANCELLED],
                           "cancel_reason": ["", reason]},
                  message=f"取消就业活动“{locked.title}”，通知 {told} 个账号。原因：{reason}")
    event.state, event.cancel_reason = locked.state, locked.cancel_reason
    return told
