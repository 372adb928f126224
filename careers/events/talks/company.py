"""The employer portal's 宣讲会 (manual 4.5): an admitted unit applies (time, venue or a 待定 placeholder,
audience, its own published jobs, description, contact), edits or withdraws while 等待审核, and sees the
status and the school's reason. Not open before admission (`admitted_required`). Writes go through
talks/actions.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from careers.core.forms import add_action_errors
from careers.core.richtext import sanitize_html
from careers.recruitment.employers.access import admitted_required, own_object, own_objects

from . import actions
from .forms import TalkApplicationForm
from .models import Talk, TalkStatus

UNSAFE_NOTE = "宣讲内容中的脚本、事件属性等不安全内容已被自动移除。"


def own_talk(request, pk):
    return own_object(request, Talk.objects.select_related("venue"), pk=pk)


@admitted_required
def talk_list(request):
    talks = own_objects(request, Talk.objects.select_related("venue"))
    status = request.GET.get("status", "")
    if status in TalkStatus.values:
        talks = talks.filter(status=status)
    page = Paginator(talks.order_by("-starts_at", "-pk"), 20).get_page(request.GET.get("page"))
    return render(request, "events/talks/company/talk_list.html", {
        "page": page, "talks": page.object_list, "status": status, "statuses": TalkStatus.choices})


def _form_page(request, form, talk=None, status=200):
    return render(request, "events/talks/company/talk_form.html", {"form": form, "talk": talk}, status=status)


@admitted_required
def talk_apply(request):
    form = TalkApplicationForm(request.POST or None, employer=request.employer, initial={
        "contact_person": request.employer.contact_person, "contact_phone": request.employer.phone})
    if request.method == "POST" and form.is_valid():
        try:
            talk = actions.submit_talk(request.employer, form.values(), form.cleaned_data["jobs"],
                                       acting_user=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, f"宣讲会“{talk}”已提交，等待学校审核。")
            if form.unsafe_removed:
                messages.warning(request, UNSAFE_NOTE)
            return redirect("company_events:talk_detail", pk=talk.pk)
    return _form_page(request, form, status=400 if form.errors else 200)


@admitted_required
def talk_edit(request, pk):
    talk = own_talk(request, pk)
    if talk.status != TalkStatus.PENDING:
        messages.error(request, f"该宣讲会{talk.get_status_display()}，不能再修改。")
        return redirect("company_events:talk_detail", pk=talk.pk)
    form = TalkApplicationForm(request.POST or None, employer=request.employer,
                               initial=TalkApplicationForm.initial_of(talk))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_talk(talk, form.values(), form.cleaned_data["jobs"], acting_user=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            messages.success(request, "修改已保存，等待学校审核。")
            if form.unsafe_removed:
                messages.warning(request, UNSAFE_NOTE)
            return redirect("company_events:talk_detail", pk=talk.pk)
    return _form_page(request, form, talk, status=400 if form.errors else 200)


@admitted_required
def talk_detail(request, pk):
    talk = own_talk(request, pk)
    return render(request, "events/talks/company/talk_detail.html", {
        "talk": talk, "description": sanitize_html(talk.description), "jobs": list(talk.jobs.all()),
        "registration_count": talk.registrations.count()})


@require_POST
@admitted_required
def talk_withdraw(request, pk):
    talk = own_talk(request, pk)
    try:
        actions.withdraw_talk(talk, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"已撤回宣讲会申请“{talk}”。")
    return redirect("company_events:talk_detail", pk=talk.pk)
