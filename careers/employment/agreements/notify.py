"""The student hears of every decision on their 协议书申请 in the inbox (core.messaging.send_messages: a fixed
number of INSERTs however large the batch)."""

from django.urls import reverse

from careers.core.messaging import send_messages

from .models import AgreementSettings


def tell(applications, subject, body_of):
    """One message per student with an account; `body_of(application)` words it (one query for the accounts)."""
    from careers.accounts.models import User

    users = User.objects.in_bulk({a.student.user_id for a in applications} - {None})
    link = reverse("employment_portal:agreements")
    send_messages([([users[a.student.user_id]], subject, body_of(a), link) for a in applications
                   if a.student.user_id in users], kind="review_result")


def where_to_collect():
    instructions = AgreementSettings.load().instructions.strip()
    return f"\n{instructions}" if instructions else ""


def approved(applications):
    tell(applications, "协议书申请已同意", lambda a: f"您的{a.get_kind_display()}已同意，学校打印后即可领取协议书。")


def rejected(application):
    tell([application], "协议书申请未同意",
         lambda a: f"您的{a.get_kind_display()}未同意。原因：{a.review_note}\n如有疑问请联系学院就业工作老师。")


def issued(applications):
    extra = where_to_collect()
    tell(applications, "协议书已发放",
         lambda a: f"您的协议书已打印（登记），协议书编号：{a.number.number}。{extra}")


def reset(application, old_number):
    tell([application], "协议书申请已重置",
         lambda a: f"您的协议书（编号 {old_number}）因打印错误已作废，学校将重新打印新的协议书。")
