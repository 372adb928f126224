"""Demo 就业活动: five categories (one stopped) and events in every state and variant — 草稿 with and without a
venue, 已发布 tomorrow (the reminder demo; 签到口令, 易捷签到 on), next week at 地点待定 with a registration
window not yet open, one full (capacity reached), one held last week with registrations and check-ins (QR,
device, one without registering), and 已取消 with its reason. Idempotent by title; times are relative to the
first seeding and never random (later seeds see the same random stream)."""

import datetime

from django.utils import timezone

from ..checkin.demo import check_in, demo_students, register
from ..talks.demo import local_at
from ..venues.demo import venue
from .models import CareerEvent, CareerEventCategory, CareerEventState

CATEGORIES = [("就业讲座", 10, True), ("就业论坛", 20, True), ("职业生涯规划", 30, True), ("创业指导", 40, True),
              ("校友分享会（已停用）", 90, False)]

# title, category, state, day offset, hour, hours, venue name (None = 待定), capacity, passphrase, device,
# registration opens (days from the start, None = at once)
EVENTS = [
    ("2027届毕业生就业形势与政策讲座", "就业讲座", "published", 1, 14, 2, "大学生活动中心报告厅", 300, "2027", True, None),
    ("简历制作与面试技巧工作坊", "职业生涯规划", "published", 7, 15, 2, None, 60, "", False, -3),
    ("选调生与公务员报考指导", "就业讲座", "published", 3, 19, 2, "图书馆学术报告厅", 3, "", True, None),
    ("互联网行业就业论坛", "就业论坛", "published", -7, 14, 3, "图书馆学术报告厅", None, "fx", True, None),
    ("大学生创业项目路演指导", "创业指导", "draft", 14, 14, 2, "就业指导中心宣讲室", 80, "", False, None),
    ("基层就业项目宣讲（筹备中）", "就业讲座", "draft", 20, 10, 2, None, None, "", False, None),
    ("职业规划大赛动员会", "职业生涯规划", "cancelled", 5, 14, 2, "就业指导中心宣讲室", 100, "", False, None),
]


def seed(rng, years):
    categories = {}
    for name, ordering, active in CATEGORIES:
        categories[name], _ = CareerEventCategory.objects.get_or_create(
            name=name, defaults={"ordering": ordering, "is_active": active})
    students = demo_students(years, 60)
    now = timezone.now()
    for (title, category, state, offset, hour, hours, venue_name, capacity, passphrase, device,
         opens) in EVENTS:
        if CareerEvent.objects.filter(title=title).exists():
            continue
        starts = local_at(offset, hour)
        place = venue(venue_name) if venue_name else None
        if venue_name and place is None:
            continue  # the venues step has not run
        event = CareerEvent.objects.create(
            title=title, category=categories[category], venue=place, starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=hours),
            registration_opens_at=starts + datetime.timedelta(days=opens) if opens else None,
            registration_closes_at=starts - datetime.timedelta(hours=2) if offset > 0 else None,
            capacity=capacity, audience="2027届全体毕业生", organiser="学生就业指导中心",
            description=f"<p>{title}：政策解读、案例分享与现场答疑。</p>",
            registration_required=bool(passphrase) or offset < 0, uses_device=device, checkin_passphrase=passphrase,
            state=state, published_at=now - datetime.timedelta(days=10) if state != "draft" else None,
            cancel_reason="主讲嘉宾行程冲突，活动改期另行通知" if state == "cancelled" else "")
        if not students or state != CareerEventState.PUBLISHED:
            continue
        if offset < 0:  # held last week: registrations and check-ins (one without registering)
            register(event, students[:24], starts - datetime.timedelta(days=2))
            check_in(event, students[:17], students[45:46])
        elif capacity and capacity <= 3:  # full
            register(event, students[30:30 + capacity], now)
        elif offset == 1:
            register(event, students[:10], now)
