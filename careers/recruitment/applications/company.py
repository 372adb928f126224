"""Employer portal (/company/): 收到的简历 (received applications) and 人才库 (résumé search).

Privacy, the one rule: a unit reads a résumé only
  * as the snapshot a student delivered to one of ITS jobs (`own_objects` / `own_object` of employers.access), or
  * when the student made it visible (`Resume.objects.visible_to_employers()`) AND the unit is admitted
    (`admitted_required`) — then without phone, e-mail or attachment; those come with a delivery.
Anything else is a 404, so a unit cannot even learn that a résumé exists.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models.fields.json import KT
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from careers.resumes.models import Resume
from careers.studentfiles.storage import private_file_response

from ..employers.access import admitted_required, employer_required, own_object, own_objects
from .actions import mark_viewed, move
from .filtersets import CompanyApplicationFilterSet, ResumeSearchFilterSet
from .models import Application
from .snapshot import attachment_file, build_snapshot, resumes_for_snapshot

PER_PAGE = 20


def received(request):
    return own_objects(request, Application.objects.all())


@employer_required
def application_list(request):
    queryset = (received(request).select_related("job").defer("snapshot", "job__description")
                .annotate(applicant=KT("snapshot__name"), applicant_major=KT("snapshot__major"),
                          applicant_education=KT("snapshot__education_level")))
    filterset = CompanyApplicationFilterSet(request.GET or None, queryset=queryset, request=request,
                                            employer=request.employer)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else (
        queryset.none() if filterset.is_bound else queryset)
    page = Paginator(rows.order_by("-created_at", "-pk"), PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "recruitment/company/application_list.html", {"page": page, "filterset": filterset})


def own_application(request, pk):
    return own_object(request, Application.objects.select_related("job", "student"), pk=pk)


@employer_required
def application_detail(request, pk):
    application = own_application(request, pk)
    mark_viewed(application, user=request.user)
    history = (application.history.only("history_date", "status", "employer_note", "history_change_reason")
               .order_by("history_date", "history_id"))
    timeline, last = [], None
    for row in history:
        if row.status != last or (row.status == Application.Status.INTERVIEW and row.employer_note):
            timeline.append(row)
        last = row.status
    return render(request, "recruitment/company/application_detail.html", {
        "application": application, "resume": application.snapshot, "timeline": timeline,
        "has_attachment": attachment_file(application) is not None, "statuses": Application.Status})


@require_POST
@employer_required
def application_move(request, pk):
    application = own_application(request, pk)
    status, note = request.POST.get("status", ""), request.POST.get("note", "")
    try:
        application = move(application, status, note, user=request.user)
    except ValidationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"已将“{application.snapshot.get('name', '')}”的投递标记为"
                                  f"“{application.get_status_display()}”，并通知了学生。")
    return redirect("company:application_detail", pk=pk)


@employer_required
def application_attachment(request, pk):
    """The delivered PDF: only for the unit that received it (own_application is a 404 for anyone else)."""
    application = own_application(request, pk)
    name = application.snapshot.get("name") or "简历"
    return private_file_response(attachment_file(application), "application/pdf", filename=f"{name}-简历.pdf",
                                 attachment=True)


def talent_pool():
    return Resume.objects.visible_to_employers()


@admitted_required
def resume_search(request):
    queryset = (talent_pool().select_related("student__major__education_level", "expected_industry")
                .only("pk", "title", "job_type", "expected_position", "skills", "salary_min", "salary_max",
                      "updated_at", "student__name", "student__graduation_year", "student__major__name",
                      "student__major__education_level__name", "expected_industry__name")
                .order_by("-updated_at", "-pk"))
    filterset = ResumeSearchFilterSet(request.GET or None, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_bound and filterset.is_valid() else (
        queryset.none() if filterset.is_bound else queryset)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "recruitment/company/resume_search.html", {"page": page, "filterset": filterset})


@admitted_required
def resume_detail(request, pk):
    resume = get_object_or_404(resumes_for_snapshot(talent_pool()), pk=pk)
    return render(request, "recruitment/company/resume_detail.html", {"resume": build_snapshot(resume, contact=False)})
