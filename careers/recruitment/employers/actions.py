"""用人单位: registration, the unit's own edits, and the school's review (manual 4.1). One transaction each.

State table: careers/recruitment/employers/models.py. Every write is in the change history (the model's
HistoricalRecords, with the acting account) and in the operation log (log_event).
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from careers.accounts.models import User
from careers.core import review
from careers.core.history import log_event
from careers.core.review import ReviewActions, ReviewStatus
from careers.core.scoping import account, is_system
from careers.core.transitions import lock_in_place, locked

from .models import Employer, licence_path, name_key

log = logging.getLogger(__name__)

MODULE = "recruitment"
CONTACT_FIELDS = ("contact_person", "phone", "email")
DUPLICATE = "该单位名称/统一社会信用代码已注册，同一单位只能注册一个账号。如账号无法使用，请通过账号申诉取回。"


class DuplicateUnit(ValidationError):
    """A unit with this name or credit code already has an account (the database said so)."""

    def __init__(self, message=DUPLICATE):
        super().__init__(message, code="duplicate")


def _saved_licence(licence):
    """(bytes, extension) → the private storage name of the stored file."""
    if not licence:
        return None
    data, extension = licence
    storage = Employer._meta.get_field("licence").storage
    return storage.save(licence_path(None, f"licence.{extension}"), ContentFile(data))


def _delete_file(name):
    if name:
        try:
            Employer._meta.get_field("licence").storage.delete(name)
        except OSError:  # pragma: no cover - best effort
            log.warning("could not delete licence file %s", name)


def register(values, *, password, licence=None):
    """A unit's public registration: its account (username = credit code) and its 等待审核 record.

    `values`: the cleaned profile fields; `licence`: (bytes, extension) or None.
    Raises DuplicateUnit when the name (its key) or the credit code is taken — decided by the
    database's unique constraints, so two simultaneous registrations can't both succeed.
    """
    stored = _saved_licence(licence)
    try:
        with transaction.atomic():
            user = User(username=values["credit_code"], name=values["name"][:64], kind=User.Kind.EMPLOYER,
                        must_change_password=False, email=values.get("email", ""), phone=values.get("phone", ""))
            user.set_password(password)
            user.save()
            employer = Employer(user=user, review_status=ReviewStatus.PENDING, submitted_at=timezone.now(), **values)
            if stored:
                employer.licence.name = stored
            employer._history_user = user
            employer._change_reason = "用人单位注册"
            employer.save()
            log_event("create", module=MODULE, obj=employer, user=user, message=f"用人单位注册：{employer.name}")
    except IntegrityError:
        _delete_file(stored)
        raise DuplicateUnit()
    return employer


def _check_unique(employer, values):
    """Friendly messages before the database would refuse (the constraint stays the real guard)."""
    errors = {}
    if "name" in values and Employer.objects.filter(name_key=name_key(values["name"])).exclude(
            pk=employer.pk).exists():
        errors["name"] = "该单位名称已被其他单位注册。"
    if "credit_code" in values and Employer.objects.filter(credit_code=str(values["credit_code"]).upper()).exclude(
            pk=employer.pk).exists():
        errors["credit_code"] = "该统一社会信用代码已被其他单位注册。"
    if errors:
        raise ValidationError(errors)


def update_profile(employer, values, *, licence=None, acting_user):
    """The unit edits its own profile (单位信息).

    Contact details apply at once. Review fields: before the first admission (等待审核/未通过) they are
    written directly and the record goes (back) to 等待审核; after admission they wait in
    `pending_changes` (待复审) while the approved version stays public. Returns the new status.
    """
    stored = _saved_licence(licence)
    try:
        with transaction.atomic():
            lock_in_place(employer)
            before = {name: review.field_display(employer, name) for name in (*CONTACT_FIELDS, *Employer.REVIEW_FIELDS)}
            reviewed = {name: values[name] for name in Employer.REVIEW_FIELDS if name in values}
            if stored:
                reviewed["licence"] = stored
            elif (employer.pending_changes or {}).get("licence"):  # keep a replacement still waiting
                reviewed["licence"] = employer.pending_changes["licence"]
            _check_unique(employer, reviewed)
            for name in CONTACT_FIELDS:
                if name in values:
                    setattr(employer, name, values[name])
            if employer.admitted_at is None:
                review.apply_values(employer, reviewed)
                changed_review = any(review.field_display(employer, n) != before[n] for n in reviewed)
                if changed_review or employer.review_status == ReviewStatus.REJECTED:
                    employer.review_status = ReviewStatus.PENDING
                    employer.review_note = ""
                    employer.submitted_at = timezone.now()
                reason = "用人单位修改资料（重新提交审核）" if changed_review else "用人单位修改联系方式"
            else:
                pending = review.submit(employer, reviewed)
                if not pending and employer.pending_changes:  # edited back to the approved values: withdrawn
                    employer.pending_changes = {}
                    employer.review_status = ReviewStatus.APPROVED
                reason = "用人单位修改资料（待复审）" if pending else "用人单位修改联系方式"
            employer._history_user = acting_user
            employer._change_reason = reason
            employer.save()
            user = employer.user
            if (user.email, user.phone) != (employer.email, employer.phone):
                user.email, user.phone = employer.email, employer.phone
                user.save(update_fields=["email", "phone"])
            after = {name: review.field_display(employer, name) for name in before}
            changes = {n: [before[n], after[n]] for n in before if before[n] != after[n]}
            if employer.pending_changes:
                changes["pending_changes"] = ["", "、".join(sorted(employer.pending_changes))]
            log_event("update", module=MODULE, obj=employer, user=acting_user, changes=changes, message=reason)
    except IntegrityError:
        _delete_file(stored)
        raise ValidationError("该单位名称或统一社会信用代码已被其他单位注册。")
    except Exception:
        _delete_file(stored)
        raise
    return employer.status


# -- the school's review --------------------------------------------------------------------------
class EmployerReviews(ReviewActions):
    """审核 of units: the first approval admits the unit (admitted_at); re-review applies pending edits."""

    OUT_OF_SCOPE = "您没有审核用人单位的权限。"

    def require_all(self, pks, user, action, message=None):
        super().require_all(pks, user, action, "您没有审核用人单位的权限，未审核任何单位。")

    def _approve(self, record, *, acting_user, adjustments=None):
        first = record.admitted_at is None
        if first:
            record.admitted_at = timezone.now()
        super()._approve(record, acting_user=acting_user, adjustments=adjustments)
        # the account follows the approved unit: username = credit code, name = unit name
        user = locked(record.user_id, model=User)
        if (user.username, user.name) != (record.credit_code, record.name[:64]):
            user.username, user.name = record.credit_code, record.name[:64]
            user._history_user = acting_user
            user.save(update_fields=["username", "name"])
            record.user = user
        if first:
            log_event("update", module=self.module, obj=record, user=acting_user,
                      changes={"status": ["等待审核", "已入驻"]}, message=f"用人单位入驻：{record.name}")
        return record


def _check(record, values):
    _check_unique(record, values)


reviews = EmployerReviews(Employer, module=MODULE, noun="用人单位资料", number=lambda r: r.name, related=("user",),
                          check=_check)


def _notify(employer, subject, body):
    from careers.core.messaging import send_message

    try:
        send_message(recipients=[employer.user], subject=subject, body=body, channels=("inbox", "email"),
                     link=reverse("company:home"), kind="review_result")
    except Exception:  # the review stands even if the notice can't be queued
        log.exception("could not notify employer %s", employer.pk)


def _integrity(func):
    try:
        return func()
    except IntegrityError:
        raise ValidationError("该单位名称或统一社会信用代码已被其他单位注册，无法通过。")


def approve(employer, *, acting_user):
    first = employer.admitted_at is None
    _integrity(lambda: reviews.approve(employer, acting_user=acting_user))
    if first:
        _notify(employer, "贵单位已通过学校审核入驻", f"“{employer.name}”已通过学校审核，状态为“已入驻”。")
    else:
        _notify(employer, "单位资料修改已通过审核", f"“{employer.name}”修改的单位资料已通过学校复审并公开显示。")
    return employer


def reject(employer, *, reason, acting_user):
    admitted = employer.admitted_at is not None
    reviews.reject(employer, reason=reason, acting_user=acting_user)
    what = "单位资料修改" if admitted else "入驻申请"
    _notify(employer, f"贵单位的{what}未通过审核", f"原因：{employer.review_note}。请在单位中心修改后重新提交。")
    return employer


def bulk_approve(employers, *, acting_user):
    """批量审核: every selected 等待审核/待复审 unit, or none (a failing one rolls all back)."""
    pending = {e.pk: e.admitted_at is None for e in employers if e.review_status == ReviewStatus.PENDING}
    count = _integrity(lambda: reviews.bulk_approve(employers, acting_user=acting_user))
    for employer in Employer.objects.filter(pk__in=pending).select_related("user"):
        if pending[employer.pk]:
            _notify(employer, "贵单位已通过学校审核入驻", f"“{employer.name}”已通过学校审核，状态为“已入驻”。")
        else:
            _notify(employer, "单位资料修改已通过审核", f"“{employer.name}”修改的单位资料已通过学校复审并公开显示。")
    return count


def set_active(employer, active, *, acting_user):
    """停用 / 启用 the unit's account (a disabled unit can't log in and isn't shown on the site)."""
    if not is_system(acting_user) and not (acting_user is not None
                                           and acting_user.has_permission("recruitment.employer.change")):
        raise PermissionDenied("您没有修改用人单位的权限。")
    with transaction.atomic():
        user = locked(employer.user_id, model=User)
        if user.is_active == active:
            return False
        user.is_active = active
        user._history_user = account(acting_user)
        user.save(update_fields=["is_active"])
        verb = "启用" if active else "停用"
        log_event("update", module=MODULE, obj=employer, user=acting_user,
                  changes={"is_active": [str(not active), str(active)]}, message=f"{verb}用人单位账号：{employer.name}")
    employer.user.is_active = active
    return True
