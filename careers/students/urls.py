from careers.core.urls_helpers import model_urls

from . import views as v

app_name = "students"

urlpatterns = [
    *model_urls("", "student", list=v.StudentListView, detail=v.StudentView, delete=v.StudentDeleteView,
                bulk_delete=v.StudentBulkDeleteView),
]
