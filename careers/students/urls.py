from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import views as v

app_name = "students"

urlpatterns = [
    *model_urls("", "student", list=v.StudentListView, detail=v.StudentView, delete=v.StudentDeleteView,
                bulk_delete=v.StudentBulkDeleteView),
    *model_urls("", "student", export=ExportView.of(v.StudentListView)),
]
