from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("rates/", views.RatesView.as_view(), name="rates"),
    path("rates/export/", views.RatesExportView.as_view(), name="rates_export"),
    path("rates/snapshot/", views.SnapshotTakeView.as_view(), name="snapshot_take"),
    path("market/", views.MarketView.as_view(), name="market"),
]
