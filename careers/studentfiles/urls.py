"""学生图片 and 档案: the back office (/students/files/, namespace "studentfiles") and the two 学生中心 pages
(`gallery_portal` at /me/gallery/, `archive_portal` at /me/archive/, config/urls.py)."""

from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import portal_views as pv
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

gallery_portal = ([
    path("", pv.gallery, name="gallery"),
    path("<int:pk>/file/", pv.image_file, name="image_file"),
    path("<int:pk>/delete/", pv.image_delete, name="image_delete"),
], "portal_gallery")

archive_portal = ([
    path("", pv.archive, name="archive"),
], "portal_archive")
