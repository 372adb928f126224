"""职位 state changes (manual 4.3): every write of a job post goes through one of these functions.

Employer side: `create_job`, `update_job`, `close_job`, `repost_job`. A new post is 待审核; an edit of a
post approved before waits in `pending_changes` (待复审) while the approved version stays public; an edit of a
never-approved (or refused) post is written directly and goes back to 待审核.

School side (permission + audit through core.review.ReviewActions): `reviews.approve / reject /
bulk_approve` and `bump` (刷新时间). Every approval sets `bumped_at` (the site orders by it); the first also
sets `first_approved_at`. `Job.save` rebuilds `search_text` from the approved fields.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from careers.core.history import log_event
from careers.core.review import ReviewActions, ReviewStatus, submit
from careers.core.transitions import lock_in_place

from .models import Job

MODULE = "recruitment"
DISCIPLINES = "disciplines"  # the M2M travels in pending_changes under this key (a sorted list of pks)


def _pks(disciplines):
    return sorted({getattr(d, "pk", d) for d in (disciplines or [])})


def _notify(job, subject, body):
    from careers.core.messaging import send_message

    try:
        send_message(recipients=[job.employer.user], subject=subject, body=body, link="/company/jobs/",
                     kind="review_result")
    except Exception:  # a message that can't be sent never undoes the review
        pass


# -- the employer's writes ---------------------------------------------------------------------------

def create_job(employer, values, disciplines=(), *, acting_user=None):
    """发布职位: a new post, 待审核. `values`: cleaned REVIEW_FIELDS values (instances for codes)."""
    with transaction.atomic():
        job = Job(employer=employer, review_status=ReviewStatus.PENDING, submitted_at=timezone.now())
        for name, value in values.items():
            setattr(job, name, value)
        job._history_user = acting_user
        job._change_reason = "发布职位"
        job.save()
        job.disciplines.set(_pks(disciplines))
        log_event("create", module=MODULE, obj=job, user=acting_user, message=f"{employer}发布职位“{job}”，待审核")
    return job


def update_job(job, values, disciplines=(), *, acting_user=None):
    """修改职位. Returns "re_review" (approved before: waits for 待复审), "pending" (written, 待审核) or "" (no change)."""
    with transaction.atomic():
        lock_in_place(job)
        new_disciplines = _pks(disciplines)
        old_disciplines = _pks(job.disciplines.values_list("pk", flat=True))
        if job.first_approved_at:
            before = dict(job.pending_changes or {})
            pending = submit(job, values)
            if new_disciplines != old_disciplines:
                pending = {**pending, DISCIPLINES: new_disciplines}
                job.pending_changes = pending
                job.review_status, job.review_note = ReviewStatus.PENDING, ""
                job.submitted_at = timezone.now()
            if not pending:
                if before:  # the employer took back a pending edit: nothing left to review
                    job.pending_changes, job.review_status = {}, ReviewStatus.APPROVED
                    job.save(update_fields=["pending_changes", "review_status", "updated_at"])
                    return "withdrawn"
                return ""
            job._history_user, job._change_reason = acting_user, "修改已审核职位，待复审"
            job.save()
            log_event("update", module=MODULE, obj=job, user=acting_user, changes={
                k: ["", str(v)] for k, v in pending.items()}, message=f"修改职位“{job}”，待复审")
            return "re_review"
        changed = {name: value for name, value in values.items()
                   if getattr(job, Job._meta.get_field(name).attname) != getattr(value, "pk", value)}
        if not changed and new_disciplines == old_disciplines and job.review_status == ReviewStatus.PENDING:
            return ""
        for name, value in values.items():
            setattr(job, name, value)
        job.review_status, job.review_note, job.pending_changes = ReviewStatus.PENDING, "", {}
        job.submitted_at = timezone.now()
        job._history_user, job._change_reason = acting_user, "修改职位，待审核"
        job.save()
        job.disciplines.set(new_disciplines)
        log_event("update", module=MODULE, obj=job, user=acting_user,
                  changes={k: ["", str(getattr(v, "pk", v))] for k, v in changed.items()},
                  message=f"修改职位“{job}”，待审核")
        return "pending"


def close_job(job, *, acting_user=None):
    """关闭: the post leaves the site at once (also a pending edit stays where it is)."""
    with transaction.atomic():
        lock_in_place(job)
        if job.closed_at:
            raise ValidationError("该职位已关闭。")
        job.closed_at = timezone.now()
        job._history_user, job._change_reason = acting_user, "关闭职位"
        job.save(update_fields=["closed_at", "updated_at"])
        log_event("update", module=MODULE, obj=job, user=acting_user, message=f"关闭职位“{job}”")
    return job


def validate_deadline(deadline, today=None):
    today = today or timezone.localdate()
    if deadline is None:
        raise ValidationError("请填写截止日期。")
    if deadline < today:
        raise ValidationError("截止日期不能早于今天。")
    if deadline > today + datetime.timedelta(days=366):
        raise ValidationError("截止日期最多为一年以内。")


def repost_job(job, *, deadline=None, acting_user=None):
    """重新发布: reopen a closed or expired post; a passed deadline needs a new one (not reviewed again:
    the content is the approved one)."""
    with transaction.atomic():
        lock_in_place(job)
        today = timezone.localdate()
        if not job.closed_at and job.deadline >= today:
            raise ValidationError("该职位正在发布中，无需重新发布。")
        changes = {}
        if job.deadline < today or deadline is not None:
            if deadline is None:
                raise ValidationError("原截止日期已过，请填写新的截止日期。")
            validate_deadline(deadline, today)
            changes["deadline"] = [str(job.deadline), str(deadline)]
            job.deadline = deadline
        if job.closed_at:
            changes["closed_at"] = [str(job.closed_at), ""]
            job.closed_at = None
        job._history_user, job._change_reason = acting_user, "重新发布职位"
        job.save(update_fields=["closed_at", "deadline", "updated_at"])
        log_event("update", module=MODULE, obj=job, user=acting_user, changes=changes,
                  message=f"重新发布职位“{job}”")
    return job


# -- the school's review ------------------------------------------------------------------------------

class JobReviewActions(ReviewActions):
    OUT_OF_SCOPE = "您没有审核职位的权限。"

    def require_all(self, pks, user, action, message="所选职位中有您无权操作或已不存在的记录，未处理任何记录。"):
        super().require_all(pks, user, action, "所选职位中有您无权操作或已不存在的记录，未处理任何记录。")

    def _approve(self, record, *, acting_user, adjustments=None):
        if not record.employer.is_admitted:
            raise ValidationError(f"{record}：用人单位“{record.employer}”尚未入驻，不能审核其职位。")
        disciplines = (record.pending_changes or {}).get(DISCIPLINES)
        now = timezone.now()
        first = record.first_approved_at is None
        record.first_approved_at = record.first_approved_at or now
        record.bumped_at = now
        super()._approve(record, acting_user=acting_user, adjustments=adjustments)
        if disciplines is not None:
            record.disciplines.set(disciplines)
        _notify(record, f"职位“{record.title}”已审核通过",
                "您发布的职位已通过学校审核，已在网站显示。" if first else "您对职位的修改已通过学校审核，网站已显示新内容。")
        return record

    def reject(self, record, *, reason, acting_user):
        record = super().reject(record, reason=reason, acting_user=acting_user)
        _notify(record, f"职位“{record.title}”未通过审核", f"审核意见：{record.review_note}")
        return record


reviews = JobReviewActions(Job, module=MODULE, noun="职位", number=lambda r: r.title, related=("employer__user",))


def bump(jobs, *, acting_user):
    """刷新时间: the selected approved posts move to the top of the site (all of them, or none)."""
    pks = {getattr(j, "pk", j) for j in jobs}
    if not pks:
        raise ValidationError("请先勾选要刷新时间的职位。")
    with transaction.atomic():
        reviews.require_all(pks, acting_user, "change")
        rows = list(Job.objects.select_for_update().filter(pk__in=pks).values_list("pk", "title", "first_approved_at"))
        if len(rows) != len(pks):
            raise PermissionDenied("所选职位中有已不存在的记录，未刷新任何职位。")
        never = [title for _, title, approved in rows if approved is None]
        if never:
            raise ValidationError(f"所选职位中有 {len(never)} 个尚未审核通过（如“{never[0]}”），未刷新任何职位。")
        now = timezone.now()
        count = Job.objects.filter(pk__in=pks).update(bumped_at=now)
        log_event("update", module=MODULE, user=acting_user, message=f"刷新时间：{count} 个职位",
                  changes={"bumped_at": ["", now.isoformat()], "jobs": ["", ",".join(str(p) for p in sorted(pks)[:200])]})
        return count
