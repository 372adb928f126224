"""学生中心 (/me/): the student's own record, 完善信息, 生源地 picker, photo. Mobile-first pages.

Every view works on `request.user.student` only — there is no student id in any URL. While
an admin is inside the account (进入学生账户) each write is also logged under the admin.
"""

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from careers.accounts.portal_access import audit_impersonated_write, student_required
from careers.codes.regions import region_path
from careers.core.dashboard import render_cards

from ..actions import submit_self_service_changes
from ..models import Student
from .forms import PhotoForm, SelfServiceForm
from .hub import display_value, record_state


@student_required
def home(request, student):
    """首页: the student's hub. Every app contributes its cards (core.dashboard board "student"): recommended
    jobs, upcoming talks and fairs, applications, registrations, deadlines, the record and the résumé."""
    request.student = student  # the cards' context functions work on it
    return render(request, "students/portal/home.html", {
        "student": student, "cards": render_cards(request, board="student")})


@student_required
def profile(request, student):
    """我的: the record itself (生源信息), its review state, and every personal page."""
    return render(request, "students/portal/profile.html", {
        **record_state(student), "region": region_path(student.origin_region),
        "masked_id": f"{student.id_number[:3]}{'*' * 11}{student.id_number[-4:]}"})


@student_required
def edit(request, student):
    form = SelfServiceForm(student, request.POST or None)
    if request.method == "POST" and form.is_valid():
        before = {name: str(getattr(student, name) or "") for name in Student.SELF_SERVICE_FIELDS}
        with transaction.atomic():
            waiting = submit_self_service_changes(student, form.changes(), acting_user=request.user)
            after = {name: str(getattr(student, name) or "") for name in Student.SELF_SERVICE_FIELDS}
            changes = {name: [before[name], after[name]] for name in before if before[name] != after[name]}
            changes.update({name: [before[name], f"待审核：{display_value(student, name, value)}"]
                            for name, value in student.pending_changes.items()})
            audit_impersonated_write(request, student, "修改生源信息", changes)
        if waiting:
            labels = "、".join(str(Student._meta.get_field(n).verbose_name) for n in waiting)
            messages.success(request, f"已保存。{labels} 的修改已提交学校审核，审核通过后生效。")
        else:
            messages.success(request, "信息已保存。")
        return redirect("portal:home")
    return render(request, "students/portal/edit.html", {"student": student, "form": form})


@student_required
def photo(request, student):
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        old = student.photo.name if student.photo else ""
        with transaction.atomic():
            student.photo.save(form.cleaned_data["photo"].name, form.cleaned_data["photo"], save=False)
            student._change_reason = "学生上传照片"
            student.save(update_fields=["photo", "updated_at"])
            audit_impersonated_write(request, student, "上传照片", {"photo": [old, student.photo.name]})
        if old and old != student.photo.name:
            student.photo.storage.delete(old)
        messages.success(request, "照片已上传。")
        return redirect("portal:home")
    return render(request, "students/portal/photo.html", {"student": student, "form": form})


@require_GET
@student_required
def photo_file(request, student):
    """The student's own photo; photos are never served from a public URL."""
    if not student.photo:
        raise Http404
    try:
        handle = student.photo.open("rb")
    except FileNotFoundError:
        raise Http404
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=300"
    return response
