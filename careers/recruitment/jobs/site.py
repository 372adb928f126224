"""Public pages (no login): 职位搜索, 职位详情, 用人单位详情 — the approved version only, phone first."""

from django.http import QueryDict
from django.shortcuts import get_object_or_404, render

from careers.core.richtext import sanitize_html

from ..employers.models import Employer
from .models import Job
from .search import page_of, search_jobs


def job_list(request):
    form, jobs = search_jobs(request.GET)
    rows, page = page_of(jobs, request.GET.get("page"))
    params = QueryDict(mutable=True)
    params.update({k: v for k, v in request.GET.items() if k != "page" and v})
    return render(request, "recruitment/site/job_list.html", {
        "form": form, "jobs": rows, "page": page, "query": params.urlencode()})


def job_detail(request, pk):
    job = get_object_or_404(Job.objects.published().select_related(
        "employer__industry", "employer__nature", "employer__region", "region__parent__parent", "education"), pk=pk)
    return render(request, "recruitment/site/job_detail.html", {
        "job": job, "disciplines": list(job.disciplines.order_by("code").values_list("name", flat=True))})


def employer_detail(request, pk):
    employer = get_object_or_404(Employer.objects.admitted().select_related(
        "industry", "nature", "region__parent__parent"), pk=pk)
    jobs = list(Job.objects.published().filter(employer=employer).select_related("region__parent")
                .order_by("-bumped_at", "-pk")[:100])
    return render(request, "recruitment/site/employer_detail.html", {
        "employer": employer, "introduction": sanitize_html(employer.introduction), "jobs": jobs})
