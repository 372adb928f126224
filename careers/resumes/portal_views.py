"""Student portal: 我的简历 — list, create/edit (with education/experience/award rows), preview."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from careers.accounts.portal_access import student_required
from careers.studentfiles.storage import private_file_response

from .actions import delete_resume, save_resume
from .forms import FORMSETS, ResumeForm
from .models import Resume


def own(student, pk):
    """The signed-in student's résumé; anyone else's is a 404."""
    return get_object_or_404(Resume.objects.select_related("student__major", "expected_industry"), pk=pk,
                             student=student)


@student_required
def resume_list(request, student):
    resumes = Resume.objects.filter(student=student).select_related("expected_industry")
    return render(request, "resumes/portal_list.html", {"resumes": resumes, "limit": Resume.MAX_PER_STUDENT})


@student_required
def resume_edit(request, student, pk=None):
    resume = own(student, pk) if pk else Resume(student=student)
    if pk is None and Resume.objects.filter(student=student).count() >= Resume.MAX_PER_STUDENT:
        messages.error(request, f"每位学生最多保存 {Resume.MAX_PER_STUDENT} 份简历，请先删除不用的简历。")
        return redirect("portal_resumes:list")
    data, files = (request.POST, request.FILES) if request.method == "POST" else (None, None)
    form = ResumeForm(data, files, instance=resume)
    formsets = [(label, cls(data, instance=resume, prefix=prefix)) for prefix, label, cls in FORMSETS]
    if request.method == "POST" and form.is_valid() and all(fs.is_valid() for _, fs in formsets):
        try:
            resume = save_resume(form, [fs for _, fs in formsets], student=student,
                                 attachment=form.cleaned_data.get("attachment_file"),
                                 remove_attachment=form.cleaned_data.get("remove_attachment", False))
        except ValidationError as exc:
            field = "attachment_file" if exc.code in ("too_large", "not_pdf", "broken", "active", "encrypted") else None
            form.add_error(field, exc)
        else:
            messages.success(request, f"简历“{resume.title}”已保存。")
            return redirect("portal_resumes:detail", pk=resume.pk)
    steps = [{"id": "resume-section-basic", "title": "基本信息"}] + [
        {"id": f"resume-section-{formset.prefix}", "title": label} for label, formset in formsets]
    return render(request, "resumes/portal_edit.html", {"form": form, "formsets": formsets, "resume": resume,
                                                        "steps": steps},
                  status=400 if request.method == "POST" else 200)


@student_required
def resume_detail(request, student, pk):
    return render(request, "resumes/portal_detail.html", {"resume": own(student, pk)})


@student_required
def resume_attachment(request, student, pk):
    resume = own(student, pk)
    return private_file_response(resume.attachment, "application/pdf", filename=f"{resume.title}.pdf",
                                 attachment=True)


@require_POST
@student_required
def resume_delete(request, student, pk):
    resume = own(student, pk)
    delete_resume(resume)
    messages.success(request, f"已删除简历“{resume.title}”。")
    return redirect("portal_resumes:list")
