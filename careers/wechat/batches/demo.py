"""Demo 批量消息: one in every state — 待发送 (a draft), 发送中 (partly sent, some claimed, the rest queued), 未完成
(stopped by WeChat's daily quota: 立即发送 continues it) and 已完成 (with a few failures and students without a bound
WeChat). The deliveries are written as they would stand at that moment (no message is sent while seeding).
Idempotent by title."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from careers.core.models import Message, MessageDelivery
from careers.students.models import Student

from ..template_messages.channel import PERMANENT_REASONS, QUOTA_REASON
from ..template_messages.models import SendState, TemplateSend
from .models import BatchSend, BatchState

Status = MessageDelivery.Status
SKIPPED_REASON = "未绑定微信或已取消关注"


def admin():
    User = get_user_model()
    return User.objects.filter(username="10001").first() or User.objects.filter(kind=User.Kind.SCHOOL_ADMIN).first()


def openids(user_ids):
    from ..binding.models import WechatBinding

    bound = dict(WechatBinding.objects.filter(user_id__in=user_ids).values_list("user_id", "openid"))
    return {pk: bound.get(pk) or f"odemo{pk:012d}" for pk in user_ids}


def make_message(batch, sender, user_ids, statuses, now):
    """The batch's Message and one delivery per recipient in the given statuses (cycled), with TemplateSend rows
    for what WeChat accepted."""
    message = Message.objects.create(sender=sender, subject=batch.title, body=batch.body, link=batch.link,
                                     channels=["wechat"], kind="batch")
    rows = []
    for index, user_id in enumerate(user_ids):
        status, error, next_at = statuses(index, len(user_ids))
        rows.append(MessageDelivery(message=message, recipient_id=user_id, channel="wechat", status=status,
                                    error=error, attempts=0 if status == Status.QUEUED else 1,
                                    next_attempt_at=next_at,
                                    sent_at=now - datetime.timedelta(minutes=len(user_ids) - index)
                                    if status == Status.SENT else None))
    MessageDelivery.objects.bulk_create(rows)
    addresses = openids(user_ids)
    sends = []
    for number, delivery in enumerate(message.deliveries.filter(status__in=(Status.SENT, Status.FAILED))
                                      .exclude(error=QUOTA_REASON)):
        sent = delivery.status == Status.SENT
        sends.append(TemplateSend(
            delivery=delivery, openid=addresses[delivery.recipient_id], template_id="DEMO_BATCH_TEMPLATE",
            msgid=(message.pk * 100_000 + number) if sent else None,
            state=(SendState.DELIVERED if number % 4 else SendState.ACCEPTED) if sent else SendState.FAILED,
            error="" if sent else delivery.error[:300], result_at=now if sent and number % 4 else None))
    TemplateSend.objects.bulk_create(sends)
    return message


def seed(rng, years):
    if BatchSend.objects.filter(title__startswith="【演示】").exists():
        return
    sender = admin()
    students = list(Student.objects.filter(user__isnull=False, is_active=True, user__is_active=True)
                    .select_related("major__college").order_by("pk")[:400])
    if not students:
        return
    now = timezone.now()
    year = max(years) if years else students[0].graduation_year
    college = students[0].major.college
    major = students[0].major
    user_ids = [s.user_id for s in students]
    rng.shuffle(user_ids)

    BatchSend.objects.create(
        title="【演示】2027届秋季双选会报名提醒", body="秋季大型双选会将于下周五在体育馆举行，请及时在平台报名并准备简历。",
        link="/fairs/", graduation_year=year, college=college, channels=["wechat"], state=BatchState.DRAFT,
        created_by=sender)

    def running(index, total):
        if index < total * 0.45:
            return Status.SENT, "", None
        if index < total * 0.5:
            return Status.SENDING, "", now + datetime.timedelta(minutes=10)
        return Status.QUEUED, "", None

    def paused(index, total):
        if index < total * 0.6:
            return Status.SENT, "", None
        return Status.FAILED, QUOTA_REASON, now + datetime.timedelta(minutes=40)

    def done(index, total):
        if index % 17 == 5:
            return Status.FAILED, f"{PERMANENT_REASONS[43004]}（43004）", None
        if index % 11 == 3:
            return Status.SKIPPED, SKIPPED_REASON, None
        return Status.SENT, "", None

    for title, body, state, statuses, share, scope in (
        ("【演示】就业指导讲座通知（发送中）", "本周三下午在图书馆报告厅举办求职简历写作讲座。", BatchState.RUNNING, running, 120,
         {"college": college}),
        ("【演示】毕业生信息核对提醒（未完成）", "请于本月底前登录平台核对个人生源信息。", BatchState.PAUSED, paused, 150,
         {"graduation_year": year}),
        ("【演示】专场招聘会通知（已完成）", "明天上午在第二教学楼举办本专业专场招聘会。", BatchState.DONE, done, 90,
         {"major": major, "college": college}),
    ):
        ids = user_ids[:share] if "major" not in scope else [s.user_id for s in students if s.major_id == major.pk]
        ids = ids or user_ids[:share]
        batch = BatchSend(title=title, body=body, link="/me/", channels=["wechat"], state=state, created_by=sender,
                          started_at=now - datetime.timedelta(hours=2), total=len(ids), **scope)
        batch.message = make_message(batch, sender, ids, statuses, now)
        if state == BatchState.DONE:
            batch.finished_at = now - datetime.timedelta(minutes=30)
        batch.save()
