"""Student portal (/me/): deliver a résumé to a job (投递简历) and 我的投递 (phone-first).

Only student accounts with their student record may deliver; an employer or admin who follows the
button gets a page saying so. A student sees only their own applications.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models.fields.json import KT
from django.shortcuts import get_object_or_404, redirect, render

from careers.accounts.portal_access import student_required
from careers.resumes.models import Resume

from ..jobs.models import Job
from .actions import CLOSED, DeliveryError, deliver, open_job
from .models import Application

NOT_STUDENT = "只有学生账号可以投递简历；用人单位和管理员账号不能投递。"
NO_STUDENT_ROW = "您的账号尚未关联学生信息，暂时不能投递简历，请联系学校就业部门。"
PER_PAGE = 20


# the delivery pages word the refusal their own way
delivery_page = student_required(not_student=NOT_STUDENT, no_record=NO_STUDENT_ROW)


def job_page(job):
    """The public job page when the jobs area provides one, else 我的投递."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("site:job_detail", args=[job.pk])
    except NoReverseMatch:
        return reverse("portal_recruitment:application_list")


@delivery_page
def application_deliver(request, student, job_pk):
    """GET: choose one of my résumés for this job; POST (CSRF): deliver it."""
    existing = Application.objects.filter(job_id=job_pk, student=student).select_related("job", "employer").first()
    job = open_job(job_pk)
    if existing is not None:
        messages.info(request, "您已投递过该职位，可在“我的投递”查看处理状态。")
        return redirect("portal_recruitment:application_list")
    if job is None:
        # A job that exists but is no longer open gets the reason; anything else is simply not there.
        get_object_or_404(Job.objects.of_admitted_employers().filter(first_approved_at__isnull=False), pk=job_pk)
        messages.error(request, CLOSED)
        return render(request, "recruitment/portal/application_closed.html", status=400)
    resumes = list(Resume.objects.filter(student=student).only("pk", "title", "job_type", "updated_at",
                                                                "visibility", "attachment"))
    if not resumes:
        messages.warning(request, "您还没有简历，请先创建一份简历再投递。")
        return redirect("portal_resumes:add")
    error = None
    if request.method == "POST":
        try:
            application = deliver(student, job.pk, request.POST.get("resume"), user=request.user)
        except DeliveryError as exc:
            if exc.code == "duplicate":
                messages.info(request, exc.message)
                return redirect("portal_recruitment:application_list")
            error = exc.message
        else:
            messages.success(request, f"已向“{job.employer.name}”投递简历“{application.snapshot['title']}”。")
            return redirect("portal_recruitment:application_list")
    return render(request, "recruitment/portal/application_deliver.html", {
        "job": job, "resumes": resumes, "error": error, "job_url": job_page(job),
        "chosen": request.POST.get("resume") or (str(resumes[0].pk) if len(resumes) == 1 else ""),
    }, status=400 if error else 200)


@delivery_page
def application_list(request, student):
    applications = (Application.objects.of_student(student)
                    .select_related("job", "employer").defer("snapshot", "job__description")
                    .annotate(resume_title=KT("snapshot__title"))
                    .order_by("-created_at", "-pk"))
    page = Paginator(applications, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "recruitment/portal/application_list.html", {"page": page})
