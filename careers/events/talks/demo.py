"""Demo 宣讲会 in every state: 等待审核 (one on a placeholder venue), 已审核 (two tomorrow — the reminder
demo —, one next week, one held last week), 未通过 with the reason the unit sees, 已取消, and one the school
published itself. Registrations and check-ins are added by checkin/demo.py. Idempotent by title; times are
relative to the first seeding and never random (later seeds see the same random stream)."""

import datetime

from django.utils import timezone

from careers.recruitment.models import Employer, Job

from ..venues.demo import venue
from .models import Talk, TalkStatus

# title suffix, state, day offset, hour, venue, capacity
TALKS = [
    ("2027届校园招聘宣讲会", "approved", 1, 14, "大学生活动中心报告厅", 300),
    ("技术岗位专场宣讲", "approved", 1, 19, "图书馆学术报告厅", 150),
    ("管培生项目宣讲会", "approved", 7, 15, "就业指导中心宣讲室", 80),
    ("春季校园招聘宣讲会", "approved", -7, 14, "大学生活动中心报告厅", 300),
    ("暑期实习生招聘宣讲", "pending", 10, 14, "待定（100人）", None),
    ("研发中心招聘宣讲", "pending", 12, 19, "南湖校区教学楼 A101", None),
    ("销售岗位宣讲会", "rejected", 5, 14, "图书馆学术报告厅", None),
    ("海外业务招聘宣讲", "cancelled", 3, 14, "就业指导中心宣讲室", None),
]


def local_at(day_offset, hour):
    day = timezone.localdate() + datetime.timedelta(days=day_offset)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def seed(rng, years):
    employers = list(Employer.objects.admitted().order_by("pk")[:len(TALKS)])
    if not employers or venue("待定（100人）") is None:
        return
    now = timezone.now()
    for n, (suffix, state, offset, hour, venue_name, capacity) in enumerate(TALKS):
        employer = employers[n % len(employers)]
        title = f"{employer.name}{suffix}"
        if Talk.objects.filter(title=title).exists():
            continue
        starts = local_at(offset, hour)
        talk = Talk(employer=employer, title=title, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
                    venue=venue(venue_name), audience="2027届本科生、研究生", status=state,
                    description=f"<p>{employer.name}介绍、岗位说明与现场答疑。</p>",
                    contact_person=employer.contact_person, contact_phone=employer.phone,
                    submitted_at=now - datetime.timedelta(days=3))
        if state in (TalkStatus.APPROVED, TalkStatus.REJECTED, TalkStatus.CANCELLED):
            talk.reviewed_at = now - datetime.timedelta(days=2)
        if state == TalkStatus.APPROVED:
            talk.registration_opens_at = min(now, starts) - datetime.timedelta(days=5)
            talk.registration_closes_at = starts
            talk.capacity = capacity
            talk.checkin_passphrase = "2027" if n == 1 else ""
        elif state == TalkStatus.REJECTED:
            talk.review_note = "所选时间段场地已被占用，请改选其他时间后重新申请。"
        elif state == TalkStatus.CANCELLED:
            talk.review_note = "单位行程调整，已撤回申请。"
        talk._change_reason = "演示数据"
        talk.save()
        talk.jobs.set(Job.objects.published().filter(employer=employer)[:3])
    # the demo employer login (the first unit) also has one waiting for review, so it can edit a talk
    first = employers[0]
    title = f"{first.name}秋季补录宣讲会"
    if not Talk.objects.filter(title=title).exists():
        starts = local_at(14, 10)
        talk = Talk(employer=first, title=title, starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
                    venue=venue("就业指导中心宣讲室"), audience="2027届毕业生", status=TalkStatus.PENDING,
                    description=f"<p>{first.name}补录岗位介绍。</p>", contact_person=first.contact_person,
                    contact_phone=first.phone, submitted_at=now - datetime.timedelta(days=1))
        talk._change_reason = "演示数据"
        talk.save()
    title = "就业指导中心：2027届毕业生求职能力提升讲座"
    if not Talk.objects.filter(title=title).exists():
        starts = local_at(2, 15)
        Talk.objects.create(organiser="校就业指导中心", title=title, starts_at=starts,
                            ends_at=starts + datetime.timedelta(hours=1, minutes=30),
                            venue=venue("图书馆学术报告厅"), audience="全体学生", status=TalkStatus.APPROVED,
                            description="<p>简历制作、面试技巧与求职防骗。</p>", reviewed_at=now,
                            registration_opens_at=now - datetime.timedelta(days=1), registration_closes_at=starts,
                            capacity=200, registration_required=False)
