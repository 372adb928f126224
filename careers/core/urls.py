from django.urls import path

from . import oplog_views
from .typeahead_views import FilterOptionsView, FormOptionsView
from .imports import urls as import_urls
from .urls_helpers import model_urls
from .views import base, inbox
from .views import jobs as job_views
from .views import messages as message_views
from .views.exports import ExportView

app_name = "core"

urlpatterns = [
    path("", base.home, name="home"),
    path("operating-year/", base.set_operating_year, name="set_operating_year"),
    path("preferences/columns/", base.set_table_columns, name="set_table_columns"),
    path("filter-options/", FilterOptionsView.as_view(), name="filter_options"),
    path("form-options/", FormOptionsView.as_view(), name="form_options"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/<int:pk>/", inbox.inbox_message, name="inbox_message"),
    path("inbox/read-all/", inbox.inbox_mark_all_read, name="inbox_mark_all_read"),
    path("inbox/badge/", inbox.inbox_badge, name="inbox_badge"),
    *model_urls("system/logs", "operationlog", list=oplog_views.OperationLogListView,
                detail=oplog_views.OperationLogView),
    *model_urls("system/logs", "operationlog", export=ExportView.of(oplog_views.OperationLogListView,
                                                                    fields=oplog_views.export_fields())),
    path("tasks/", job_views.JobListView.as_view(), name="job_list"),
    path("tasks/<uuid:pk>/", job_views.JobView.as_view(), name="job_detail"),
    path("tasks/<uuid:pk>/progress/", job_views.JobProgressView.as_view(), name="job_progress"),
    path("tasks/<uuid:pk>/download/", job_views.JobDownloadView.as_view(), name="job_download"),
    path("tasks/<uuid:pk>/retry/", job_views.JobRetryView.as_view(), name="job_retry"),
    *import_urls.urlpatterns,
    *model_urls("system/messages", "message", list=message_views.MessageListView,
                detail=message_views.MessageView, resend=message_views.MessageResendView),
]
