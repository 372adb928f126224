"""Demo 报名与签到: demo students register for tomorrow's talks (the reminder demo), the upcoming fair and
the past talk and fair; on the past events most of them checked in (by QR and by scanner, spread over the
hours, a few without registering). Idempotent: the unique constraints skip what exists."""

import datetime

from django.utils import timezone

from careers.students.models import Student

from ..fairs.demo import PAST, UPCOMING
from ..models import CheckIn, Fair, Registration, Talk, TalkStatus
from .models import event_field


def demo_students(years, limit):
    year = max(years) if years else timezone.localdate().year
    return list(Student.objects.filter(graduation_year=year, user__isnull=False, is_active=True)
                .order_by("pk")[:limit])


def register(event, students, at):
    kind = event_field(event)
    before = timezone.now()
    Registration.objects.bulk_create([Registration(**{kind: event}, student=s) for s in students],
                                     ignore_conflicts=True)
    # the rows just added get dates spread over the days before (the registrations-per-day chart)
    fresh = Registration.objects.filter(**{kind: event}, created_at__gte=before).order_by("pk")
    for n, pk in enumerate(fresh.values_list("pk", flat=True)):
        Registration.objects.filter(pk=pk).update(created_at=at - datetime.timedelta(days=n % 6, hours=n % 9))


def check_in(event, students, unregistered=()):
    kind = event_field(event)
    rows = []
    for n, student in enumerate([*students, *unregistered]):
        rows.append(CheckIn(**{kind: event}, student=student, method="qr" if n % 3 else "device",
                            checked_in_at=event.starts_at + datetime.timedelta(minutes=(n * 37) % 400 - 20)))
    CheckIn.objects.bulk_create(rows, ignore_conflicts=True)


def seed(rng, years):
    students = demo_students(years, 60)
    if not students:
        return
    now = timezone.now()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    for talk in Talk.objects.filter(status=TalkStatus.APPROVED, starts_at__date__gte=tomorrow).order_by("pk")[:3]:
        register(talk, students[:12], min(now, talk.starts_at))
    past_talk = Talk.objects.filter(status=TalkStatus.APPROVED, ends_at__lt=now).order_by("pk").first()
    if past_talk:
        register(past_talk, students[:20], past_talk.starts_at - datetime.timedelta(days=1))
        check_in(past_talk, students[:14], students[40:42])
    upcoming = Fair.objects.filter(title=UPCOMING).first()
    if upcoming:
        register(upcoming, students[:30], now)
    past = Fair.objects.filter(title=PAST).first()
    if past:
        register(past, students[:50], past.starts_at - datetime.timedelta(days=1))
        check_in(past, students[:38], students[50:55])
    seed_devices()


def seed_devices():
    """签到设备: the school's scanner (active) and a college's (disabled). Idempotent by name."""
    from careers.accounts.models import User

    from .devices import create_device, set_active
    from .models import CheckinDevice

    for username, name, active in (("10001", "体育馆东门扫码枪", True), ("20001", "信息学院报告厅平板", False)):
        owner = User.objects.filter(username=username).first()
        if owner is None or CheckinDevice.objects.filter(name=name).exists():
            continue
        device, _ = create_device(name, by=owner)
        if not active:
            set_active(device, False, by=owner)
