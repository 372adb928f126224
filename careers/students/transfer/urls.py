"""转移数据 and 专业转移审核: /students/<pk>/transfer/, /students/transfers/."""

from django.urls import path

from . import views as tv

urlpatterns = [
    path("<int:pk>/transfer/", tv.StudentTransferView.as_view(), name="student_transfer"),
    path("transfers/", tv.MajorTransferListView.as_view(), name="majortransfer_list"),
    path("transfers/settings/", tv.TransferSettingsView.as_view(), name="transfer_settings"),
    path("transfers/<int:pk>/", tv.MajorTransferView.as_view(), name="majortransfer_detail"),
    path("transfers/<int:pk>/decide/", tv.MajorTransferDecideView.as_view(), name="majortransfer_decide"),
]
