"""项目活动 writes (manual 3.3): every change of an entry or its members goes through one of these functions.

Student side (the captain, or a member for their own row): `register` (个人 → 待审核 at once; 团队 → 组队中, or
待审核 at once when the programme lets the captain enter the members' details), `update_entry`, `add_member`,
`remove_member`, `confirm_membership` / `decline_membership`, `submit_entry`, `withdraw_entry`.
School side: `approve_entry`, `reject_entry` (reason shown to every member), `bulk_review`.

Each runs in one transaction, locks the entry row (so two captains' or members' changes to one team are applied
one after the other and the team size is checked against what is really there), writes the operation log and
history rows. The rule "a student in at most one team per programme" is a partial unique index
(`programme_one_entry_per_student`): the checks below give the message, the index settles concurrent joins —
the loser's IntegrityError becomes the same Chinese message, and nothing of its change is written.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from careers.core.history import log_event
from careers.core.scoping import account
from careers.core.transitions import locked, transition

from .models import (
    AdvisorRule,
    EntryStatus,
    MemberMode,
    MemberRole,
    Programme,
    ProgrammeEntry,
    ProgrammeEntryMember,
)

MODULE = "services"
EDITABLE = (EntryStatus.FORMING, EntryStatus.PENDING, EntryStatus.REJECTED)  # 队长 edits until reviewed
FIELDS = ("entry_type", "team_name", "advisor_name", "advisor_contact", "note")


def _student_model():
    from careers.students.models import Student

    return Student


def _open_or_refuse(programme):
    reason = programme.window_state()
    if reason:
        raise ValidationError(reason)


def _taken_message(student):
    return f"学生{student.name}（学号 {student.student_number}）已在本项目活动的其他报名或团队中，一名学生在同一项目中只能参加一个团队。"


def _insert_member(entry, student, *, role, phone="", confirmed=False):
    """A member row under a savepoint: the unique index refuses a student already in an active entry."""
    if ProgrammeEntryMember.objects.filter(programme=entry.programme_id, student=student, active=True).exists():
        raise ValidationError(_taken_message(student))
    try:
        with transaction.atomic():
            return ProgrammeEntryMember.objects.create(
                entry=entry, programme_id=entry.programme_id, student=student, role=role, phone=phone,
                confirmed_at=timezone.now() if confirmed else None)
    except IntegrityError:  # a concurrent join of the same student won
        raise ValidationError(_taken_message(student))


def find_student(student_number, name=None, *, needs_account=False):
    """The student with this 学号 (and this 姓名 when given); a Chinese refusal naming the 学号 otherwise.
    `needs_account`: the member confirms in the 学生中心, so they must be able to log in."""
    number = (student_number or "").strip()
    if not number:
        raise ValidationError("请填写成员学号。")
    student = _student_model().objects.filter(student_number=number).select_related("user").first()
    if student is None:
        raise ValidationError(f"学号 {number} 不存在，请核对后再添加。")
    if not student.is_active:
        raise ValidationError(f"学号 {number} 的学生已不在读，不能参加项目活动。")
    if name is not None and name.strip() != student.name:
        raise ValidationError(f"学号 {number} 与姓名“{name.strip()}”不符，请核对。")
    if needs_account and student.user_id is None:
        raise ValidationError(f"学号 {number} 的学生还没有学生中心账号，无法确认加入，请联系学院开通账号。")
    return student


def _check_values(programme, values, attachment_given):
    errors = {}
    entry_type = values.get("entry_type")
    allowed = list(programme.entry_types.all())
    if allowed and entry_type is None:
        errors["entry_type"] = "请选择报名类型。"
    elif entry_type is not None and entry_type not in allowed:
        errors["entry_type"] = f"报名类型“{entry_type}”不属于本项目活动可选的类型。"
    if programme.is_team and not (values.get("team_name") or "").strip():
        errors["team_name"] = "团队报名请填写团队名称。"
    if programme.advisor_rule == AdvisorRule.REQUIRED and not (values.get("advisor_name") or "").strip():
        errors["advisor_name"] = "本项目活动要求填写指导教师。"
    if programme.attachment_required and not attachment_given:
        errors["attachment"] = "本项目活动要求上传报名附件。"
    if errors:
        raise ValidationError(errors)


def _active_members(entry):
    return ProgrammeEntryMember.objects.filter(entry=entry, active=True)


def _check_size(entry, *, submitting):
    programme = entry.programme
    members = list(_active_members(entry).select_related("student"))
    count = len(members)
    if count > programme.max_members:
        raise ValidationError(f"团队人数（{count} 人，含队长）超过了本项目活动的上限 {programme.max_members} 人。")
    if submitting:
        if count < programme.min_members:
            raise ValidationError(f"团队人数（{count} 人，含队长）少于本项目活动要求的 {programme.min_members} 人，请先添加成员。")
        waiting = [m.student.name for m in members if not m.confirmed_at]
        if waiting:
            raise ValidationError(f"还有成员未确认加入：{'、'.join(waiting)}。全部成员确认后才能提交报名。")


def _log(entry, message, user, changes=None, action="update"):
    log_event(action, module=MODULE, obj=entry, user=account(user), message=message, changes=changes or {})


def _save(entry, user, reason):
    entry._history_user = account(user)
    entry._change_reason = reason
    entry.save()


def register(programme, captain, values, *, members=(), attachment=None, user=None):
    """A new entry by `captain`. `values`: FIELDS; `members`: [(学号, 姓名 or None, phone)] besides the captain;
    `attachment`: a ContentFile already checked (files.clean_document). Returns the entry."""
    user = user or captain.user
    with transaction.atomic():
        programme = Programme.objects.get(pk=programme.pk)  # its state now (the index settles races)
        _open_or_refuse(programme)
        _check_values(programme, values, attachment is not None)
        if not programme.is_team and members:
            raise ValidationError("本项目活动为个人报名，不能添加团队成员。")
        if programme.is_team and 1 + len(members) > programme.max_members:
            raise ValidationError(f"团队人数（{1 + len(members)} 人，含队长）超过了本项目活动的上限 {programme.max_members} 人。")
        entry = ProgrammeEntry(programme=programme, captain=captain,
                               **{name: values.get(name) or ("" if name != "entry_type" else None)
                                  for name in FIELDS})
        if not programme.is_team:
            entry.team_name = ""
        _save(entry, user, "报名项目活动")
        _insert_member(entry, captain, role=MemberRole.CAPTAIN, phone=captain.phone, confirmed=True)
        details = programme.member_mode == MemberMode.DETAILS
        seen = {captain.student_number}
        for number, name, phone in members:
            student = find_student(number, name if details else None, needs_account=not details)
            if student.student_number in seen:
                raise ValidationError(f"学号 {student.student_number} 重复填写。")
            seen.add(student.student_number)
            _insert_member(entry, student, role=MemberRole.MEMBER, phone=phone or "", confirmed=details)
        _log(entry, f"报名项目活动：{entry}", user, action="create")
        if not programme.is_team or details:
            _submit(entry, user)
        if attachment is not None:  # written last: a refused registration leaves no file behind
            entry.attachment.save(attachment.name, attachment, save=False)
            entry.save(update_fields=["attachment"])
    if programme.is_team and not details:
        _notify_invited(entry)
    return entry


def _submit(entry, user):
    _check_size(entry, submitting=True)
    before = entry.status
    entry.status = EntryStatus.PENDING
    entry.submitted_at = timezone.now()
    entry.review_note = ""
    _save(entry, user, "提交报名")
    _log(entry, f"提交报名：{entry}", user, {"status": [before, EntryStatus.PENDING]})


def _own_entry(entry, student, doing):
    """The entry locked, when `student` is its captain and it may still change."""
    current = locked(entry, "programme", "captain")
    if current.captain_id != student.pk:
        raise ValidationError(f"只有报名人（队长）可以{doing}。")
    if current.status not in EDITABLE:
        raise ValidationError(f"该报名{current.get_status_display()}，不能{doing}。")
    return current


def _members_changed(entry, user):
    """A change of members sends a submitted entry back to 组队中 (the team must be submitted again)."""
    if entry.status in (EntryStatus.PENDING, EntryStatus.REJECTED) and entry.programme.is_team:
        entry.status = EntryStatus.FORMING
        _save(entry, user, "团队成员变更")


def update_entry(entry, student, values, *, attachment=None):
    """The captain changes the entry's details (type, team name, advisor, note, attachment) until reviewed."""
    with transaction.atomic():
        current = _own_entry(entry, student, "修改报名")
        _open_or_refuse(current.programme)
        _check_values(current.programme, values, attachment is not None or bool(current.attachment))
        changes = {}
        for name in FIELDS:
            new = values.get(name) if name == "entry_type" else (values.get(name) or "")
            if name == "team_name" and not current.programme.is_team:
                new = ""
            old = getattr(current, name)
            if old != new:
                changes[name] = [str(old or ""), str(new or "")]
                setattr(current, name, new)
        if attachment is not None:
            current.attachment.save(attachment.name, attachment, save=False)
            changes["attachment"] = ["", "已上传"]
        _save(current, student.user, "修改报名")
        _log(current, f"修改报名：{current}", student.user, changes)
    return current


def add_member(entry, captain, student_number, *, name=None, phone=""):
    with transaction.atomic():
        current = _own_entry(entry, captain, "添加成员")
        programme = current.programme
        _open_or_refuse(programme)
        if not programme.is_team:
            raise ValidationError("本项目活动为个人报名，不能添加团队成员。")
        details = programme.member_mode == MemberMode.DETAILS
        student = find_student(student_number, name if details else (name or None), needs_account=not details)
        if _active_members(current).count() + 1 > programme.max_members:
            raise ValidationError(f"团队已有 {programme.max_members} 人（含队长），达到本项目活动的上限，不能再添加成员。")
        member = _insert_member(current, student, role=MemberRole.MEMBER, phone=phone or "", confirmed=details)
        _members_changed(current, captain.user)
        _log(current, f"添加团队成员：{student.name}（{student.student_number}）", captain.user)
    if not details:
        _notify_invited(current, only=[member])
    return member


def remove_member(entry, captain, member_pk):
    with transaction.atomic():
        current = _own_entry(entry, captain, "移除成员")
        member = _active_members(current).select_related("student").filter(pk=member_pk).first()
        if member is None:
            raise ValidationError("该成员已不在团队中。")
        if member.role == MemberRole.CAPTAIN:
            raise ValidationError("不能移除队长；如不再参加，请撤回报名。")
        member.active = False
        member._history_user = captain.user
        member.save()
        _members_changed(current, captain.user)
        _log(current, f"移除团队成员：{member.student.name}（{member.student.student_number}）", captain.user)
    return current


def _own_membership(member, student):
    if member.student_id != student.pk:
        raise ValidationError("只能确认本人的团队邀请。")
    entry = locked(member.entry_id, "programme", model=ProgrammeEntry)
    current = ProgrammeEntryMember.objects.select_for_update().get(pk=member.pk)
    if not current.active:
        raise ValidationError("该邀请已失效（已拒绝、被移出或报名已撤回）。")
    return entry, current


def confirm_membership(member, student):
    with transaction.atomic():
        entry, current = _own_membership(member, student)
        _open_or_refuse(entry.programme)
        if current.confirmed_at:
            return current  # already confirmed: a repeated click
        current.confirmed_at = timezone.now()
        current._history_user = student.user
        current.save()
        _log(entry, f"确认加入团队：{student.name}（{student.student_number}）", student.user)
    return current


def decline_membership(member, student):
    with transaction.atomic():
        entry, current = _own_membership(member, student)
        if current.role == MemberRole.CAPTAIN:
            raise ValidationError("队长不能拒绝，如不再参加请撤回报名。")
        if entry.status == EntryStatus.APPROVED:
            raise ValidationError("该报名已审核通过，不能再退出；如需变更请联系学校。")
        current.active = False
        current.declined_at = timezone.now()
        current._history_user = student.user
        current.save()
        _members_changed(entry, student.user)
        _log(entry, f"拒绝加入团队：{student.name}（{student.student_number}）", student.user)
    return current


def submit_entry(entry, captain):
    with transaction.atomic():
        current = _own_entry(entry, captain, "提交报名")
        _open_or_refuse(current.programme)
        if current.status == EntryStatus.PENDING:
            return current
        _check_values(current.programme, {name: getattr(current, name) for name in FIELDS},
                      bool(current.attachment))
        _submit(current, captain.user)
    return current


def withdraw_entry(entry, captain):
    """已撤回: every member is free to join another team of the programme."""
    with transaction.atomic():
        current = _own_entry(entry, captain, "撤回报名")
        current.status = EntryStatus.WITHDRAWN
        _save(current, captain.user, "撤回报名")
        for member in _active_members(current):  # one by one: each gets its history row
            member.active = False
            member._history_user = account(captain.user)
            member.save()
        _log(current, f"撤回报名：{current}", captain.user, {"status": ["", EntryStatus.WITHDRAWN]})
    return current


# -- review (同意 / 不同意（原因）) -------------------------------------------------------------------

def approve_entry(entry, *, acting_user):
    def apply(current):
        current.reviewed_at, current.reviewed_by, current.review_note = timezone.now(), account(acting_user), ""

    result = transition(entry, to=EntryStatus.APPROVED, allowed_from=(EntryStatus.PENDING,), verb="审核同意",
                        user=acting_user, module=MODULE, action="review", apply=apply, related=("programme", "captain"),
                        message=lambda e: f"项目活动报名审核同意：{e}")
    if result.changed:
        _notify_team(result.obj, "项目活动报名已通过", f"您参加的“{result.obj}”报名已审核通过。")
    return result


def reject_entry(entry, *, reason, acting_user):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "请填写不同意的原因，学生将看到该原因。"})

    def apply(current):
        current.reviewed_at, current.reviewed_by, current.review_note = timezone.now(), account(acting_user), reason

    result = transition(entry, to=EntryStatus.REJECTED, allowed_from=(EntryStatus.PENDING,), verb="审核不同意",
                        user=acting_user, module=MODULE, action="review", apply=apply, related=("programme", "captain"),
                        message=lambda e: f"项目活动报名审核不同意：{e}（{reason}）", repeat_is_done=False)
    _notify_team(result.obj, "项目活动报名未通过", f"您参加的“{result.obj}”报名未通过审核：{reason}")
    return result


def bulk_review(entries, *, approve, reason="", acting_user):
    """同意 / 不同意 for checked rows: all of them or none (one transaction; the first refusal names its row)."""
    with transaction.atomic():
        for entry in entries:
            if approve:
                approve_entry(entry, acting_user=acting_user)
            else:
                reject_entry(entry, reason=reason, acting_user=acting_user)
    return len(entries)


# -- messages --------------------------------------------------------------------------------------

def _send(users, subject, body):
    from careers.core.messaging import send_message

    users = [u for u in users if u is not None]
    if not users:
        return
    try:
        with transaction.atomic():  # a savepoint: a failed send never undoes the change
            send_message(recipients=users, subject=subject, body=body, link="/me/programmes/")
    except Exception:  # noqa: BLE001
        pass


def _notify_team(entry, subject, body):
    users = [m.student.user for m in _active_members(entry).select_related("student__user")]
    _send(users, subject, body)


def _notify_invited(entry, only=None):
    members = only if only is not None else [m for m in _active_members(entry).select_related("student__user")
                                              if not m.confirmed_at]
    captain = entry.captain
    _send([m.student.user for m in members], "项目活动组队邀请",
          f"{captain.name}（{captain.student_number}）邀请您加入“{entry}”团队，请在学生中心“项目活动”确认或拒绝。")


