"""签到: one action for every way a student checks in to a talk or a fair, plus the unit's check-in at a fair.

    check_in(event, student, method=..., device=None, at=None) -> (CheckIn, created)

is idempotent: the unique constraints (talk, student) / (fair, student) decide, so a second scan, a
concurrent scan on another device or a replayed offline batch reads the existing row (已签到 hh:mm)
instead of adding one. It refuses with `CheckinRefused` (a ValidationError with a `status`):

    not_registered  签到需要先报名 — the event requires registration and the student has none
    not_allowed     the event is not open for check-in: cancelled / not published, outside the day window
                    (from CHECKIN_OPENS_BEFORE before the start to the end), or this method is not enabled
                    for the fair (签到方式 A / B)

Students find their way in by a signed QR code (`student_token` / `read_token`), devices by 学号 or
身份证号 (`find_student`), admins by 补签.
"""

import datetime
import re
import time

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from careers.core import validators
from careers.students.models import Student

from ..models import (
    CareerEvent,
    CareerEventState,
    CheckIn,
    CheckinMethod,
    EmployerOperation,
    Fair,
    FairStatus,
    Participation,
    ParticipationStatus,
    Registration,
    Talk,
    TalkStatus,
)
from .models import event_field
from .registration import event_kind_label

CHECKIN_OPENS_BEFORE = datetime.timedelta(hours=2)
# An offline device's clock may run a little ahead of ours.
CLOCK_SKEW = datetime.timedelta(minutes=5)

STATUS_CHECKED_IN = "checked_in"
STATUS_ALREADY = "already"
STATUS_NOT_REGISTERED = "not_registered"
STATUS_UNKNOWN_CODE = "unknown_code"
STATUS_NOT_ALLOWED = "not_allowed"
STATUSES = (STATUS_CHECKED_IN, STATUS_ALREADY, STATUS_NOT_REGISTERED, STATUS_UNKNOWN_CODE, STATUS_NOT_ALLOWED)

MSG_NOT_REGISTERED = "签到需要先报名"
MSG_UNKNOWN_CODE = "未找到该学号或身份证号"
MSG_CHECKED_IN = "签到成功"

KINDS = {"talk": Talk, "fair": Fair, "career_event": CareerEvent}


class CheckinRefused(ValidationError):
    def __init__(self, status, message):
        super().__init__(message, code=status)
        self.status = status
        self.text = message


def hhmm(moment):
    return f"{timezone.localtime(moment):%H:%M}"


def already_message(checkin):
    return f"已签到 {hhmm(checkin.checked_in_at)}"


def get_event(kind, pk):
    """The talk or fair `kind`/`pk`, or None."""
    model = KINDS.get(kind)
    if model is None:
        return None
    return model.objects.filter(pk=pk).first()


def kind_of(event):
    return event_field(event)


def event_label(event):
    local = timezone.localtime(event.starts_at)
    return f"{event_kind_label(event)}“{event.title}”（{local:%-m月%-d日 %H:%M}）"


# -- when and how ---------------------------------------------------------------------------------------
def window(event):
    """(opens, closes) of check-in on the event day."""
    return event.starts_at - CHECKIN_OPENS_BEFORE, event.ends_at


def window_text(event):
    opens, closes = window(event)
    return f"{timezone.localtime(opens):%-m月%-d日 %H:%M} 至 {timezone.localtime(closes):%H:%M}"


def is_live(event):
    if kind_of(event) == "talk":
        return event.status == TalkStatus.APPROVED
    if kind_of(event) == "career_event":
        return event.state == CareerEventState.PUBLISHED
    return event.status == FairStatus.PUBLISHED


def method_allowed(event, method):
    """Fairs choose 签到方式 A (devices), B (QR) or both; a 就业活动 takes devices only with 使用易捷签到;
    talks take every method."""
    if kind_of(event) == "career_event":
        return event.uses_device or method not in (CheckIn.Method.DEVICE, CheckIn.Method.OFFLINE)
    if kind_of(event) != "fair":
        return True
    if method == CheckIn.Method.QR:
        return event.checkin_method in (CheckinMethod.QR, CheckinMethod.BOTH)
    if method in (CheckIn.Method.DEVICE, CheckIn.Method.OFFLINE):
        return event.checkin_method in (CheckinMethod.DEVICE, CheckinMethod.BOTH)
    return True


def refusal(event, *, method, at):
    """Why nobody can check in to `event` by `method` at `at` (CheckinRefused), or None."""
    kind = event_kind_label(event)
    if not is_live(event):
        return CheckinRefused(STATUS_NOT_ALLOWED, f"该{kind}未发布或已取消，不能签到。")
    if not method_allowed(event, method):
        label = "扫码设备" if method != CheckIn.Method.QR else "签到二维码"
        return CheckinRefused(STATUS_NOT_ALLOWED, f"本场{kind}不使用{label}签到。")
    if method == CheckIn.Method.ADMIN:
        if at < window(event)[0]:
            return CheckinRefused(STATUS_NOT_ALLOWED, f"该{kind}尚未开始签到，不能补签。")
        return None
    return closed(event, at)


def closed(event, at):
    """Outside the day window (or not live): CheckinRefused, else None."""
    if not is_live(event):
        return CheckinRefused(STATUS_NOT_ALLOWED, f"该{event_kind_label(event)}未发布或已取消，不能签到。")
    opens, closes = window(event)
    if at < opens:
        return CheckinRefused(STATUS_NOT_ALLOWED, f"签到尚未开始，签到时间为 {window_text(event)}。")
    if at > closes:
        return CheckinRefused(STATUS_NOT_ALLOWED, f"签到已结束，签到时间为 {window_text(event)}。")
    return None


def existing_checkin(event, student):
    return CheckIn.objects.filter(**{event_field(event): event}, student=student).first()


def check_in(event, student, *, method, device=None, at=None, by=None):
    """Check `student` in to `event`; returns (CheckIn, created). Raises CheckinRefused.

    `at` is the scan time (an offline device's own clock); it must fall inside the window. An admin's
    补签 (method admin) skips the registration rule and may be entered after the event.

    One statement decides: INSERT … SELECT … WHERE <registered> ON CONFLICT DO NOTHING RETURNING id.
    A row back means this call checked the student in; none means the student already was (a repeat
    or a concurrent scan that won — the unique constraint waits for it) or is not registered.
    (A raw insert: no post_save signal fires for CheckIn.)
    """
    at = at or timezone.now()
    refused = refusal(event, method=method, at=at)
    if refused is not None:
        raise refused
    require = method != CheckIn.Method.ADMIN and event.registration_required
    now = timezone.now()
    pk = insert_checkin(event, student, at=at, now=now, method=method, device=device, require_registration=require)
    if pk is None:
        current = existing_checkin(event, student)
        if current is not None:
            return current, False
        raise CheckinRefused(STATUS_NOT_REGISTERED, MSG_NOT_REGISTERED)
    checkin = CheckIn(pk=pk, student=student, checked_in_at=at, recorded_at=now, method=method, device=device,
                      **{event_field(event): event})
    if method == CheckIn.Method.ADMIN:
        from careers.core.history import log_event

        log_event("create", module="签到", obj=checkin, user=by,
                  message=f"补签：{student.name}（{student.student_number}）签到{event_label(event)}")
    return checkin, True


def insert_checkin(event, student, *, at, now, method, device, require_registration):
    """The id of the new check-in, or None when there already is one (or, if required, no registration)."""
    field = f"{event_field(event)}_id"
    params = [event.pk, student.pk, at, now, method, device.pk if device is not None else None]
    condition = "WHERE TRUE"  # (SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT)
    if require_registration:
        condition = (f'WHERE EXISTS (SELECT 1 FROM "{Registration._meta.db_table}" '
                     f'WHERE "{field}" = %s AND "student_id" = %s)')
        params += [event.pk, student.pk]
    sql = (f'INSERT INTO "{CheckIn._meta.db_table}" ("{field}", "student_id", "checked_in_at", "recorded_at", '
           f'"method", "device_id") SELECT %s, %s, %s, %s, %s, %s {condition} '
           f'ON CONFLICT DO NOTHING RETURNING "id"')
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return row[0] if row else None


# -- who ------------------------------------------------------------------------------------------------
def normalise_code(code):
    """The shared normalise (full-width → half-width, no spaces), upper-case: 学号 and 身份证号 alike."""
    return validators.normalise(code).upper()


def looks_like_id_number(code):
    """A 身份证号 by the one shared rule (careers.core.validators), as single entry and the import check it."""
    return validators.is_id_number(code)


def one(queryset):
    """The first row or None, without the ORDER BY that .first() adds."""
    return next(iter(queryset[:1]), None)


def find_student(code):
    """The student with 学号 `code`, or with 身份证号 `code` (check digit verified; x and X alike)."""
    code = normalise_code(code)
    if not code:
        return None
    students = Student.objects.select_related("major__college").only(
        "pk", "name", "student_number", "id_number", "user_id", "major__name", "major__college", "major__college__name").order_by()
    if looks_like_id_number(code):
        student = one(students.filter(id_number__in={code, code.lower()}))
        if student is not None:
            return student
    return one(students.filter(student_number=code)) or (
        one(students.filter(student_number=code.lower())) if code != code.lower() else None)


def who(student):
    """The minimal data a scanner shows: name, 学号, college, major."""
    if student is None:
        return None
    major = student.major
    return {"name": student.name, "student_number": student.student_number,
            "college": major.college.name if major and major.college_id else "",
            "major": major.name if major else ""}


# -- self-service QR codes (签到方式 B) ---------------------------------------------------------------
STUDENT_SALT = "events.checkin.student"
UNIT_SALT = "events.checkin.unit"


# t = talk, f = fair, c = career_event (the kind's first letter)
TOKEN_VALUE = re.compile(r"^(?P<kind>[tfc])(?P<pk>\d+)-(?P<exp>\d+)$")


class TokenError(Exception):
    def __init__(self, message, *, expired=False):
        super().__init__(message)
        self.expired = expired


def make_token(event, salt):
    """A signed token naming the event, `t12-1764400000:<signature>` (kind, pk, expiry = the event's end):
    short, so the QR stays coarse enough to scan from the back of a hall."""
    return signing.Signer(salt=salt).sign(f"{kind_of(event)[0]}{event.pk}-{int(event.ends_at.timestamp())}")


def student_token(event):
    return make_token(event, STUDENT_SALT)


def unit_token(fair):
    return make_token(fair, UNIT_SALT)


def read_token(token, salt, *, kind, pk):
    """Check a token against the event in the URL. Raises TokenError (expired=True for 410)."""
    try:
        value = signing.Signer(salt=salt).unsign(token)
    except signing.BadSignature:
        raise TokenError("签到二维码无效：二维码不完整或已被篡改，请重新扫描现场的签到二维码。") from None
    match = TOKEN_VALUE.match(value)
    if match is None or match["kind"] != kind[:1] or int(match["pk"]) != pk:
        raise TokenError("签到二维码与该活动不符，请扫描本场活动现场的签到二维码。")
    if int(match["exp"]) < time.time():
        raise TokenError("签到二维码已过期：活动已结束。", expired=True)
    return {"kind": kind, "pk": pk, "exp": int(match["exp"])}


def passphrase_matches(event, given):
    expected = (event.checkin_passphrase or "").strip()
    return not expected or (given or "").strip().lower() == expected.lower()


# -- units at a fair ------------------------------------------------------------------------------------
def unit_check_in(fair, employer, *, at=None):
    """A confirmed participating unit checks in at the fair; returns (participation, created)."""
    at = at or timezone.now()
    if not fair.allows(EmployerOperation.CHECKIN):
        raise CheckinRefused(STATUS_NOT_ALLOWED, "本场招聘会未开放单位扫码签到，请到现场签到处签到。")
    refused = closed(fair, at)
    if refused is not None:
        raise refused
    participation = Participation.objects.filter(fair=fair, employer=employer).first()
    if participation is None or participation.status != ParticipationStatus.CONFIRMED:
        raise CheckinRefused(STATUS_NOT_REGISTERED, "贵单位不是本场招聘会已确认的参会单位，不能签到。")
    updated = Participation.objects.filter(pk=participation.pk, checked_in_at__isnull=True).update(checked_in_at=at)
    participation.refresh_from_db(fields=["checked_in_at"])
    return participation, bool(updated)
