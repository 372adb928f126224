"""报名: one set of rules for a student registering for a talk, a fair or a 就业活动 (shared by those areas
and by check-in, which asks `is_registered`).

A registration is allowed when the event is published and not over, registration is open
(`registration_opens_at` ≤ now ≤ `registration_closes_at`; a missing bound means no bound) and the
event is not full (`capacity`; for a talk without one, its venue's capacity unless the venue is a
placeholder). The capacity check and the insert run under a row lock on the event, so two students
taking the last place at once cannot both get it; the unique constraint makes a double click harmless.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ..career_events.models import CareerEventState
from ..fairs.models import FairStatus
from ..talks.models import TalkStatus
from .models import event_field
from .models import Registration


KIND_LABELS = {"talk": "宣讲会", "fair": "招聘会", "career_event": "就业活动"}


def event_kind_label(event):
    return KIND_LABELS[event_field(event)]


def is_published(event):
    if event_field(event) == "talk":
        return event.status == TalkStatus.APPROVED
    if event_field(event) == "career_event":
        return event.state == CareerEventState.PUBLISHED
    return event.status == FairStatus.PUBLISHED and event.publish_at <= timezone.now()


def place_of(event):
    """Where a talk or a fair takes place, as a student reads it: its venue, else its free-text place."""
    return event.venue.name if event.venue_id else getattr(event, "place", "")


def capacity_of(event):
    """The registration limit, or None for unlimited."""
    if event.capacity:
        return event.capacity
    venue = getattr(event, "venue", None)
    if event_field(event) in ("talk", "career_event") and venue is not None and not venue.is_placeholder:
        return venue.capacity
    return None


def closed_reason(event, now=None):
    """Why a student cannot register now (a Chinese sentence), or "" when registration is open."""
    now = now or timezone.now()
    kind = event_kind_label(event)
    if not is_published(event):
        return f"该{kind}未发布或已取消，不能报名。"
    if event.ends_at <= now:
        return f"该{kind}已结束。"
    if event_field(event) == "fair" and not event.registration_required:
        return "本场招聘会无需报名，可直接到场签到。"
    if event.registration_opens_at and now < event.registration_opens_at:
        local = timezone.localtime(event.registration_opens_at)
        return f"报名将于 {local:%Y年%-m月%-d日 %H:%M} 开始。"
    if event.registration_closes_at and now > event.registration_closes_at:
        local = timezone.localtime(event.registration_closes_at)
        return f"报名已于 {local:%Y年%-m月%-d日 %H:%M} 截止。"
    return ""


def registrations_of(event):
    return Registration.objects.filter(**{event_field(event): event})


def is_registered(student, event):
    return registrations_of(event).filter(student=student).exists()


def register(student, event):
    """Register `student`; returns (registration, created). Raises ValidationError with the reason."""
    reason = closed_reason(event)
    if reason:
        raise ValidationError(reason)
    with transaction.atomic():
        # Lock the event row: the count and the insert are one step for concurrent registrations.
        type(event).objects.select_for_update().filter(pk=event.pk).first()
        existing = registrations_of(event).filter(student=student).first()
        if existing is not None:
            return existing, False
        limit = capacity_of(event)
        if limit is not None and registrations_of(event).count() >= limit:
            raise ValidationError(f"报名人数已满（上限 {limit} 人）。")
        try:
            with transaction.atomic():
                registration = Registration.objects.create(student=student, **{event_field(event): event})
        except IntegrityError:  # a concurrent click of the same student won
            return registrations_of(event).get(student=student), False
        _confirm(student, event)
    return registration, True


def _confirm(student, event):
    """报名成功 in the student's inbox (kind "registration": WeChat adds its template message when one is set)."""
    from careers.core.messaging import send_message

    if not student.user_id:
        return
    label = event_kind_label(event)
    start = timezone.localtime(event.starts_at)
    try:
        with transaction.atomic():  # a savepoint: a notice that cannot be recorded never undoes the registration
            send_message(recipients=[student.user], subject=f"{label}报名成功：{event}"[:200],
                         body=f"您已成功报名{label}“{event}”，将于 {start:%Y年%-m月%-d日 %H:%M} 在{place_of(event)}举行。",
                         link="/me/events/", kind="registration")
    except Exception:  # noqa: BLE001
        pass


def cancel(student, event):
    """Cancel a registration; allowed until the event starts. Returns True when one was removed."""
    if event.starts_at <= timezone.now():
        raise ValidationError(f"{event_kind_label(event)}已开始，不能取消报名。")
    deleted, _ = registrations_of(event).filter(student=student).delete()
    return bool(deleted)
