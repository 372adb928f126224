"""Demo 消息模板设置 (every kind: most enabled with an id, 每日宣讲会 disabled, 批量通知 enabled without an id) and
messages to students and employers whose WeChat deliveries are in every state (发送中 … 用户拒收, failed, read and
unread), for 学生消息管理 / 企业消息管理. Idempotent."""

import datetime

from django.utils import timezone

from . import kinds

DISABLED, WITHOUT_ID = kinds.DAILY_TALKS, kinds.BATCH
MARK = "（演示）"


def template_id(rng, key):
    return "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(43))


def seed_settings(rng):
    from .models import TemplateSetting

    for key, kind in kinds.KINDS.items():
        if TemplateSetting.objects.filter(kind=key).exists():
            continue
        TemplateSetting.objects.create(
            kind=key, fields=dict(kind.fields), enabled=key != DISABLED,
            template_id="" if key == WITHOUT_ID else template_id(rng, key))


SEND_STATES = ["delivered", "delivered", "accepted", "in_flight", "blocked", "failed"]


def seed_messages(rng, students, employers, now):
    from careers.core.models import Message, MessageDelivery

    from .models import SendState, TemplateSend

    Status = MessageDelivery.Status
    plans = [
        (students, kinds.REVIEW, "您的生源信息已审核通过", "学校已审核通过您提交的生源信息，修改已生效。", "/me/"),
        (students, kinds.EVENT_REMINDER, "明天的宣讲会提醒", "您报名的宣讲会将于明天 14:00 在学术报告厅举行，请准时参加。", "/me/events/"),
        (students, kinds.BATCH, "关于毕业生信息核对的通知", "请各位同学于本周五前登录系统核对生源信息。", ""),
        (employers, kinds.REVIEW, "贵单位已通过学校审核入驻", "贵单位已通过学校审核，状态为“已入驻”。", "/company/"),
        (employers, kinds.APPLICATION_STATUS, "收到新的简历投递", "有学生投递了贵单位的职位，请登录单位中心查看。", "/company/"),
    ]
    for step, (users, kind, subject, body, link) in enumerate(plans):
        if not users:
            continue
        subject = subject + MARK
        if Message.objects.filter(subject=subject).exists():
            continue
        created = now - datetime.timedelta(days=len(plans) - step, hours=rng.randint(0, 8))
        message = Message.objects.create(subject=subject, body=body, link=link, channels=["inbox", "wechat"],
                                         kind=kind)
        Message.objects.filter(pk=message.pk).update(created_at=created)
        sends = []
        for index, user in enumerate(users):
            MessageDelivery.objects.create(message=message, recipient=user, channel="inbox", status=Status.SENT,
                                           sent_at=created, read_at=created + datetime.timedelta(hours=2)
                                           if index % 3 == 0 else None)
            state = SEND_STATES[(index + step) % len(SEND_STATES)]
            failed = state in (SendState.FAILED, SendState.BLOCKED)
            delivery = MessageDelivery.objects.create(
                message=message, recipient=user, channel="wechat", attempts=1,
                status=Status.FAILED if failed else (Status.SENDING if state == SendState.IN_FLIGHT else Status.SENT),
                error={SendState.FAILED: "invalid openid（错误码 40003）",
                       SendState.BLOCKED: "用户拒收（user block）"}.get(state, ""),
                sent_at=None if failed else created,
                read_at=created + datetime.timedelta(hours=1) if state == SendState.DELIVERED and index % 2 == 0
                else None)
            sends.append(TemplateSend(delivery=delivery, openid=f"o-demo-{user.pk}", template_id="demo", state=state,
                                      msgid=None if state in (SendState.IN_FLIGHT, SendState.FAILED)
                                      else 2_000_000_000 + message.pk * 1000 + index,
                                      error=delivery.error, result_at=created if state in (
                                          SendState.DELIVERED, SendState.BLOCKED) else None))
        # one student without a WeChat delivery record yet (queued): "未提交"
        TemplateSend.objects.bulk_create(sends[:-1] if len(sends) > 1 else sends)


def seed(rng, years):
    from careers.recruitment.models import Employer
    from careers.students.models import Student

    seed_settings(rng)
    students = list(Student.objects.filter(user__isnull=False, user__is_active=True)
                    .select_related("user").order_by("major__college_id", "pk")[:600:50])
    try:
        from careers.students.demo import demo_student

        me = demo_student(years)
    except Exception:  # noqa: BLE001 - the demo student is a nicety
        me = None
    users = ([me.user] if me is not None and me.user_id else []) + [s.user for s in students]
    users = list({u.pk: u for u in users}.values())
    employers = [e.user for e in Employer.objects.filter(user__is_active=True).select_related("user")
                 .order_by("pk")[:6]]
    seed_messages(rng, users, employers, timezone.now())
