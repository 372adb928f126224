"""生源信息: list, detail, entry & review, 学籍管理, statistics, saved queries, batch query, export (/students/)."""

from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import entry as rv
from . import views as v
from .exports import STUDENT_EXPORT_FIELDS, export_queryset

urlpatterns = [
    *model_urls("", "student", list=v.StudentListView, detail=v.StudentView, delete=v.StudentDeleteView,
                bulk_delete=v.StudentBulkDeleteView),
    *model_urls("", "student", export=ExportView.of(v.StudentListView, queryset=export_queryset,
                                                    fields=STUDENT_EXPORT_FIELDS)),
    path("statistics/", v.StatisticsView.as_view(), name="statistics"),
    path("statistics/<slug:key>/", v.StatisticsRunView.as_view(), name="statistics_run"),
    path("saved-queries/", v.SavedQueryListView.as_view(), name="saved_query_list"),
    path("saved-queries/add/", v.SavedQueryAddView.as_view(), name="saved_query_add"),
    path("saved-queries/<int:pk>/", v.SavedQueryApplyView.as_view(), name="saved_query_apply"),
    path("batch/", v.StudentBatchView.as_view(), name="student_batch"),
    path("saved-queries/<int:pk>/delete/", v.SavedQueryDeleteView.as_view(), name="saved_query_delete"),
]

# 录入、审核、学籍异动 (after the lists above, as before the split: path order is unchanged)
entry_urlpatterns = [
    path("add/", rv.StudentAddView.as_view(), name="student_add"),
    path("<int:pk>/edit/", rv.StudentEditView.as_view(), name="student_edit"),
    path("bulk-review/", rv.StudentBulkReviewView.as_view(), name="student_bulk_review"),
    path("<int:pk>/status/", rv.StudentStatusView.as_view(), name="student_status"),
    path("majors/lookup/", rv.MajorLookupView.as_view(), name="major_lookup"),
]
