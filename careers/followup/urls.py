from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import views as v
from .exports import LEDGER_EXPORT_FIELDS
from .queries import export_queryset

app_name = "followup"

urlpatterns = [
    *model_urls("", "ledgerstudent", list=v.LedgerListView,
                export=ExportView.of(v.LedgerListView, queryset=export_queryset(), fields=LEDGER_EXPORT_FIELDS)),
    path("student/<int:pk>/", v.StudentLedgerView.as_view(), name="ledgerstudent_detail"),
    path("batch/", v.LedgerBatchView.as_view(), name="ledger_batch"),
    path("statistics/", v.StatisticsView.as_view(), name="statistics"),
    path("statistics/export/", v.StatisticsExportView.as_view(), name="statistics_export"),
    *model_urls("entries", "followupentry", edit=v.EntryEditView, delete=v.EntryDeleteView),
]
