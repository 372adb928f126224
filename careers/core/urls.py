from django.urls import path

from . import oplog_views
from .urls_helpers import model_urls
from .views import base, inbox

app_name = "core"

urlpatterns = [
    path("", base.home, name="home"),
    path("operating-year/", base.set_operating_year, name="set_operating_year"),
    path("preferences/columns/", base.set_table_columns, name="set_table_columns"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/<int:pk>/", inbox.inbox_message, name="inbox_message"),
    path("inbox/read-all/", inbox.inbox_mark_all_read, name="inbox_mark_all_read"),
    path("inbox/badge/", inbox.inbox_badge, name="inbox_badge"),
    *model_urls("system/logs", "operationlog", list=oplog_views.OperationLogListView,
                detail=oplog_views.OperationLogView),
]
