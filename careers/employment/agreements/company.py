"""The employer portal's 网上签约 (/company/agreements/): an admitted unit sees the agreements students sent it,
confirms its part (经办人, the terms as filled) or returns them with a reason. Only its own agreements
(`own_object`: anyone else's is a 404). Writes go through agreements/signing.py."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from careers.core.views.generic import error_text
from careers.recruitment.employers.access import admitted_required, own_object, own_objects

from . import signing
from .forms import DeclineForm, EmployerConfirmForm
from .models import OnlineAgreement, SigningStatus
from .printing import signing_pdf_response, signing_steps, signing_term_rows

RELATED = ("student__major__college", "student__major__education_level", "student__ethnicity",
           "student__political_status", "student__origin_region__parent__parent", "employer__region", "work_region",
           "number", "approved_by")
# a unit sees an agreement once the student has sent it (never the student's drafts)
VISIBLE = OnlineAgreement.objects.exclude(submitted_at__isnull=True)


def own_agreement(request, pk):
    return own_object(request, VISIBLE.select_related(*RELATED), pk=pk)


@admitted_required
def signing_list(request):
    rows = own_objects(request, VISIBLE.select_related("student__major__college", "number"))
    status = request.GET.get("status", "")
    if status in SigningStatus.values:
        rows = rows.filter(status=status)
    page = Paginator(rows.order_by("-submitted_at", "-pk"), 20).get_page(request.GET.get("page"))
    return render(request, "employment/agreements/company/signing_list.html", {
        "page": page, "agreements": page.object_list, "status": status,
        "statuses": [c for c in SigningStatus.choices if c[0] != SigningStatus.DRAFT]})


def _detail(request, agreement, confirm_form=None, decline_form=None, status=200):
    employer = request.employer
    return render(request, "employment/agreements/company/signing_detail.html", {
        "agreement": agreement, "terms": signing_term_rows(agreement), "steps": signing_steps(agreement),
        "history": agreement.history.select_related("history_user").order_by("history_date")[:50],
        "confirm_form": confirm_form or EmployerConfirmForm(prefix="confirm", initial={
            "contact": employer.contact_person, "phone": employer.phone}),
        "decline_form": decline_form or DeclineForm(prefix="decline"),
    }, status=status)


@admitted_required
def signing_detail(request, pk):
    return _detail(request, own_agreement(request, pk))


@require_POST
@admitted_required
def signing_confirm(request, pk):
    agreement = own_agreement(request, pk)
    form = EmployerConfirmForm(request.POST, prefix="confirm")
    if form.is_valid():
        try:
            signing.employer_confirm(agreement, employer=request.employer, contact=form.cleaned_data["contact"],
                                     phone=form.cleaned_data["phone"], acting_user=request.user)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, "已确认该三方协议，等待学校审核。")
            return redirect("company_employment:signing_detail", pk=pk)
    return _detail(request, agreement, confirm_form=form, status=400)


@require_POST
@admitted_required
def signing_decline(request, pk):
    agreement = own_agreement(request, pk)
    form = DeclineForm(request.POST, prefix="decline")
    if form.is_valid():
        try:
            signing.employer_decline(agreement, employer=request.employer, reason=form.cleaned_data["reason"],
                                     acting_user=request.user)
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, "已退回该三方协议，学生可修改后重新提交。")
            return redirect("company_employment:signing_detail", pk=pk)
    return _detail(request, agreement, decline_form=form, status=400)


@admitted_required
def signing_pdf(request, pk):
    return signing_pdf_response(own_agreement(request, pk))
