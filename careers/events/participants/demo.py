"""Demo 参会单位 of the two demo fairs: the upcoming one with units in every state (确认 with and without
booths, 待确认, 未通过, 已撤回) and the past one with confirmed, booth-holding, checked-in units. Each unit
brings its published jobs (one hidden on the past fair). Idempotent: (fair, unit) is unique."""

import datetime

from django.utils import timezone

from careers.recruitment.models import Employer, Job

from ..fairs.demo import PAST, UPCOMING
from ..models import Booth, Fair, ParticipantJob, Participation, ParticipationStatus

UPCOMING_STATES = ["confirmed", "confirmed", "confirmed", "confirmed", "pending", "pending", "rejected", "withdrawn"]
ATTENDEES = [{"name": "王招聘", "phone": "13800000001", "position": "HR 经理"},
             {"name": "李专员", "phone": "13800000002", "position": "招聘专员"}]


def fee(booths, attendees):
    return booths * 800 + attendees * 30  # the demo fairs' fee items (展位费 800/展位, 餐费 30/人)


def add_units(fair, employers, states, now, booth_prefix, checked_in):
    for n, (employer, state) in enumerate(zip(employers, states)):
        if Participation.objects.filter(fair=fair, employer=employer).exists():
            continue
        booths = 2 if n % 3 == 0 else 1
        participation = Participation.objects.create(
            fair=fair, employer=employer, status=state, booths_requested=booths, attendees=ATTENDEES,
            contact_person=employer.contact_person or "王招聘", contact_phone=employer.phone[:20],
            amount_due=fee(booths, len(ATTENDEES)), invoice_title=employer.name,
            invoice_tax_number=employer.credit_code, invoice_email=employer.email,
            reviewed_at=now if state in ("confirmed", "rejected") else None,
            review_note="单位所属行业与本场招聘会不符。" if state == "rejected" else "",
            receipt_uploaded_at=None, checked_in_at=fair.starts_at + datetime.timedelta(minutes=10 * n)
            if checked_in and n != len(states) - 1 else None)
        jobs = list(Job.objects.published().filter(employer=employer).order_by("pk")[:3])
        ParticipantJob.objects.bulk_create(
            [ParticipantJob(participation=participation, job=job, hidden=(checked_in and n == 1 and i == 0))
             for i, job in enumerate(jobs)], ignore_conflicts=True)
        if state == ParticipationStatus.CONFIRMED and (checked_in or n < 3):
            taken = set(Booth.objects.filter(fair=fair).values_list("code", flat=True))
            free = (f"{booth_prefix}{i:02d}" for i in range(1, 100) if f"{booth_prefix}{i:02d}" not in taken)
            Booth.objects.bulk_create([Booth(fair=fair, participation=participation, area=booth_prefix,
                                             code=next(free)) for _ in range(booths)])


def seed(rng, years):
    employers = list(Employer.objects.admitted().order_by("pk")[:10])
    upcoming, past = Fair.objects.filter(title=UPCOMING).first(), Fair.objects.filter(title=PAST).first()
    if not employers or upcoming is None or past is None:
        return
    now = timezone.now()
    add_units(upcoming, employers, UPCOMING_STATES, now, "A", checked_in=False)
    add_units(past, employers, ["confirmed"] * min(8, len(employers)), now, "B", checked_in=True)
