"""与省系统不一致的就业信息: back office URL list (/employment/provincial/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("provincial/", views.CompareView.as_view(), name="provincial_compare"),
    path("provincial/template/", views.TemplateView.as_view(), name="provincial_template"),
    path("provincial/<uuid:pk>/", views.ResultView.as_view(), name="provincial_result"),
    path("provincial/<uuid:pk>/export/", views.ExportView.as_view(), name="provincial_export"),
]
