from django.urls import path

from . import views as v

urlpatterns = [
    path("imports/", v.ImportIndexView.as_view(), name="import_index"),
    path("imports/<str:slug>/", v.ImportStartView.as_view(), name="import_start"),
    path("imports/<str:slug>/template/", v.ImportTemplateView.as_view(), name="import_template"),
    path("imports/<str:slug>/<str:token>/mapping/", v.ImportMappingView.as_view(), name="import_mapping"),
    path("imports/<str:slug>/<str:token>/", v.ImportReportView.as_view(), name="import_report"),
    path("imports/<str:slug>/<str:token>/commit/", v.ImportCommitView.as_view(), name="import_commit"),
    path("imports/<str:slug>/<str:token>/errors/", v.ImportErrorsView.as_view(), name="import_errors"),
]
