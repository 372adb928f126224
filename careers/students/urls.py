from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import views as v
from .exports import STUDENT_EXPORT_FIELDS, export_queryset

app_name = "students"

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

# -- 会员管理 (student accounts) --
from django.urls import path  # noqa: E402

from . import views_accounts as va  # noqa: E402

urlpatterns += [
    path("accounts/", va.StudentAccountListView.as_view(), name="account_list"),
    path("accounts/reset-initial/", va.StudentAccountResetView.as_view(), name="account_reset_initial"),
    path("accounts/<int:pk>/edit/", va.StudentAccountEditView.as_view(), name="account_edit"),
    path("accounts/<int:pk>/password/", va.StudentAccountPasswordView.as_view(), name="account_password"),
    path("accounts/<int:pk>/impersonate/", va.StudentAccountImpersonateView.as_view(), name="account_impersonate"),
]

# -- 发送消息 (to the students selected on any student-linked list) --
from .views_messages import StudentMessageView  # noqa: E402

urlpatterns += [path("message/", StudentMessageView.as_view(), name="student_message")]

# -- 录入、审核、学籍异动、转移数据、学生信息汇总 (review, status, transfers, summary) --
from . import views_records as rv  # noqa: E402
from . import views_summary as sv  # noqa: E402
from . import views_transfer as tv  # noqa: E402

urlpatterns += [
    path("add/", rv.StudentAddView.as_view(), name="student_add"),
    path("<int:pk>/edit/", rv.StudentEditView.as_view(), name="student_edit"),
    path("bulk-review/", rv.StudentBulkReviewView.as_view(), name="student_bulk_review"),
    path("<int:pk>/status/", rv.StudentStatusView.as_view(), name="student_status"),
    path("majors/lookup/", rv.MajorLookupView.as_view(), name="major_lookup"),
    path("<int:pk>/transfer/", tv.StudentTransferView.as_view(), name="student_transfer"),
    path("transfers/", tv.MajorTransferListView.as_view(), name="majortransfer_list"),
    path("transfers/settings/", tv.TransferSettingsView.as_view(), name="transfer_settings"),
    path("transfers/<int:pk>/", tv.MajorTransferView.as_view(), name="majortransfer_detail"),
    path("transfers/<int:pk>/decide/", tv.MajorTransferDecideView.as_view(), name="majortransfer_decide"),
    path("summary/", sv.SummaryListView.as_view(), name="summary_list"),
    path("<int:pk>/summary/", sv.StudentSummaryView.as_view(), name="student_summary"),
]
