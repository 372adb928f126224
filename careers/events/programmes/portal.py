"""学生中心 → 项目活动 (/me/programmes/, phone-sized): open programmes, 报名 (个人, or a team as its captain with
members by 学号), the entry page every member sees (status, review reason, members and their confirmation),
the captain's changes until reviewed (details, members, 提交报名, 撤回), and a member's 确认 / 拒绝.
Every POST is CSRF-protected and rate limited; the rules live in actions.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from careers.accounts.portal_access import audit_impersonated_write, student_required
from careers.core.forms import add_action_errors
from careers.core.ratelimit import hit
from careers.core.views.generic import error_text
from careers.studentfiles.storage import private_file_response

from ..participants.files import content_type_of
from . import actions
from .forms import EntryFieldsForm, MemberForm, parse_members
from .models import EntryStatus, MemberMode, Programme, ProgrammeEntry, ProgrammeEntryMember, ProgrammeState

RATE = {"limit": 30, "window": 60}
TOO_FAST = "操作过于频繁，请稍后再试。"


def _visible_programmes():
    return Programme.objects.filter(state__in=(ProgrammeState.PUBLISHED, ProgrammeState.CLOSED))


def _my_entry(student, programme):
    """The student's active entry of the programme (as captain or member), or None."""
    member = (ProgrammeEntryMember.objects.filter(programme=programme, student=student, active=True)
              .select_related("entry").first())
    return member.entry if member else None


@student_required
def programme_list(request, student):
    """Invitations waiting for me, my entries, then the programmes (open first)."""
    invitations = list(ProgrammeEntryMember.objects.filter(student=student, active=True, confirmed_at__isnull=True)
                       .select_related("entry__programme", "entry__captain"))
    mine = list(ProgrammeEntryMember.objects.filter(student=student)
                .filter(Q(active=True) | Q(entry__status=EntryStatus.WITHDRAWN) | Q(declined_at__isnull=False))
                .select_related("entry__programme", "entry__entry_type").order_by("-entry__created_at")[:20])
    # 已发布 ("published") before 已结束 ("closed"), the latest deadline first
    programmes = Paginator(_visible_programmes().prefetch_related("entry_types")
                           .order_by("-state", "-registration_closes_at", "-pk"), 20).get_page(request.GET.get("page"))
    return render(request, "events/programmes/portal/programme_list.html", {
        "invitations": invitations, "mine": mine, "page": programmes})


def _programme_or_404(pk):
    return get_object_or_404(_visible_programmes().prefetch_related("entry_types"), pk=pk)


@student_required
def programme_detail(request, student, pk):
    programme = _programme_or_404(pk)
    return render(request, "events/programmes/portal/programme_detail.html", {
        "programme": programme, "entry": _my_entry(student, programme), "closed_reason": programme.window_state()})


@student_required
def programme_file(request, student, pk):
    programme = _programme_or_404(pk)
    if not programme.attachment:
        raise Http404
    ext = programme.attachment.name.rsplit(".", 1)[-1]
    return private_file_response(programme.attachment, content_type_of(programme.attachment),
                                 filename=f"{programme.title}-附件.{ext}")


def _rate_ok(request, student):
    if hit(f"programme:{student.pk}", **RATE):
        return True
    messages.error(request, TOO_FAST)
    return False


@student_required
def register(request, student, pk):
    """报名: the entry form plus, for a team, its members one a line (学号 [姓名] [电话])."""
    programme = _programme_or_404(pk)
    existing = _my_entry(student, programme)
    if existing is not None:
        messages.info(request, "您已在本项目活动的报名中。")
        return redirect("portal_events:programme_entry", pk=existing.pk)
    closed = programme.window_state()
    if closed:
        messages.error(request, closed)
        return redirect("portal_events:programme_detail", pk=programme.pk)
    form = EntryFieldsForm(request.POST or None, request.FILES or None, programme=programme)
    members_text = request.POST.get("members", "")
    if request.method == "POST" and _rate_ok(request, student) and form.is_valid():
        try:
            entry = actions.register(programme, student, form.values(), members=parse_members(members_text),
                                     attachment=form.cleaned_data.get("attachment"), user=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            audit_impersonated_write(request, student, f"报名项目活动：{entry}")
            if entry.status == EntryStatus.PENDING:
                messages.success(request, "报名已提交，等待学校审核。")
            else:
                messages.success(request, "团队已创建。请等待成员在学生中心确认加入，全部确认后点击“提交报名”。")
            return redirect("portal_events:programme_entry", pk=entry.pk)
    return render(request, "events/programmes/portal/register.html", {
        "programme": programme, "form": form, "members_text": members_text,
        "details_mode": programme.member_mode == MemberMode.DETAILS}, status=400 if form.errors else 200)



def _entry_of(student, pk):
    """An entry the student is (or was) a member of; 404 for anyone else's."""
    entry = get_object_or_404(ProgrammeEntry.objects.select_related("programme", "entry_type", "captain"), pk=pk)
    if not ProgrammeEntryMember.objects.filter(entry=entry, student=student).exists():
        raise Http404
    return entry


@student_required
def entry_detail(request, student, pk):
    entry = _entry_of(student, pk)
    members = list(entry.members.select_related("student__major").order_by("-active", "-role", "pk"))
    me = next((m for m in members if m.student_id == student.pk and m.active), None)
    is_captain = entry.captain_id == student.pk
    editable = is_captain and entry.status in actions.EDITABLE and entry.programme.is_open
    return render(request, "events/programmes/portal/entry_detail.html", {
        "entry": entry, "programme": entry.programme, "members": members, "me": me, "is_captain": is_captain,
        "editable": editable, "can_withdraw": is_captain and entry.status in actions.EDITABLE,
        "can_submit": editable and entry.status in (EntryStatus.FORMING, EntryStatus.REJECTED),
        "member_form": MemberForm(programme=entry.programme) if editable and entry.programme.is_team else None,
        "closed_reason": entry.programme.window_state()})


@student_required
def entry_edit(request, student, pk):
    entry = _entry_of(student, pk)
    if entry.captain_id != student.pk or entry.status not in actions.EDITABLE:
        messages.error(request, f"该报名{entry.get_status_display()}，只有报名人（队长）在审核前可以修改。")
        return redirect("portal_events:programme_entry", pk=entry.pk)
    initial = {name: getattr(entry, name) for name in actions.FIELDS}
    form = EntryFieldsForm(request.POST or None, request.FILES or None, programme=entry.programme, initial=initial)
    if request.method == "POST" and _rate_ok(request, student) and form.is_valid():
        try:
            actions.update_entry(entry, student, form.values(), attachment=form.cleaned_data.get("attachment"))
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            audit_impersonated_write(request, student, f"修改项目活动报名：{entry}")
            messages.success(request, "报名信息已保存。")
            return redirect("portal_events:programme_entry", pk=entry.pk)
    return render(request, "events/programmes/portal/entry_edit.html", {
        "entry": entry, "programme": entry.programme, "form": form}, status=400 if form.errors else 200)


@student_required
def entry_file(request, student, pk):
    entry = _entry_of(student, pk)
    if not entry.attachment:
        raise Http404
    ext = entry.attachment.name.rsplit(".", 1)[-1]
    return private_file_response(entry.attachment, content_type_of(entry.attachment), filename=f"报名附件.{ext}")


def _post_action(request, student, entry, run, done, audit):
    """Run one student action from a POST; its refusal is shown on the entry page."""
    if _rate_ok(request, student):
        try:
            run()
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            audit_impersonated_write(request, student, audit)
            messages.success(request, done)
    return redirect("portal_events:programme_entry", pk=entry.pk)


@require_POST
@student_required
def member_add(request, student, pk):
    entry = _entry_of(student, pk)
    form = MemberForm(request.POST, programme=entry.programme)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect("portal_events:programme_entry", pk=entry.pk)
    data = form.cleaned_data
    number = data["student_number"].strip()
    return _post_action(request, student, entry,
                        lambda: actions.add_member(entry, student, number, name=data.get("name") or None,
                                                   phone=data.get("phone", "")),
                        f"已添加成员（学号 {number}）。" + (
                            "" if entry.programme.member_mode == MemberMode.DETAILS else "请提醒其在学生中心确认加入。"),
                        f"项目活动报名添加成员：{number}")


@require_POST
@student_required
def member_remove(request, student, pk):
    entry = _entry_of(student, pk)
    member = request.POST.get("member", "")
    return _post_action(request, student, entry,
                        lambda: actions.remove_member(entry, student, int(member) if member.isdecimal() else 0),
                        "已移除该成员。", "项目活动报名移除成员")


@require_POST
@student_required
def entry_submit(request, student, pk):
    entry = _entry_of(student, pk)
    return _post_action(request, student, entry, lambda: actions.submit_entry(entry, student),
                        "报名已提交，等待学校审核。", f"提交项目活动报名：{entry}")


@require_POST
@student_required
def entry_withdraw(request, student, pk):
    entry = _entry_of(student, pk)
    return _post_action(request, student, entry, lambda: actions.withdraw_entry(entry, student),
                        "报名已撤回，团队成员可以重新报名。", f"撤回项目活动报名：{entry}")


def _invitation(student, pk):
    return get_object_or_404(ProgrammeEntryMember.objects.select_related("entry"), pk=pk, student=student)


@require_POST
@student_required
def invitation_confirm(request, student, pk):
    member = _invitation(student, pk)
    return _post_action(request, student, member.entry, lambda: actions.confirm_membership(member, student),
                        "已确认加入团队。", f"确认加入团队：{member.entry}")


@require_POST
@student_required
def invitation_decline(request, student, pk):
    member = _invitation(student, pk)
    if not _rate_ok(request, student):
        return redirect("portal_events:programme_list")
    try:
        actions.decline_membership(member, student)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect("portal_events:programme_entry", pk=member.entry_id)
    audit_impersonated_write(request, student, f"拒绝加入团队：{member.entry}")
    messages.success(request, "已拒绝加入该团队。")
    return redirect("portal_events:programme_list")
