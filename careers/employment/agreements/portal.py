"""学生中心 › 协议书 (/me/agreements/): apply (首次申请 the first time, later the other types with their
materials), see the state of each application, withdraw a pending one, print its 《申请表》.

Only `request.user`'s own applications are ever read or written (any other id is a 404).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from careers.accounts.portal_access import audit_impersonated_write, student_required
from careers.core.forms import add_action_errors
from careers.events.participants.files import content_type_of
from careers.studentfiles.storage import private_file_response

from . import actions, signing
from .forms import ApplyForm, SigningForm
from .models import (EDITABLE_SIGNING, AgreementApplication, AgreementSettings, ApplicationMaterial,
                     MaterialRequirement, OnlineAgreement)
from .printing import (application_context, application_pdf, pdf_response, signing_pdf_response, signing_steps,
                       signing_term_rows)


def own(student):
    return AgreementApplication.objects.filter(student=student).select_related("number").prefetch_related("materials")


@student_required
def home(request, student):
    applications = list(own(student).order_by("-submitted_at", "-pk"))
    return render(request, "employment/agreements/portal.html", {
        "student": student, "settings": AgreementSettings.load(), "applications": applications,
        "open": next((a for a in applications if a.is_open), None),
        "numbers": list(student.agreement_numbers.order_by("-issued_at", "-pk")),
        "kinds": actions.allowed_kinds(student),
        "online": list(own_signing(student).order_by("-updated_at", "-pk")[:20]),
        "can_sign_online": not signing.start_problem(student),
    })


@student_required
def apply_view(request, student):
    if actions.open_application(student) is not None:
        messages.info(request, "您已有一份正在处理的协议书申请，请等待审核结果。")
        return redirect("employment_portal:agreements")
    kinds = actions.allowed_kinds(student)
    requirements = list(MaterialRequirement.objects.filter(kind__in=kinds).order_by("kind", "position", "pk"))
    form = ApplyForm(request.POST or None, request.FILES or None, kinds=kinds, requirements=requirements)
    if request.method == "POST" and form.is_valid():
        try:
            application = actions.apply(student, kind=form.cleaned_data["kind"], reason=form.cleaned_data["reason"],
                                        files=form.files_clean, acting_user=request.user)
        except ValidationError as exc:
            add_action_errors(form, exc)
        else:
            audit_impersonated_write(request, student, f"提交协议书申请（{application.get_kind_display()}）")
            messages.success(request, f"{application.get_kind_display()}已提交，请等待审核。")
            return redirect("employment_portal:agreements")
    return render(request, "employment/agreements/portal_apply.html", {
        "student": student, "form": form, "settings": AgreementSettings.load(), "first": kinds == ["first"],
        "kinds": [(k, form.material_fields(k)) for k in kinds],
    }, status=400 if form.errors else 200)


@require_POST
@student_required
def withdraw_view(request, student, pk):
    application = get_object_or_404(own(student), pk=pk)
    try:
        actions.withdraw(application, student=student)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        audit_impersonated_write(request, student, "撤回协议书申请")
        messages.success(request, "申请已撤回。")
    return redirect("employment_portal:agreements")


@student_required
def application_form(request, student, pk):
    application = get_object_or_404(own(student).select_related(
        "student__major__college", "student__major__education_level", "student__ethnicity",
        "student__political_status", "student__origin_region__parent__parent"), pk=pk)
    if request.GET.get("format") == "pdf":
        return pdf_response(application_pdf(application), f"协议书申请表_{student.student_number}.pdf")
    return render(request, "employment/agreements/portal_form.html", {
        **application_context(application), "pdf_url": f"{request.path}?format=pdf"})


@student_required
def material_file(request, student, pk):
    material = ApplicationMaterial.objects.filter(pk=pk, application__student=student).first()
    if material is None or not material.file:
        raise Http404
    ext = material.file.name.rsplit(".", 1)[-1]
    return private_file_response(material.file, content_type_of(material.file), filename=f"{material.name}.{ext}")


# -- 网上签约 ---------------------------------------------------------------------------------------

SIGNING_RELATED = ("student__major__college", "student__major__education_level", "student__ethnicity",
                   "student__political_status", "student__origin_region__parent__parent", "employer__region",
                   "work_region", "number", "approved_by")


def own_signing(student):
    return OnlineAgreement.objects.filter(student=student).select_related(*SIGNING_RELATED)


def _signing_form_page(request, student, form, agreement=None):
    return render(request, "employment/agreements/portal_signing_form.html", {
        "student": student, "form": form, "agreement": agreement}, status=400 if form.errors else 200)


def _save(request, student, form, agreement=None):
    """Save the form (submit when the 提交 button was used); None when refused (errors put on the form)."""
    try:
        saved = signing.save(student, form.cleaned_data, agreement=agreement, submit="submit" in request.POST,
                             acting_user=request.user)
    except ValidationError as exc:
        add_action_errors(form, exc)
        return None
    audit_impersonated_write(request, student, "填写网上签约")
    return saved


@student_required
def signing_start(request, student):
    problem = signing.start_problem(student)
    if problem:
        messages.info(request, problem)
        return redirect("employment_portal:agreements")
    form = SigningForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, student, form)
        if saved is not None:
            messages.success(request, "已提交给用人单位确认。" if saved.submitted_at else "草稿已保存。")
            return redirect("employment_portal:signing_detail", pk=saved.pk)
    return _signing_form_page(request, student, form)


@student_required
def signing_edit(request, student, pk):
    agreement = get_object_or_404(own_signing(student), pk=pk)
    if agreement.status not in EDITABLE_SIGNING:
        messages.error(request, f"该网上签约当前为“{agreement.get_status_display()}”，不能修改。")
        return redirect("employment_portal:signing_detail", pk=pk)
    initial = {name: getattr(agreement, name) for name in signing.TERM_FIELDS}
    form = SigningForm(request.POST or None, initial=initial, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = _save(request, student, form, agreement)
        if saved is not None:
            messages.success(request, "已重新提交给用人单位确认。" if saved.status == "employer" else "已保存。")
            return redirect("employment_portal:signing_detail", pk=pk)
    return _signing_form_page(request, student, form, agreement)


@student_required
def signing_detail(request, student, pk):
    agreement = get_object_or_404(own_signing(student), pk=pk)
    return render(request, "employment/agreements/portal_signing.html", {
        "student": student, "agreement": agreement, "terms": signing_term_rows(agreement),
        "steps": signing_steps(agreement), "editable": agreement.status in EDITABLE_SIGNING,
        "history": agreement.history.select_related("history_user").order_by("history_date")[:50]})


@require_POST
@student_required
def signing_submit(request, student, pk):
    agreement = get_object_or_404(own_signing(student), pk=pk)
    try:
        signing.submit(agreement, student=student, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        audit_impersonated_write(request, student, "提交网上签约")
        messages.success(request, "已提交给用人单位确认。")
    return redirect("employment_portal:signing_detail", pk=pk)


@require_POST
@student_required
def signing_cancel(request, student, pk):
    agreement = get_object_or_404(own_signing(student), pk=pk)
    try:
        signing.cancel(agreement, student=student, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
    else:
        audit_impersonated_write(request, student, "撤销网上签约")
        messages.success(request, "网上签约已撤销。")
    return redirect("employment_portal:signing_detail", pk=pk)


@student_required
def signing_pdf(request, student, pk):
    return signing_pdf_response(get_object_or_404(own_signing(student), pk=pk))
