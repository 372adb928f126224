"""The employer portal's 职位管理: list, 发布, 修改, detail, 关闭, 重新发布 (manual 4.3).

Employers may post before the school admits the unit; nothing shows on the site until the unit is
admitted AND the post approved. Every write goes through jobs/actions.py.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from careers.core.review import pending_diff

from ..employers.access import employer_required, own_object, own_objects
from . import actions
from .forms import JobForm, RepostForm
from .models import Job, JobStatus

UNSAFE_NOTE = "职位描述中的脚本、事件属性等不安全内容已被自动移除，未保存。"


def own_job(request, pk):
    return own_object(request, Job.objects.select_related("region__parent", "education", "employer"), pk=pk)


@employer_required
def job_list(request):
    jobs = own_objects(request, Job.objects.select_related("region__parent"))
    status = request.GET.get("status", "")
    if status in JobStatus.values:
        jobs = jobs.with_status(status)
    page = Paginator(jobs.order_by("-created_at", "-pk"), 20).get_page(request.GET.get("page"))
    return render(request, "recruitment/company/job_list.html", {
        "page": page, "jobs": page.object_list, "status": status, "statuses": JobStatus.choices})


def _form_page(request, form, job=None):
    return render(request, "recruitment/company/job_form.html", {"form": form, "job": job})


def _saved_messages(request, form, text):
    messages.success(request, text)
    if form.unsafe_removed:
        messages.warning(request, UNSAFE_NOTE)


@employer_required
def job_add(request):
    form = JobForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        job = actions.create_job(request.employer, form.values(), form.chosen_disciplines(), acting_user=request.user)
        note = "" if request.employer.is_admitted else "贵单位通过入驻审核后，职位经学校审核才会在网站显示。"
        _saved_messages(request, form, f"职位“{job}”已提交，等待学校审核。{note}")
        return redirect("company:job_detail", pk=job.pk)
    return _form_page(request, form)


@employer_required
def job_edit(request, pk):
    job = own_job(request, pk)
    form = JobForm(request.POST or None, job=job)
    if request.method == "POST" and form.is_valid():
        outcome = actions.update_job(job, form.values(), form.chosen_disciplines(), acting_user=request.user)
        text = {"re_review": "修改已提交，等待学校复审；复审通过前网站继续显示已审核的内容。",
                "pending": "职位已修改，等待学校审核。",
                "withdrawn": "内容与已审核的版本相同，已撤回待复审的修改。",
                "": "内容没有变化，未提交。"}[outcome]
        _saved_messages(request, form, text)
        return redirect("company:job_detail", pk=job.pk)
    return _form_page(request, form, job)


@employer_required
def job_detail(request, pk):
    job = own_job(request, pk)
    return render(request, "recruitment/company/job_detail.html", {
        "job": job, "diff": pending_diff(job) if job.pending_changes else [],
        "disciplines": list(job.disciplines.order_by("code").values_list("name", flat=True)),
        "repost_form": RepostForm(), "today": timezone.localdate(), "is_public": Job.objects.published().filter(pk=job.pk).exists()})


@require_POST
@employer_required
def job_close(request, pk):
    job = own_job(request, pk)
    try:
        actions.close_job(job, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        messages.success(request, f"职位“{job}”已关闭，网站不再显示。")
    return redirect("company:job_detail", pk=job.pk)


@require_POST
@employer_required
def job_repost(request, pk):
    job = own_job(request, pk)
    form = RepostForm(request.POST)
    if form.is_valid():
        try:
            actions.repost_job(job, deadline=form.cleaned_data["deadline"], acting_user=request.user)
        except ValidationError as exc:
            messages.error(request, "重新发布失败：" + "；".join(exc.messages))
        else:
            messages.success(request, f"职位“{job}”已重新发布。")
    else:
        messages.error(request, "重新发布失败：" + "；".join(e for errs in form.errors.values() for e in errs))
    return redirect("company:job_detail", pk=job.pk)

