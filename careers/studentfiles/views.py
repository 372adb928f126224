from django.shortcuts import get_object_or_404, render

from careers.core.scoping import scope_filter
from careers.core.views import generic
from careers.students.models import Student

from .filtersets import ArchiveRecordFilterSet, StudentImageFilterSet
from .forms import ArchiveRecordForm
from .lists import MessageListMixin
from .models import ArchiveRecord, StudentImage
from .storage import private_file_response
from .tables import ArchiveRecordTable, StudentImageTable

images = StudentImage.objects.select_related("student__major__college")
archives = ArchiveRecord.objects.select_related("student__major__college")


# -- 资料图库 --------------------------------------------------------------------------------------
class StudentImageListView(MessageListMixin, generic.ObjectListView):
    queryset = images
    filterset = StudentImageFilterSet
    table = StudentImageTable
    actions = ("bulk_delete",)


class StudentImageView(generic.ObjectView):
    queryset = images
    template_name = "studentfiles/studentimage_detail.html"
    detail_fields = ["student", "title", "width", "height", "size", "uploaded_at"]


class StudentImageFileView(generic.ModelViewMixin):
    """The image (or `?thumb=1` its thumbnail), only for admins whose scope includes the student."""
    bench_kind = "download"  # what the list benchmark makes of it: careers/core/routes.py

    queryset = StudentImage.objects.all()

    def get(self, request, pk):
        image = get_object_or_404(self.restricted("view"), pk=pk)
        field = image.thumbnail if request.GET.get("thumb") else image.image
        return private_file_response(field, image.content_type, filename=image.filename)


class StudentGalleryView(generic.ModelViewMixin):
    """One student's images (资料图库 per student)."""

    queryset = Student.objects.select_related("major__college")

    def get(self, request, pk):
        self.require("studentfiles.studentimage.view")
        student = get_object_or_404(scope_filter(self.queryset.all(), request.user), pk=pk)
        return render(request, "studentfiles/student_gallery.html", {
            "student": student, "images": student.images.order_by("-uploaded_at"),
            "can_delete": request.user.has_permission("studentfiles.studentimage.delete"),
            "list_url": generic.url_for(StudentImage, "list"),
        })


class StudentImageDeleteView(generic.ObjectDeleteView):
    queryset = StudentImage.objects.all()


class StudentImageBulkDeleteView(generic.BulkDeleteView):
    queryset = StudentImage.objects.all()


# -- 档案信息 --------------------------------------------------------------------------------------
class ArchiveRecordListView(MessageListMixin, generic.ObjectListView):
    queryset = archives
    filterset = ArchiveRecordFilterSet
    table = ArchiveRecordTable
    actions = ("add", "export", "bulk_delete")
    importer = "studentfiles.archiverecord"


class ArchiveRecordView(generic.ObjectView):
    queryset = archives
    detail_fields = ["student", "transfer_unit", "receiving_unit", "receiving_address", "postal_code",
                     "tracking_number", "sent_date", "note", "updated_at"]


class ArchiveRecordEditView(generic.ObjectEditView):
    queryset = archives
    form = ArchiveRecordForm


class ArchiveRecordDeleteView(generic.ObjectDeleteView):
    queryset = ArchiveRecord.objects.all()


class ArchiveRecordBulkDeleteView(generic.BulkDeleteView):
    queryset = ArchiveRecord.objects.all()
