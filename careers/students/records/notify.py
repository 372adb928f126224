"""Tell students in their inbox when an admin decided on what they reported — 生源信息 here, and employment's
派遣信息 / 就业信息 through the same helper: approved, or not approved and why (manual: the student sees the
reason and corrects the report). Connected to core.review.review_decided in each app's registry.py."""

from django.urls import reverse

from careers.accounts.models import User
from careers.core.messaging import send_messages


def tell_students(records, *, approved, note, noun, page, student_of=lambda record: record.student):
    """One inbox message per student with an account, all in a few queries whatever the number of records."""
    user_ids = {student_of(record).user_id for record in records} - {None}
    users = User.objects.in_bulk(user_ids)
    link = reverse(page)
    if approved:
        subject, body = f"您的{noun}已审核通过", f"学校已审核通过您提交的{noun}，修改已生效。"
    else:
        subject, body = f"您的{noun}未通过审核", f"审核意见：{note}\n请按审核意见修改后重新提交。"
    send_messages([([users[uid]], subject, body, link) for uid in sorted(user_ids) if uid in users],
                  kind="review_result")


def student_record_decided(sender, records, approved, note, **kwargs):
    tell_students(records, approved=approved, note=note, noun="生源信息", page="portal:profile",
                  student_of=lambda student: student)
