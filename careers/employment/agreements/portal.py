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
from careers.events.participants.files import content_type_of
from careers.studentfiles.storage import private_file_response

from . import actions
from .forms import ApplyForm
from .models import AgreementApplication, AgreementSettings, ApplicationMaterial, MaterialRequirement
from .printing import application_context, application_pdf, pdf_response


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
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
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
