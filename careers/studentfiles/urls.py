from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import views as v

app_name = "studentfiles"

urlpatterns = [
    *model_urls("images", "studentimage", list=v.StudentImageListView, detail=v.StudentImageView,
                file=v.StudentImageFileView, delete=v.StudentImageDeleteView,
                bulk_delete=v.StudentImageBulkDeleteView),
    path("images/student/<int:pk>/", v.StudentGalleryView.as_view(), name="student_gallery"),
    *model_urls("archives", "archiverecord", list=v.ArchiveRecordListView, add=v.ArchiveRecordEditView,
                detail=v.ArchiveRecordView, edit=v.ArchiveRecordEditView, delete=v.ArchiveRecordDeleteView,
                bulk_delete=v.ArchiveRecordBulkDeleteView, export=ExportView.of(v.ArchiveRecordListView)),
]
