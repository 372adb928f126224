"""简历投递: deliver a résumé to a job (once), and the employer's status moves.

    deliver(student, job_id, resume_id)      -> Application   (DeliveryError with a message for the student)
    mark_viewed(application, user)           -> bool           (已投递 → 已查看 when the unit opens it)
    move(application, status, note, user)    -> Application   (MoveError for a move the machine forbids)

Every status change is saved through the model's history (who, when, which note) and the student is
told through core messaging (站内消息 + e-mail, and WeChat when registered unless the student turned 投递状态提醒
off in 微信提醒设置); a delivery tells the unit the same way.
"""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from careers.core.messaging import send_message
from careers.core.transitions import locked
from careers.resumes.models import Resume
from careers.wechat.reminders.prefs import channels_for

from ..jobs.models import Job
from .models import Application
from .snapshot import (
    build_snapshot,
    copy_attachment,
    delete_attachment,
    resumes_for_snapshot,
)

logger = logging.getLogger(__name__)

Status = Application.Status
ALREADY = "您已投递过该职位，每个职位只能投递一次。"
CLOSED = "该职位已截止或已关闭，不能再投递。"
NO_RESUME = "请选择一份您自己的简历。"
NOTE_MAX = Application._meta.get_field("employer_note").max_length


class DeliveryError(ValidationError):
    pass


class MoveError(ValidationError):
    pass


def open_job(job_id):
    """The job if students may deliver to it now (published: unit admitted, approved, open, deadline ahead)."""
    return Job.objects.published().select_related("employer__user").filter(pk=job_id).first()


def deliver(student, job_id, resume_id, *, user=None, notify=True):
    job = open_job(job_id)
    if job is None:
        raise DeliveryError(CLOSED, code="closed")
    resume = resumes_for_snapshot(Resume.objects.filter(student=student)).filter(pk=resume_id).first() \
        if str(resume_id or "").isdecimal() else None
    if resume is None:
        raise DeliveryError(NO_RESUME, code="resume")
    if Application.objects.filter(job=job, student=student).exists():
        raise DeliveryError(ALREADY, code="duplicate")
    snapshot = build_snapshot(resume)
    attachment = copy_attachment(resume)
    snapshot["attachment"] = attachment
    application = Application(job=job, employer=job.employer, student=student, resume=resume, snapshot=snapshot,
                              status=Status.DELIVERED, status_changed_at=timezone.now())
    application._change_reason = "学生投递简历"
    if user is not None:
        application._history_user = user
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # two deliveries at once: the unique constraint lets one through
        delete_attachment(attachment)
        raise DeliveryError(ALREADY, code="duplicate") from None
    if notify:
        notify_employer(application)
    return application


def notify_employer(application):
    employer = application.employer
    try:
        send_message(
            recipients=[employer.user], channels=("inbox", "email"),
            subject=f"收到新的简历投递：{application.job.title}",
            body=(f"{application.snapshot.get('name', '')}（{application.snapshot.get('major', '')}）"
                  f"投递了贵单位的职位“{application.job.title}”。请登录单位中心查看。"),
            link=reverse("company:application_detail", args=[application.pk]), kind="application_status")
    except Exception:  # a message that cannot be queued must not undo the delivery
        logger.exception("could not notify employer %s of application %s", employer.pk, application.pk)


def mark_viewed(application, user=None):
    """已投递 → 已查看, once; a conditional UPDATE-by-save so two tabs don't both record it."""
    if application.status != Status.DELIVERED:
        return False
    with transaction.atomic():
        current = Application.objects.select_for_update().filter(pk=application.pk, status=Status.DELIVERED).first()
        if current is None:
            return False
        _set_status(current, Status.VIEWED, current.employer_note, user, "单位查看简历")
    application.status, application.status_changed_at = current.status, current.status_changed_at
    _notify_student(current)
    return True


def move(application, status, note="", *, user=None):
    """The employer's move: 邀请面试 (needs the time/place), 录用 or 不合适; final states stay final."""
    note = " ".join((note or "").split()) if status != Status.INTERVIEW else (note or "").strip()
    if status not in (Status.INTERVIEW, Status.OFFER, Status.REJECTED):
        raise MoveError("请选择处理结果：邀请面试、录用或不合适。", code="status")
    if len(note) > NOTE_MAX:
        raise MoveError(f"留言不能超过 {NOTE_MAX} 个字（现有 {len(note)} 个）。", code="note")
    if status == Status.INTERVIEW and not note:
        raise MoveError("邀请面试时请在“留言”中写明面试时间和地点。", code="note")
    with transaction.atomic():
        current = locked(application)
        if not current.can_move_to(status):
            raise MoveError(f"当前状态为“{current.get_status_display()}”，不能改为“{Status(status).label}”。",
                            code="transition")
        reason = Status(status).label + (f"：{note}" if note else "")
        _set_status(current, status, note, user, reason[:100])
    _notify_student(current)
    return current


def _set_status(application, status, note, user, reason):
    application.status = status
    application.employer_note = note
    application.status_changed_at = timezone.now()
    application._change_reason = reason
    if user is not None:
        application._history_user = user
    application.save(update_fields=["status", "employer_note", "status_changed_at", "updated_at"])


STUDENT_TEXT = {
    Status.VIEWED: "用人单位已查看您的简历。",
    Status.INTERVIEW: "用人单位邀请您参加面试。",
    Status.OFFER: "恭喜！用人单位决定录用您。",
    Status.REJECTED: "很遗憾，用人单位认为您的简历与该职位暂不合适。",
}


def _notify_student(application):
    row = Application.objects.filter(pk=application.pk).values_list(
        "student__user", "job__title", "employer__name").first()
    if not row or not row[0]:
        return
    from careers.accounts.models import User

    user_id, job_title, employer_name = row
    body = STUDENT_TEXT.get(application.status, "")
    if application.employer_note:
        body += f"\n单位留言：{application.employer_note}"
    # 已查看 happens by itself when the unit opens the résumé: the inbox is enough for that one.
    channels = ("inbox",) if application.status == Status.VIEWED else ("inbox", "email")
    if application.status != Status.VIEWED:  # + WeChat (when registered) unless 投递状态提醒 is off
        channels = channels_for(user_id, "application_updates", channels)
    try:
        send_message(recipients=User.objects.filter(pk=user_id), channels=channels,
                     subject=f"投递状态更新：{employer_name} · {job_title} — {application.get_status_display()}",
                     body=body, link=reverse("portal_recruitment:application_list"), kind="application_status")
    except Exception:  # the status change stands even if the message cannot be queued
        logger.exception("could not notify the student of application %s", application.pk)
