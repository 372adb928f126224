"""Demo bookings in every state (待确认, 已确认, 已拒绝, 已取消, 已完成 with and without a rating, 未到场): the demo
student holds one of each kind it can see on /me/counseling/, other students the rest; past slots for the held
sessions, coming slots for the open ones. Idempotent (nothing is added once any booking exists)."""

import datetime

from django.utils import timezone

QUESTIONS = ["想请老师帮忙看看简历，投了二十多家都没有回音。", "拿到两个 offer，一个国企一个互联网公司，不知道怎么选。",
             "在考研和就业之间犹豫，家里希望我考公务员。", "想了解违约流程和违约金的问题。", "第一次参加群面，想做一次模拟面试。",
             "对自己的职业方向很迷茫，想做一次职业测评解读。"]
NOTES = ["梳理了求职方向，建议重点投递制造业数字化岗位；约两周后回访。", "逐条修改了简历项目经历，补充量化成果。",
         "分析了两个 offer 的发展空间与城市成本，学生倾向国企。"]
COMMENTS = ["老师很耐心，建议很具体！", "", "收获很大，谢谢老师。"]


def seed(rng, years):
    from careers.students.demo import demo_student
    from careers.students.models import Student

    from ..setup.models import Adviser, Topic
    from ..slots.models import Slot
    from .models import Booking, BookingStatus, Rating

    if Booking.objects.exists():
        return
    now = timezone.now()
    me = demo_student(years)
    others = list(Student.objects.filter(user__isnull=False, is_active=True).exclude(pk=getattr(me, "pk", None))
                  .order_by("major__college__name", "pk")[:400:20])
    topics = list(Topic.objects.filter(is_active=True))
    if not topics or not others:
        return
    students = ([me] if me else []) + others
    rows, ratings = [], []
    for adviser in Adviser.objects.order_by("pk"):
        past = list(Slot.objects.filter(adviser=adviser, starts_at__lt=now).order_by("starts_at"))
        future = list(Slot.objects.filter(adviser=adviser, starts_at__gt=now).order_by("starts_at"))
        # (slot, status): every state, the held ones in the past, the open ones ahead
        plan = [(s, st) for s, st in zip(past, [BookingStatus.COMPLETED, BookingStatus.COMPLETED,
                                                BookingStatus.COMPLETED, BookingStatus.NO_SHOW,
                                                BookingStatus.CONFIRMED, BookingStatus.DECLINED])]
        plan += [(s, st) for s, st in zip(future, [BookingStatus.PENDING, BookingStatus.CONFIRMED,
                                                   BookingStatus.CANCELLED, BookingStatus.PENDING])]
        for slot, status in plan:
            student = students[len(rows) % len(students)]
            done = status in (BookingStatus.COMPLETED,)
            booking = Booking(
                slot=slot, seat_no=1, student=student, adviser=adviser, starts_at=slot.starts_at, ends_at=slot.ends_at,
                topic=rng.choice(topics), question=rng.choice(QUESTIONS), status=status,
                reply_note={BookingStatus.DECLINED: "当天临时外出开会，请改约其他时间。",
                            BookingStatus.CONFIRMED: "请准时到达，带上简历。"}.get(status, ""),
                session_notes=rng.choice(NOTES) if done else "",
                decided_at=None if status in (BookingStatus.PENDING, BookingStatus.CANCELLED) else slot.starts_at
                - datetime.timedelta(days=1),
                cancelled_at=now if status == BookingStatus.CANCELLED else None)
            rows.append(booking)
    Booking.objects.bulk_create(rows)
    completed = [b for b in rows if b.status == BookingStatus.COMPLETED]
    for index, booking in enumerate(completed):
        if index % 3 != 2:  # a third of the finished sessions still wait for their rating
            ratings.append(Rating(booking=booking, stars=rng.choice((3, 4, 5, 5)), comment=COMMENTS[index % 3]))
    Rating.objects.bulk_create(ratings)
