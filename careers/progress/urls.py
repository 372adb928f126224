from django.urls import path

from careers.core.urls_helpers import model_urls

from . import views as v

app_name = "progress"

urlpatterns = [
    *model_urls("", "progressproject", list=v.ProjectListView, add=v.ProjectEditView, detail=v.ProjectView,
                edit=v.ProjectEditView, delete=v.ProjectDeleteView),
    path("<int:pk>/export/", v.ProjectExportView.as_view(), name="project_export"),
    path("<int:pk>/report/<int:major_pk>/", v.ReportView.as_view(), name="report"),
    path("reports/<int:pk>/", v.ReportDetailView.as_view(), name="progressreport_detail"),
]
