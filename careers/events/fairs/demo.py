"""Demo 招聘会: one upcoming (published, open for units and students), one held last month (the
statistics demo), one cancelled and one draft. Participations, booths, orders, registrations, check-ins and deliveries come from
the participants, payments and checkin demos. Idempotent by title."""

import datetime

from django.utils import timezone

from ..talks.demo import local_at
from ..venues.demo import venue
from .models import Fair, FairStatus

UPCOMING = "2027届毕业生秋季大型双选会"
PAST = "2026届毕业生春季双选会"
COMMON = {
    "place": "体育馆一楼",
    "employer_operations": ["apply", "jobs", "poster", "receipt", "pay", "invoice", "checkin"],
    "booths_per_unit": 2, "attendees_per_unit": 3, "poster_method": "both", "max_units": 200,
    "fee_items": [{"name": "展位费", "amount": "800.00", "per": "booth"}, {"name": "餐费", "amount": "30.00", "per": "attendee"}],
    "payment_methods": ["offline"],
    "payee_info": "户名：某某大学；账号：4200 0000 0000 0000 0000；开户行：工商银行武昌支行；备注：单位名称+招聘会",
    "invoice_info": "转账后 15 个工作日内开具增值税普通发票，请准确填写发票抬头与纳税人识别号。",
    "receipt_notes": "1. 请于招聘会当天 8:30 前携带本回执（加盖公章）到体育馆东门签到处签到。\n2. 每个展位配一张桌子、两把椅子。",
    "registration_required": True, "checkin_method": "both",
    "description": "<p>面向2027届毕业生的综合类双选会，预计参会单位 200 家。</p>",
}


def seed(rng, years):
    if venue("体育馆") is None:
        return
    now = timezone.now()
    if not Fair.objects.filter(title=UPCOMING).exists():
        starts = local_at(10, 9)
        Fair.objects.create(title=UPCOMING, starts_at=starts, ends_at=starts + datetime.timedelta(hours=7),
                            publish_at=now - datetime.timedelta(days=5), venue=venue("体育馆"),
                            status=FairStatus.PUBLISHED, apply_deadline=starts - datetime.timedelta(days=3),
                            registration_opens_at=now - datetime.timedelta(days=5), registration_closes_at=starts,
                            capacity=5000, **COMMON)
    if not Fair.objects.filter(title=PAST).exists():
        starts = local_at(-30, 9)
        Fair.objects.create(title=PAST, starts_at=starts, ends_at=starts + datetime.timedelta(hours=7),
                            publish_at=starts - datetime.timedelta(days=30), venue=venue("体育馆"),
                            status=FairStatus.PUBLISHED, apply_deadline=starts - datetime.timedelta(days=5),
                            registration_opens_at=starts - datetime.timedelta(days=20), registration_closes_at=starts,
                            checkin_passphrase="", **COMMON)
    title = "2027届医药类专场招聘会（已取消）"
    if not Fair.objects.filter(title=title).exists():
        starts = local_at(20, 9)
        Fair.objects.create(title=title, starts_at=starts, ends_at=starts + datetime.timedelta(hours=4),
                            publish_at=now - datetime.timedelta(days=10), venue=venue("大学生活动中心报告厅"),
                            status=FairStatus.CANCELLED, apply_deadline=starts - datetime.timedelta(days=5),
                            **{**COMMON, "max_units": 30, "booths_per_unit": 1})
    title = "2027届教育类专场招聘会（筹备中）"
    if not Fair.objects.filter(title=title).exists():
        starts = local_at(40, 9)
        Fair.objects.create(title=title, starts_at=starts, ends_at=starts + datetime.timedelta(hours=4),
                            publish_at=starts - datetime.timedelta(days=20), venue=venue("大学生活动中心报告厅"),
                            status=FairStatus.DRAFT, apply_deadline=starts - datetime.timedelta(days=5),
                            **{**COMMON, "max_units": 40, "booths_per_unit": 1})
