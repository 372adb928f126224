"""招聘会 state changes (manual 4.6.1): publish, withdraw the publication, cancel.

    draft ──publish──▶ published ──cancel──▶ cancelled
      ▲                    │
      └────unpublish───────┘   (only while nobody has registered or applied)

Each move runs in one transaction under a row lock on the fair, is recorded in the fair's history
(and so in the operation log) and refuses an illegal move with a Chinese message. Cancelling tells
every registered student and every participating unit (pending or confirmed) why.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from careers.core.history import log_event
from careers.core.messaging import send_message
from careers.core.modules import import_optional
from careers.core.scoping import is_system
from careers.core.transitions import transition

from ..models import FairStatus, Participation, Registration

MODULE = "events"
CHANGE = "events.fair.change"
NOTIFY_CHANNELS = ("inbox", "email")


def local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def describe_conflict(event):
    """“宣讲会“X”（05-01 14:00–16:00）” for a talk or fair returned by venue_conflicts."""
    kind = {"talk": "宣讲会", "careerevent": "就业活动"}.get(event._meta.model_name, "招聘会")
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    return f"{kind}“{event}”（{start:%m-%d %H:%M}–{end:%H:%M}）"


def conflict_message(venue, conflicts):
    names = "；".join(describe_conflict(event) for event in conflicts[:5])
    more = f"等 {len(conflicts)} 场" if len(conflicts) > 5 else ""
    return f"场地“{venue}”在该时间段已被占用：{names}{more}。"


def venue_conflicts(venue, starts_at, ends_at, exclude=None):
    """`venues.conflicts.venue_conflicts` (the venues area), looked up by name so tests can stand it in."""
    conflicts = import_optional("careers.events.venues.conflicts")
    if conflicts is None or venue is None or venue.is_placeholder:
        return []
    return list(conflicts.venue_conflicts(venue, starts_at, ends_at, exclude=exclude))


def _require(user, code=CHANGE):
    """`code` held by `user` (trusted system code passes SYSTEM; None is nobody)."""
    if not is_system(user) and not (user is not None and user.has_permission(code)):
        raise PermissionDenied("您没有修改招聘会的权限。")


def _move(fair, to, allowed_from, verb, acting_user, *, refuse, apply=None):
    """One state move under the fair's row lock; the fair's history writes the operation log entry."""
    return transition(fair, to=to, allowed_from=allowed_from, verb=verb, user=acting_user, module=MODULE,
                      refuse=lambda locked: refuse, apply=apply, update_fields=(), log=False).changed


def _publishable(locked):
    if locked.ends_at <= timezone.now():
        raise ValidationError("招聘会已结束，不能发布。")
    if locked.venue_id:  # a talk may have taken the room since the fair was saved as a draft
        conflicts = venue_conflicts(locked.venue, locked.starts_at, locked.ends_at, exclude=locked)
        if conflicts:
            raise ValidationError(conflict_message(locked.venue, conflicts) + "请先修改场地或时间再发布。")


def _nobody_joined(locked):
    registered = Registration.objects.filter(fair=locked).count()
    applied = Participation.objects.filter(fair=locked).active().count()
    if registered or applied:
        raise ValidationError(f"已有 {registered} 名学生报名、{applied} 家单位申请参会，不能撤回发布；"
                              "如不再举办，请使用“取消招聘会”并填写原因。")


def publish(fair, *, acting_user):
    """未发布 → 已发布. Returns False when it already was (no-op)."""
    _require(acting_user)
    return _move(fair, FairStatus.PUBLISHED, (FairStatus.DRAFT,), "发布", acting_user,
                 refuse="招聘会已取消，不能再发布；如需举办请新建招聘会。", apply=_publishable)


def unpublish(fair, *, acting_user):
    """已发布 → 未发布 (撤回发布), while no student registered and no unit applied."""
    _require(acting_user)
    return _move(fair, FairStatus.DRAFT, (FairStatus.PUBLISHED,), "撤回发布", acting_user,
                 refuse="招聘会已取消，不能撤回发布。", apply=_nobody_joined)


def cancel(fair, *, reason, acting_user):
    """→ 已取消, telling registered students and participating units. Returns the number told (or None
    when it was already cancelled)."""
    _require(acting_user)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError("请填写取消原因，已报名的学生和参会单位将收到该原因。")
    def not_over(locked):
        if locked.ends_at <= timezone.now():
            raise ValidationError("招聘会已结束，不能取消。")

    with transaction.atomic():
        moved = transition(fair, to=FairStatus.CANCELLED, allowed_from=(FairStatus.DRAFT, FairStatus.PUBLISHED),
                           verb="取消", user=acting_user, module=MODULE, apply=not_over, update_fields=(), log=False)
        if not moved.changed:
            return None
        locked = moved.obj
        students = Registration.objects.filter(fair=locked, student__user__isnull=False).values("student__user")
        units = Participation.objects.filter(fair=locked).active().values("employer__user")
        start = timezone.localtime(locked.starts_at)
        subject = f"招聘会“{locked.title}”已取消"
        body = (f"原定于 {start:%Y年%-m月%-d日 %H:%M} 在{locked.place}举办的招聘会“{locked.title}”已取消。\n"
                f"取消原因：{reason}")
        from careers.accounts.models import User

        told = 0
        for users, text, link in (
                (User.objects.filter(pk__in=students), body, reverse("site_events:fair_detail", args=[locked.pk])),
                (User.objects.filter(pk__in=units), body + "\n已缴纳的参会费用将由学校联系退还。", "")):
            message = send_message(recipients=users, subject=subject, body=text, channels=NOTIFY_CHANNELS,
                                   sender=acting_user, link=link, kind="event_reminder")
            told += message.deliveries.values("recipient").distinct().count() if message else 0
        log_event("update", module=MODULE, obj=locked, user=acting_user, changes={"cancel_reason": ["", reason]},
                  message=f"取消招聘会“{locked.title}”，通知 {told} 个账号。原因：{reason}")
    return told
