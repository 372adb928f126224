"""Student portal: my images (我的图库) and my archive destination (我的档案)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from careers.accounts.portal_access import student_required

from .actions import delete_image, upload_image
from .forms import ImageUploadForm
from .models import ArchiveRecord, StudentImage
from .storage import private_file_response


@student_required
def gallery(request, student):
    form = ImageUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            upload_image(student, form.cleaned_data["image"], form.cleaned_data["title"], acting_user=request.user)
        except ValidationError as exc:
            form.add_error("image", exc)
        else:
            messages.success(request, f"图片“{form.cleaned_data['title']}”已上传。")
            return redirect("portal_gallery:gallery")
    images = list(StudentImage.objects.filter(student=student).order_by("-uploaded_at"))
    return render(request, "studentfiles/portal_gallery.html", {
        "form": form, "images": images, "limit": StudentImage.MAX_PER_STUDENT,
        "full": len(images) >= StudentImage.MAX_PER_STUDENT,
    }, status=400 if form.errors else 200)


@student_required
def image_file(request, student, pk):
    image = get_object_or_404(StudentImage, pk=pk, student=student)  # another student's: 404
    field = image.thumbnail if request.GET.get("thumb") else image.image
    return private_file_response(field, image.content_type, filename=image.filename)


@require_POST
@student_required
def image_delete(request, student, pk):
    image = get_object_or_404(StudentImage, pk=pk, student=student)
    delete_image(image, acting_user=request.user)
    messages.success(request, f"已删除图片“{image.title}”。")
    return redirect("portal_gallery:gallery")


@student_required
def archive(request, student):
    record = ArchiveRecord.objects.filter(student=student).first()
    return render(request, "studentfiles/portal_archive.html", {"record": record, "student": student})
