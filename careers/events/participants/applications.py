"""A unit's application to a fair (manual 4.6.2 from the unit's side): apply, edit, withdraw, upload the
signed 回执. Views call these functions; each runs in one transaction under a row lock.

Refusals (Chinese, naming the reason): the unit is not 已入驻, the fair is not public or the school has not
made 申请参会 a visible operation, the 申请截止时间 has passed, the fair is full (`max_units`, counted under a
lock on the fair row so two units cannot take the last place), or the unit already applied (the
(fair, employer) unique constraint is the final word for concurrent double submissions). A withdrawn
application may be submitted again; it reuses its row.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from careers.core.history import log_event
from careers.core.transitions import locked, transition
from careers.recruitment.employers.access import NOT_ADMITTED

from ..fairs import fees
from ..models import (
    EmployerOperation,
    Fair,
    OrderStatus,
    ParticipantJob,
    Participation,
    ParticipationStatus,
)
from ..payments import actions as actions_payments

MODULE = "招聘会"
DUPLICATE = "贵单位已申请参加本场招聘会，请勿重复申请。"
ACTIVE = (ParticipationStatus.PENDING, ParticipationStatus.CONFIRMED)
FIELDS = ("booths_requested", "attendees", "contact_person", "contact_phone", "note", "invoice_title",
          "invoice_tax_number", "invoice_email", "invoice_note")


def local(dt):
    return f"{timezone.localtime(dt):%Y年%-m月%-d日 %H:%M}"


def deadline_passed(fair, now=None):
    return (now or timezone.now()) > fair.apply_deadline


def is_full(fair, exclude=None):
    if not fair.max_units:
        return False
    taken = fair.participations.filter(status__in=ACTIVE)
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    return taken.count() >= fair.max_units


def refusal(fair, employer, now=None):
    """Why `employer` cannot apply to `fair` now (a Chinese sentence), or "" when it can."""
    if not employer.is_admitted:
        return NOT_ADMITTED
    if not Fair.objects.public().filter(pk=fair.pk).exists():
        return "该招聘会未发布或已取消，不能申请参会。"
    if not fair.allows(EmployerOperation.APPLY):
        return "本场招聘会未开放单位在线申请参会，请联系学校。"
    if deadline_passed(fair, now):
        return f"本场招聘会已于 {local(fair.apply_deadline)} 截止申请。"
    return ""


def edit_refusal(participation, now=None):
    """Why the unit cannot edit its application now, or ""."""
    if participation.status != ParticipationStatus.PENDING:
        return f"参会申请当前为“{participation.get_status_display()}”，不能修改；如需调整请联系学校。"
    if deadline_passed(participation.fair, now):
        return f"已过申请截止时间（{local(participation.fair.apply_deadline)}），不能修改。"
    return ""


def _save_files(participation, files):
    """Store new uploads; a replaced file is removed once the transaction commits."""
    for name, value in (files or {}).items():
        if value:
            data, extension = value
            field = getattr(participation, name)
            old = field.name if field else ""
            field.save(f"{name}.{extension}", ContentFile(data), save=False)
            if old:
                transaction.on_commit(lambda old=old, storage=field.storage: storage.delete(old))


def _set_jobs(participation, jobs):
    if jobs is None:
        return
    wanted = {job.pk for job in jobs}
    participation.participant_jobs.exclude(job_id__in=wanted).delete()
    have = set(participation.participant_jobs.values_list("job_id", flat=True))
    ParticipantJob.objects.bulk_create(ParticipantJob(participation=participation, job_id=pk)
                                       for pk in sorted(wanted - have))


def _amount(fair, values):
    return fees.amount_due(fair, values["booths_requested"], len(values["attendees"]))


def apply(fair, employer, values, *, jobs=None, files=None, acting_user=None):
    """Submit an application; returns the Participation (待确认). Raises ValidationError with the reason."""
    with transaction.atomic():
        fair = locked(fair)
        reason = refusal(fair, employer)
        if reason:
            raise ValidationError(reason)
        existing = Participation.objects.select_for_update().filter(fair=fair, employer=employer).first()
        if existing is not None and existing.status in ACTIVE:
            raise ValidationError(DUPLICATE)
        if existing is not None and existing.status == ParticipationStatus.REJECTED:
            note = f"（{existing.review_note}）" if existing.review_note else ""
            raise ValidationError(f"贵单位的参会申请未通过{note}，不能再次申请；如有疑问请联系学校。")
        if is_full(fair):
            raise ValidationError(f"本场招聘会参会单位已满（上限 {fair.max_units} 家），不能再申请。")
        participation = existing or Participation(fair=fair, employer=employer)
        for name in FIELDS:
            setattr(participation, name, values.get(name, getattr(participation, name)))
        participation.status = ParticipationStatus.PENDING
        participation.review_note = ""
        participation.reviewed_at = None
        participation.reviewed_by = None
        participation.amount_due = _amount(fair, values)
        _save_files(participation, files)
        try:
            with transaction.atomic():
                participation.save()
        except IntegrityError:  # a concurrent submission of the same unit won
            raise ValidationError(DUPLICATE)
        _set_jobs(participation, jobs)
        log_event("apply", module=MODULE, obj=participation, user=acting_user,
                  message=f"{employer.name} 申请参加“{fair.title}”，展位 {participation.booths_requested} 个，"
                          f"参会人员 {len(participation.attendees)} 人，应缴 {participation.amount_due} 元")
    return participation


def update(participation, values, *, jobs=None, files=None, acting_user=None):
    """Edit a pending application before the deadline; the amount due follows the new booths/attendees.
    An unpaid order for the old amount is closed; a paid one blocks a change of the amount."""
    with transaction.atomic():
        participation = locked(participation, "fair", "employer")
        reason = edit_refusal(participation)
        if reason:
            raise ValidationError(reason)
        amount = _amount(participation.fair, values)
        current = actions_payments.open_order(participation)
        if current is not None and amount != participation.amount_due:
            if current.status == OrderStatus.PAID:
                raise ValidationError(f"参会费用已缴纳（{current.amount_yuan} 元），修改展位数或参会人数会改变应缴金额，"
                                      "请联系学校处理。")
            actions_payments.close(current, by=acting_user, note="参会申请修改后金额变化")
        for name in FIELDS:
            setattr(participation, name, values.get(name, getattr(participation, name)))
        participation.amount_due = amount
        _save_files(participation, files)
        participation.save()
        _set_jobs(participation, jobs)
        log_event("update", module=MODULE, obj=participation, user=acting_user,
                  message=f"{participation.employer.name} 修改了参加“{participation.fair.title}”的申请")
    return participation


def withdraw(participation, *, acting_user=None):
    """Withdraw a pending application (before the fair starts). Unpaid orders are closed; a paid order stays
    for the school to refund. Withdrawing twice is a no-op (returns False)."""
    def before_start(participation):
        if participation.fair.starts_at <= timezone.now():
            raise ValidationError("招聘会已开始，不能撤回申请。")

    with transaction.atomic():
        moved = transition(
            participation, to=ParticipationStatus.WITHDRAWN, allowed_from=(ParticipationStatus.PENDING,),
            verb="撤回", user=acting_user, module=MODULE, action="withdraw", apply=before_start, log=False,
            related=("fair", "employer"),
            refuse=lambda p: f"参会申请当前为“{p.get_status_display()}”，不能在线撤回，请联系学校。")
        if not moved.changed:
            return False
        participation = moved.obj
        for order in participation.orders.filter(status=OrderStatus.UNPAID):
            actions_payments.close(order, by=acting_user, note="单位撤回参会申请")
        log_event("withdraw", module=MODULE, obj=participation, user=acting_user,
                  message=f"{participation.employer.name} 撤回了参加“{participation.fair.title}”的申请")
    return True


def upload_receipt(participation, data, extension, *, acting_user=None):
    """The signed and stamped 回执 (image or PDF), replacing an earlier upload."""
    with transaction.atomic():
        participation = locked(participation, "fair", "employer")
        if participation.status not in ACTIVE:
            raise ValidationError(f"参会申请当前为“{participation.get_status_display()}”，不能上传回执。")
        if not participation.fair.allows(EmployerOperation.RECEIPT):
            raise ValidationError("本场招聘会不需要上传回执。")
        old = participation.receipt_file.name if participation.receipt_file else ""
        participation.receipt_file.save(f"receipt.{extension}", ContentFile(data), save=False)
        participation.receipt_uploaded_at = timezone.now()
        participation.save()
        log_event("receipt", module=MODULE, obj=participation, user=acting_user,
                  message=f"{participation.employer.name} 上传了“{participation.fair.title}”的签字回执")
    if old:
        storage = participation.receipt_file.storage
        transaction.on_commit(lambda: storage.delete(old))
    return participation
