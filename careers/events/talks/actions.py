"""宣讲会 state changes (manual 4.5): every write of a talk goes through one of these functions.

Employer side: `submit_talk` (等待审核), `update_talk` and `withdraw_talk` (only while 等待审核).
School side: `approve_talk` (sets the registration window, capacity, 签到口令, 签到需要先报名 and may move the
booking from a placeholder to a real room), `reject_talk` (the reason is shown to the unit),
`publish_talk` (the school adds a talk that is approved at once), `change_talk` (the school edits a talk),
`cancel_talk` (registered students and the unit are told).

Each runs in one transaction under a row lock on the talk and writes an operation-log event. A talk may
not be approved or published into a real room already taken by an approved talk or a fair at an
overlapping time (`conflicts.venue_conflicts`); pending bookings there are only a warning on review.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from careers.core.history import log_event
from careers.core.transitions import locked, transition

from ..models import Talk, TalkStatus, Venue
from ..venues.conflicts import describe, venue_conflicts

MODULE = "events"
REVIEW_ONLY_PENDING = "不能审核（只能审核等待审核的申请）。"
FIELDS = ("title", "starts_at", "ends_at", "venue", "audience", "description", "contact_person", "contact_phone")
SETTINGS = ("registration_opens_at", "registration_closes_at", "capacity", "registration_required",
            "checkin_passphrase")


def _status_refusal(doing):
    """“该宣讲会<state>，<doing>” for a move the talk's state does not allow."""
    return lambda talk: f"该宣讲会{talk.get_status_display()}，{doing}"


def _move(talk, to, allowed_from, doing, acting_user, *, reason, message, apply=None, changes=None,
          update_fields=None):
    """One state move of a talk under its row lock; a talk already there is refused like any other state."""
    return transition(talk, to=to, allowed_from=allowed_from, verb=reason, user=acting_user, module=MODULE,
                      refuse=_status_refusal(doing), apply=apply, changes=changes, reason=reason,
                      message=lambda locked: f"{message}“{locked}”", update_fields=update_fields,
                      repeat_is_done=False).obj


def _notify(users, subject, body, link="", kind=""):
    from careers.core.messaging import send_message

    try:
        with transaction.atomic():  # a savepoint: a failed send leaves the caller's transaction usable
            send_message(recipients=users, subject=subject, body=body, link=link, kind=kind)
    except Exception:  # a message that cannot be sent never undoes the state change
        pass


def _notify_employer(talk, subject, body, kind="review_result"):
    if talk.employer_id:
        _notify([talk.employer.user], subject, body, link="/company/talks/", kind=kind)


def validate_times(starts_at, ends_at, *, now=None):
    now = now or timezone.now()
    if starts_at and ends_at and ends_at <= starts_at:
        raise ValidationError({"ends_at": "结束时间必须晚于开始时间。"})
    if starts_at and starts_at <= now:
        raise ValidationError({"starts_at": "开始时间必须晚于现在。"})


def validate_settings(talk, values):
    """The registration window must end before the talk ends; the capacity fits the room."""
    opens, closes = values.get("registration_opens_at"), values.get("registration_closes_at")
    errors = {}
    if opens and closes and closes <= opens:
        errors["registration_closes_at"] = "报名截止时间必须晚于报名开始时间。"
    if closes and closes > talk.ends_at:
        errors["registration_closes_at"] = "报名截止时间不能晚于宣讲会结束时间。"
    if opens and opens >= talk.ends_at:
        errors["registration_opens_at"] = "报名开始时间必须早于宣讲会结束时间。"
    capacity = values.get("capacity")
    venue = talk.venue
    if capacity and venue is not None and not venue.is_placeholder and capacity > venue.capacity:
        errors["capacity"] = f"报名人数上限（{capacity}）不能超过场地“{venue}”的容纳人数（{venue.capacity}）。"
    if errors:
        raise ValidationError(errors)


def blocking_conflicts(talk):
    """Approved talks / published fairs / published 就业活动 in the same real room at an overlapping time."""
    return [e for e in venue_conflicts(talk.venue, talk.starts_at, talk.ends_at, exclude=talk)
            if getattr(e, "status", None) in (TalkStatus.APPROVED, "published")
            or getattr(e, "state", None) == "published"]  # a published 就业活动


def _refuse_conflicts(talk):
    """Inside the caller's transaction: lock the room row first, so two approvals into one room at once
    are checked one after the other (the second sees the first)."""
    if talk.venue_id and not talk.venue.is_placeholder:
        list(Venue.objects.select_for_update().filter(pk=talk.venue_id).values_list("pk"))
    taken = blocking_conflicts(talk)
    if taken:
        raise ValidationError(
            f"场地“{talk.venue}”在该时间已被占用：{'；'.join(describe(e) for e in taken)}。请更换场地或调整时间。")


def _apply(talk, values):
    changes = {}
    for name, value in values.items():
        old = getattr(talk, name, None)  # None for a new talk without a venue yet
        if old != value:
            changes[name] = [str(old if old is not None else ""), str(value if value is not None else "")]
        setattr(talk, name, value)
    return changes


def _own_jobs(employer, jobs):
    """Only the unit's own published jobs may be linked."""
    from careers.recruitment.models import Job

    pks = {getattr(j, "pk", j) for j in jobs or ()}
    if not pks:
        return []
    allowed = set(Job.objects.published().filter(employer=employer, pk__in=pks).values_list("pk", flat=True)) \
        if employer is not None else set(Job.objects.published().filter(pk__in=pks).values_list("pk", flat=True))
    if allowed != pks:
        raise ValidationError({"jobs": "所选职位中有不属于该单位或未在发布中的职位。"})
    return sorted(pks)


# -- the employer -------------------------------------------------------------------------------------

def submit_talk(employer, values, jobs=(), *, acting_user=None):
    """申请宣讲会: an admitted unit's application, 等待审核."""
    if not employer.is_admitted:
        raise ValidationError("贵单位尚未通过学校审核入驻，不能申请宣讲会。")
    validate_times(values.get("starts_at"), values.get("ends_at"))
    with transaction.atomic():
        talk = Talk(employer=employer, status=TalkStatus.PENDING, submitted_at=timezone.now())
        _apply(talk, values)
        _refuse_conflicts(talk)
        talk._history_user, talk._change_reason = acting_user, "申请宣讲会"
        talk.save()
        talk.jobs.set(_own_jobs(employer, jobs))
        log_event("create", module=MODULE, obj=talk, user=acting_user,
                  message=f"{employer}申请宣讲会“{talk}”，等待审核")
    return talk


def update_talk(talk, values, jobs=(), *, acting_user=None):
    """修改申请: only while 等待审核."""
    validate_times(values.get("starts_at"), values.get("ends_at"))
    with transaction.atomic():
        talk = locked(talk)
        if talk.status != TalkStatus.PENDING:
            raise ValidationError(f"该宣讲会{talk.get_status_display()}，不能再修改。")
        changes = _apply(talk, values)
        _refuse_conflicts(talk)
        talk.submitted_at = timezone.now()
        talk._history_user, talk._change_reason = acting_user, "修改宣讲会申请"
        talk.save()
        talk.jobs.set(_own_jobs(talk.employer, jobs))
        log_event("update", module=MODULE, obj=talk, user=acting_user, changes=changes,
                  message=f"修改宣讲会申请“{talk}”")
    return talk


def withdraw_talk(talk, *, acting_user=None):
    """撤回申请: only while 等待审核; the talk becomes 已取消."""
    return _move(talk, TalkStatus.CANCELLED, (TalkStatus.PENDING,), "不能撤回（只有等待审核的申请可以撤回）。",
                 acting_user, reason="撤回宣讲会申请", message="撤回宣讲会申请",
                 apply=lambda talk: setattr(talk, "review_note", "单位撤回申请"), update_fields=["review_note"])


# -- the school ---------------------------------------------------------------------------------------

def approve_talk(talk, *, acting_user, venue=None, **settings):
    """同意: 等待审核 → 已审核 with the registration settings; `venue` moves the booking (placeholder → room)."""
    changes = {}

    def approve(talk):
        if talk.ends_at <= timezone.now():
            raise ValidationError("该宣讲会的举办时间已过，不能再同意；请不同意并告知单位重新申请。")
        if venue is not None and venue.pk != talk.venue_id:
            changes["venue"] = [str(talk.venue), str(venue)]
            talk.venue = venue
        values = {k: v for k, v in settings.items() if k in SETTINGS}
        values.setdefault("registration_required", talk.registration_required)
        values["checkin_passphrase"] = values.get("checkin_passphrase") or ""
        validate_settings(talk, values)
        _refuse_conflicts(talk)
        changes.update(_apply(talk, values))
        talk.review_note = ""
        talk.reviewed_at, talk.reviewed_by = timezone.now(), acting_user

    talk = _move(talk, TalkStatus.APPROVED, (TalkStatus.PENDING,), REVIEW_ONLY_PENDING, acting_user,
                 reason="审核同意宣讲会", message="审核同意宣讲会", apply=approve, changes=lambda talk: changes)
    local = timezone.localtime(talk.starts_at)
    _notify_employer(talk, f"宣讲会“{talk.title}”已审核通过",
                     f"贵单位申请的宣讲会（{local:%Y-%m-%d %H:%M}，{talk.venue}）已通过学校审核，已在网站公布。")
    return talk


def reject_talk(talk, *, reason, acting_user):
    """不同意: the unit sees the reason."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "请填写不同意的原因，用人单位将看到该原因。"})

    def record(talk):
        talk.review_note = reason[:200]
        talk.reviewed_at, talk.reviewed_by = timezone.now(), acting_user

    talk = _move(talk, TalkStatus.REJECTED, (TalkStatus.PENDING,), REVIEW_ONLY_PENDING, acting_user,
                 reason="审核不同意宣讲会", message="审核不同意宣讲会", apply=record,
                 changes=lambda talk: {"review_note": ["", talk.review_note]})
    _notify_employer(talk, f"宣讲会“{talk.title}”未通过审核", f"审核意见：{talk.review_note}")
    return talk


def publish_talk(values, jobs=(), *, employer=None, acting_user, **settings):
    """学校直接发布: a talk that is 已审核 at once (with or without a unit)."""
    validate_times(values.get("starts_at"), values.get("ends_at"))
    with transaction.atomic():
        talk = Talk(employer=employer, status=TalkStatus.APPROVED, submitted_at=timezone.now(),
                    reviewed_at=timezone.now(), reviewed_by=acting_user)
        _apply(talk, values)
        setting_values = {k: v for k, v in settings.items() if k in SETTINGS}
        setting_values["checkin_passphrase"] = setting_values.get("checkin_passphrase") or ""
        validate_settings(talk, setting_values)
        _apply(talk, setting_values)
        _refuse_conflicts(talk)
        talk._history_user, talk._change_reason = acting_user, "学校发布宣讲会"
        talk.save()
        talk.jobs.set(_own_jobs(employer, jobs) if employer is not None else [])
        log_event("create", module=MODULE, obj=talk, user=acting_user, message=f"学校发布宣讲会“{talk}”")
    return talk


def change_talk(talk, values, jobs=None, *, employer=None, acting_user, **settings):
    """学校修改宣讲会 (pending or approved; a cancelled/rejected one stays as it is)."""
    validate_times(values.get("starts_at"), values.get("ends_at"))
    with transaction.atomic():
        talk = locked(talk)
        if talk.status not in (TalkStatus.PENDING, TalkStatus.APPROVED):
            raise ValidationError(f"该宣讲会{talk.get_status_display()}，不能修改。")
        values = {**values, "employer": employer} if employer is not None or talk.employer_id is None else values
        changes = _apply(talk, values)
        setting_values = {k: v for k, v in settings.items() if k in SETTINGS}
        if setting_values:
            setting_values["checkin_passphrase"] = setting_values.get("checkin_passphrase") or ""
            validate_settings(talk, setting_values)
            changes.update(_apply(talk, setting_values))
        if talk.status == TalkStatus.APPROVED:
            _refuse_conflicts(talk)
        talk._history_user, talk._change_reason = acting_user, "学校修改宣讲会"
        talk.save()
        if jobs is not None:
            talk.jobs.set(_own_jobs(talk.employer, jobs))
        log_event("update", module=MODULE, obj=talk, user=acting_user, changes=changes,
                  message=f"修改宣讲会“{talk}”")
    return talk


def cancel_talk(talk, *, reason="", acting_user):
    """取消: a pending or approved talk is cancelled; registered students and the unit get a message."""
    from careers.accounts.models import User

    reason = " ".join((reason or "").split())[:200]

    def record(talk):
        if talk.ends_at <= timezone.now():
            raise ValidationError("该宣讲会已结束，不能取消。")
        talk.review_note = reason or "学校取消"

    with transaction.atomic():
        talk = _move(talk, TalkStatus.CANCELLED, (TalkStatus.PENDING, TalkStatus.APPROVED), "不能取消。", acting_user,
                     reason="取消宣讲会", message="取消宣讲会", apply=record, update_fields=["review_note"],
                     changes=lambda talk: {"review_note": ["", talk.review_note]})
        students = User.objects.filter(student__event_registrations__talk=talk)
        local = timezone.localtime(talk.starts_at)
        body = (f"您报名的宣讲会“{talk.title}”（{local:%Y-%m-%d %H:%M}，{talk.venue}）已取消。"
                + (f"原因：{reason}" if reason else ""))
        _notify(students, f"宣讲会“{talk.title}”已取消", body, link="/me/events/", kind="event_reminder")
        _notify_employer(talk, f"宣讲会“{talk.title}”已取消", f"学校已取消该宣讲会。{('原因：' + reason) if reason else ''}",
                         kind="event_reminder")
    return talk
