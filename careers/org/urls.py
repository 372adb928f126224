from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import views as v

app_name = "org"

urlpatterns = [
    *model_urls("majors", "major", list=v.MajorListView, add=v.MajorEditView, bulk_edit=v.MajorBulkEditView,
                bulk_delete=v.MajorBulkDeleteView, detail=v.MajorView, edit=v.MajorEditView,
                delete=v.MajorDeleteView),
    *model_urls("majors", "major", export=ExportView.of(v.MajorListView, queryset=v.majors)),
    *model_urls("colleges", "college", **v.college_views),
    *model_urls("departments", "department", **v.department_views),
    *model_urls("campuses", "campus", **v.campus_views),
]
