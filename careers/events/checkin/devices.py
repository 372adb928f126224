"""签到设备 (check-in method A): device tokens and the scans devices report.

A device holds a random bearer token shown once when the school adds it; only its sha256 is stored
(`CheckinDevice.token_hash`). Every scan a device reports is kept once in `DeviceScan` under the
device's own `scan_id`; reporting the same scan again (an offline queue uploaded twice, a retry after
a lost answer) returns the answer stored the first time and changes nothing.

A device belongs to its creator's scope. An answer names the student (name, 学号, college, major) only
when that student may be at the event (registered, already checked in, or the event needs no
registration) and the device's creator may see the student; otherwise it carries the status alone, so
a scanner cannot turn 学号 or 身份证号 into identities.
"""

import datetime
import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from careers.core.history import log_event
from careers.core.ratelimit import hit
from careers.core.scoping import scope_filter
from careers.core.transitions import locked
from careers.students.models import Student

from .actions import (
    CLOCK_SKEW,
    MSG_CHECKED_IN,
    MSG_UNKNOWN_CODE,
    STATUS_ALREADY,
    STATUS_CHECKED_IN,
    STATUS_NOT_ALLOWED,
    STATUS_UNKNOWN_CODE,
    CheckinRefused,
    already_message,
    check_in,
    find_student,
    get_event,
    normalise_code,
    one,
    who,
)
from .models import CheckIn, CheckinDevice, DeviceScan, Registration

LAST_SEEN_EVERY = datetime.timedelta(minutes=1)
BATCH_LIMIT = 1000


def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


def create_device(name, *, by):
    """Add a device owned by account `by` (its scope is the device's); returns (device, token). The token
    is never stored and cannot be shown again."""
    if getattr(by, "pk", None) is None:
        raise ValueError("a check-in device needs the account that adds it (its scope is the device's)")
    token = secrets.token_urlsafe(32)
    device = CheckinDevice.objects.create(name=name, token_prefix=token[:8], token_hash=hash_token(token),
                                          created_by=by)
    log_event("create", module="签到设备", obj=device, user=by, message=f"新增签到设备“{name}”")
    return device, token


def set_active(device, active, *, by):
    """启用 / 停用; returns False when it already was in that state."""
    with transaction.atomic():
        current = locked(device)
        if current.is_active == active:
            return False
        current.is_active = active
        current.save(update_fields=["is_active", "updated_at"])
        log_event("update", module="签到设备", obj=current, user=by, changes={"启用": [not active, active]},
                  message=f"{'启用' if active else '停用'}签到设备“{current.name}”")
    device.is_active = active
    return True


class DeviceAuthError(Exception):
    pass


class ShortCache:
    """A per-process memo of hot rows (the device of a token, the event being scanned) for a few seconds
    (`EVENTS_CHECKIN_CACHE_SECONDS`, default 5): a scanner calls many times a second, and these rows
    rarely change — disabling a device or cancelling an event applies within that time."""

    def __init__(self):
        self.entries = {}

    def get(self, key, load):
        ttl = getattr(settings, "EVENTS_CHECKIN_CACHE_SECONDS", 5)
        if ttl <= 0:
            return load()
        now = time.monotonic()
        hit_ = self.entries.get(key)
        if hit_ is not None and hit_[0] > now:
            return hit_[1]
        value = load()
        if len(self.entries) > 1000:
            self.entries.clear()
        self.entries[key] = (now + ttl, value)
        return value

    def clear(self):
        self.entries.clear()


hot_rows = ShortCache()


def cached_event(kind, pk):
    return hot_rows.get(("event", kind, pk), lambda: get_event(kind, pk))


def authenticate(token):
    """The active device holding `token`; raises DeviceAuthError with the reason."""
    if not token:
        raise DeviceAuthError("缺少设备令牌：请在请求头 Authorization 中提供“Bearer 令牌”。")
    token_hash = hash_token(token)
    device = hot_rows.get(("device", token_hash),
                          lambda: one(CheckinDevice.objects.filter(token_hash=token_hash).order_by()))
    if device is None:
        raise DeviceAuthError("设备令牌无效：请在“签到设备”中核对令牌，或重新添加设备。")
    if not device.is_active:
        raise DeviceAuthError("该签到设备已停用，请联系学校就业部门启用。")
    now = timezone.now()
    if device.last_seen_at is None or now - device.last_seen_at > LAST_SEEN_EVERY:  # at most once a minute
        CheckinDevice.objects.filter(pk=device.pk).update(last_seen_at=now)
        device.last_seen_at = now
    return device


def device_owner(device):
    """The account whose scope the device has (None: nobody's, the device names no student)."""
    if device.created_by_id is None:
        return None
    return hot_rows.get(("owner", device.created_by_id),
                        lambda: device._meta.get_field("created_by").related_model.objects
                        .filter(pk=device.created_by_id, is_active=True).first())


def may_name(device, event, student, checkin):
    """Whether the answer may carry the student's identity (see the module docstring)."""
    if student is None:
        return False
    owner = device_owner(device)
    if owner is None or not scope_filter(Student.objects.filter(pk=student.pk), owner).exists():
        return False
    if checkin is not None or not event.registration_required:
        return True
    return Registration.objects.of_event(event).filter(student=student).exists()


def within_rate(device):
    limit, window = getattr(settings, "EVENTS_CHECKIN_DEVICE_RATE", (600, 60))
    return hit(f"checkin-device:{device.pk}", limit=limit, window=window)


@dataclass
class Answer:
    scan_id: str
    status: str
    message: str
    student: dict | None
    checked_in_at: datetime.datetime | None
    replayed: bool = False

    def as_dict(self):
        return {"scan_id": self.scan_id, "status": self.status, "message": self.message, "student": self.student,
                "checked_in_at": self.checked_in_at, "replayed": self.replayed}


def stored_answer(scan):
    checkin = scan.checkin
    return Answer(scan.scan_id, scan.result, scan.message, who(scan.student),
                  checkin.checked_in_at if checkin else None, replayed=True)


def find_stored(device, scan_id):
    return (DeviceScan.objects.filter(device=device, scan_id=scan_id)
            .select_related("student__major__college", "checkin").first())


def scan(device, event, *, code, scan_id=None, scanned_at=None, method=CheckIn.Method.DEVICE, now=None):
    """Handle one scan of `code` (学号 or 身份证号) for `event`; returns an Answer. Replay-safe by scan_id."""
    now = now or timezone.now()
    if scan_id:
        stored = find_stored(device, scan_id)
        if stored is not None:
            return stored_answer(stored)
    else:
        scan_id = uuid.uuid4().hex
    at = scanned_at or now
    student = checkin = None
    if at > now + CLOCK_SKEW:
        status, message = STATUS_NOT_ALLOWED, "扫描时间晚于服务器当前时间，请校准设备时钟后重新上传。"
    else:
        student = find_student(code)
        if student is None:
            status, message = STATUS_UNKNOWN_CODE, MSG_UNKNOWN_CODE
        else:
            try:
                checkin, created = check_in(event, student, method=method, device=device, at=at)
            except CheckinRefused as exc:
                status, message = exc.status, exc.text
            else:
                status = STATUS_CHECKED_IN if created else STATUS_ALREADY
                message = MSG_CHECKED_IN if created else already_message(checkin)
    if not may_name(device, event, student, checkin):
        student = None  # stored as answered: a replay names nobody either
    if not record_scan(device, scan_id, code=normalise_code(code)[:64], scanned_at=at, result=status,
                       message=message[:200], checkin=checkin, student=student):
        return stored_answer(find_stored(device, scan_id))  # the same scan arrived twice at once: the first stands
    return Answer(scan_id, status, message, who(student), checkin.checked_in_at if checkin else None)


def record_scan(device, scan_id, *, code, scanned_at, result, message, checkin, student):
    """Keep the scan once (device, scan_id); False when it was already there. One statement, no savepoint."""
    table = DeviceScan._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{table}" ("device_id", "scan_id", "code", "scanned_at", "result", "message", "checkin_id", '
            f'"student_id", "received_at") VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) '
            f'ON CONFLICT ("device_id", "scan_id") DO NOTHING RETURNING "id"',
            [device.pk, scan_id, code, scanned_at, result, message, checkin.pk if checkin else None,
             student.pk if student else None, timezone.now()])
        return cursor.fetchone() is not None


def scan_batch(device, event, items, *, now=None):
    """An offline queue: [{scan_id, code, scanned_at}] in order; one Answer per item."""
    now = now or timezone.now()
    return [scan(device, event, code=item["code"], scan_id=item["scan_id"], scanned_at=item["scanned_at"],
                 method=CheckIn.Method.OFFLINE, now=now) for item in items]
