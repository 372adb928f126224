"""参会单位 state changes by the school (manual 4.6.2): 确认 / 不通过 (single and bulk, all or nothing),
参会设置 of one unit, 不显示 / 显示 of its fair jobs. Each runs in one transaction under row locks and writes
the operation log; the units are told through the messaging interface.

    pending   ──confirm──▶ confirmed          (also rejected → confirmed: the school changed its mind)
    pending / confirmed ──reject(reason)──▶ rejected   (its booths are released)
    withdrawn: final (the unit withdrew), neither move is allowed
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from careers.core.history import log_event

from ..fairs import fees
from ..models import Booth, Fair, ParticipantJob, Participation, ParticipationStatus
from . import booths

MODULE = "recruitment"
S = ParticipationStatus
COMPANY_LINK = "/company/"


def _names(units, limit=5):
    names = "、".join(f"“{u.employer.name}”" for u in units[:limit])
    return names + (f"等 {len(units)} 家" if len(units) > limit else "")


def _lock(pks, acting_user, action):
    """The selected participations, locked, in scope for `action`; all of them or PermissionDenied."""
    pks = {getattr(p, "pk", p) for p in pks}
    if not pks:
        raise ValidationError("请先勾选要操作的参会单位。")
    allowed = Participation.objects.restrict(acting_user, action).filter(pk__in=pks)
    if allowed.count() != len(pks):
        raise PermissionDenied("所选单位中有您无权操作或已不存在的记录，未处理任何单位。")
    return list(Participation.objects.select_for_update(of=("self",)).filter(pk__in=pks)
                .select_related("employer__user", "fair").order_by("pk"))


def _notify(units, subject, body):
    from careers.core.messaging import send_message

    for unit in units:
        try:
            send_message(recipients=[unit.employer.user], subject=subject.format(fair=unit.fair.title),
                         body=body, link=COMPANY_LINK, kind="review_result")
        except Exception:  # a message that can't be sent never undoes the decision
            pass


def confirm(participations, *, acting_user):
    """确认参会: every selected unit becomes 已确认, or none (withdrawn units or a full fair refuse)."""
    with transaction.atomic():
        units = _lock(participations, acting_user, "review")
        withdrawn = [u for u in units if u.status == S.WITHDRAWN]
        if withdrawn:
            raise ValidationError(f"{_names(withdrawn)}已撤回申请，不能确认；未确认任何单位。")
        todo = [u for u in units if u.status != S.CONFIRMED]
        for fair in {u.fair for u in todo}:
            if fair.max_units:
                confirmed = Participation.objects.filter(fair=fair, status=S.CONFIRMED).count()
                adding = sum(1 for u in todo if u.fair_id == fair.pk)
                if confirmed + adding > fair.max_units:
                    raise ValidationError(
                        f"招聘会“{fair.title}”最多 {fair.max_units} 家单位，已确认 {confirmed} 家，"
                        f"本次再确认 {adding} 家将超出上限；未确认任何单位。")
        now = timezone.now()
        for unit in todo:
            old = unit.status
            unit.status, unit.review_note, unit.reviewed_at, unit.reviewed_by = S.CONFIRMED, "", now, acting_user
            unit._history_user, unit._change_reason = acting_user, "确认参会"
            unit.save(update_fields=["status", "review_note", "reviewed_at", "reviewed_by", "updated_at"])
            log_event("update", module=MODULE, obj=unit, user=acting_user, changes={"status": [old, S.CONFIRMED]},
                      message=f"确认参会：{unit.employer.name} @ {unit.fair.title}")
        transaction.on_commit(lambda: _notify(todo, "招聘会“{fair}”参会申请已确认",
                                              "贵单位的参会申请已通过学校确认，展位号分配后将在参会页面显示。"))
    return len(todo), len(units) - len(todo)


def reject(participations, *, reason, acting_user):
    """不通过 (with the reason the unit sees): all selected units, or none. Their booths are released."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("请填写不通过的原因，参会单位将看到该原因。")
    if len(reason) > 200:
        raise ValidationError("不通过的原因最多 200 字。")
    with transaction.atomic():
        units = _lock(participations, acting_user, "review")
        withdrawn = [u for u in units if u.status == S.WITHDRAWN]
        if withdrawn:
            raise ValidationError(f"{_names(withdrawn)}已撤回申请，无需审核；未处理任何单位。")
        now = timezone.now()
        Booth.objects.filter(participation__in=units).delete()
        for unit in units:
            old = unit.status
            unit.status, unit.review_note, unit.reviewed_at, unit.reviewed_by = S.REJECTED, reason, now, acting_user
            unit._history_user, unit._change_reason = acting_user, "参会申请不通过"
            unit.save(update_fields=["status", "review_note", "reviewed_at", "reviewed_by", "updated_at"])
            log_event("update", module=MODULE, obj=unit, user=acting_user, changes={"status": [old, S.REJECTED]},
                      message=f"参会申请不通过：{unit.employer.name} @ {unit.fair.title}，原因：{reason}")
        transaction.on_commit(lambda: _notify(units, "招聘会“{fair}”参会申请未通过", f"审核意见：{reason}"))
    return len(units)


def update_settings(participation, *, booth_codes, booths_requested, checked_in, acting_user):
    """参会设置 of one unit: its booth codes, its booth count, 单位签到. Returns the list of what changed."""
    with transaction.atomic():
        # booth codes of a fair change one writer at a time: the fair first, then the unit (the order
        # booths.allocate locks them in, so the two never deadlock)
        fair_id = Participation.objects.filter(pk=getattr(participation, "pk", participation)).values_list(
            "fair_id", flat=True).first()
        fair = Fair.objects.select_for_update().filter(pk=fair_id).first()
        unit = _lock([participation], acting_user, "change")[0]
        changed = []
        if not 1 <= booths_requested <= (fair.booths_per_unit or 1):
            raise ValidationError(f"展位数：应在 1–{fair.booths_per_unit} 之间（本招聘会每单位最多 "
                                  f"{fair.booths_per_unit} 个展位）。")
        if len(booth_codes) > booths_requested:
            raise ValidationError(f"展位号：填写了 {len(booth_codes)} 个，超过展位数 {booths_requested}。")
        if checked_in and unit.status != S.CONFIRMED and not unit.checked_in_at:
            raise ValidationError("单位签到：该单位尚未确认参会，不能签到。")
        if booths_requested != unit.booths_requested:
            old = unit.booths_requested
            unit.booths_requested = booths_requested
            unit.amount_due = fees.amount_due(fair, booths_requested, len(unit.attendees or ()))
            changed.append(f"展位数 {old} → {booths_requested}")
        if bool(unit.checked_in_at) != bool(checked_in):
            unit.checked_in_at = timezone.now() if checked_in else None
            changed.append("单位已签到" if checked_in else "取消单位签到")
        if changed:
            unit._history_user, unit._change_reason = acting_user, "参会设置"
            unit.save(update_fields=["booths_requested", "amount_due", "checked_in_at", "updated_at"])
            log_event("update", module=MODULE, obj=unit, user=acting_user, message="参会设置：" + "，".join(changed))
        if booths.set_codes(unit, booth_codes, acting_user=acting_user):
            changed.append("展位号 " + ("、".join(booth_codes) or "（清空）"))
    return changed


def set_jobs_hidden(jobs, hidden, *, acting_user):
    """不显示 / 显示 the selected fair jobs (all of them or none). Returns how many changed."""
    pks = {getattr(j, "pk", j) for j in jobs}
    if not pks:
        raise ValidationError("请先勾选要设置的职位。")
    with transaction.atomic():
        allowed = ParticipantJob.objects.restrict(acting_user, "change").filter(pk__in=pks)
        if allowed.count() != len(pks):
            raise PermissionDenied("所选职位中有您无权操作或已不存在的记录，未修改任何职位。")
        rows = list(ParticipantJob.objects.select_for_update().filter(pk__in=pks).values_list("pk", "hidden"))
        todo = sorted(pk for pk, was in rows if was != hidden)
        count = ParticipantJob.objects.filter(pk__in=todo).update(hidden=hidden)
        log_event("update", module=MODULE, user=acting_user,
                  message=f"招聘会职位{'不显示' if hidden else '显示'}：{count} 个",
                  changes={"hidden": [str(not hidden), str(hidden)], "participant_jobs": ["", ",".join(map(str, todo))]})
    return count
