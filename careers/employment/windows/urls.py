"""功能时间设置: back office URLs (mounted at /employment/ by the app's aggregator)."""

from careers.core.urls_helpers import model_urls

from . import views

urlpatterns = [
    *model_urls("windows", "reportingwindow", list=views.ReportingWindowListView, add=views.ReportingWindowEditView,
                edit=views.ReportingWindowEditView, delete=views.ReportingWindowDeleteView),
]
