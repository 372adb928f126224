"""Shared helpers for the fairs tests: form data for the 4.6.1 form and a logged-in student."""

import datetime

from django.utils import timezone

from careers.accounts.models import User
from tests.factories import StudentFactory, UserFactory


def at(days, hour=9, minute=0):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def local_input(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def fair_form_data(**overrides):
    data = {
        "title": "2027届秋季大型双选会", "starts_at": local_input(at(20, 9)), "ends_at": local_input(at(20, 16)),
        "publish_at": local_input(at(-1, 8)), "venue": "", "place": "体育馆一楼",
        "description": "<p>欢迎<strong>参加</strong></p><script>alert(1)</script>",
        "employer_operations": ["apply", "jobs", "receipt", "pay"], "apply_deadline": local_input(at(15, 18)),
        "max_units": "300", "booths_per_unit": "2", "attendees_per_unit": "3", "poster_method": "image",
        "payment_methods": ["offline"], "payee_info": "户名：某某大学；账号：4200", "invoice_info": "可开具增值税普通发票",
        "receipt_notes": "请携带回执签到。",
        "registration_required": "on", "registration_opens_at": local_input(at(-1, 8)),
        "registration_closes_at": local_input(at(20, 9)), "capacity": "5000", "checkin_method": "both",
        "checkin_passphrase": "",
        "fee_name": ["展位费", "餐费", ""], "fee_amount": ["800", "30.50", ""], "fee_per": ["booth", "attendee", "booth"],
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def student_with_login(major=None, **kwargs):
    user = UserFactory(kind=User.Kind.STUDENT)
    student = StudentFactory(user=user, **({"major": major} if major else {}), **kwargs)
    return student
