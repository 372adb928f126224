"""批量消息发送面板: back office under /wechat/batches/ (namespace "wechat")."""

from django.urls import path

from . import views as v

backoffice = [
    path("batches/", v.BatchListView.as_view(), name="batchsend_list"),
    path("batches/add/", v.BatchEditView.as_view(), name="batchsend_add"),
    path("batches/<int:pk>/", v.BatchView.as_view(), name="batchsend_detail"),
    path("batches/<int:pk>/edit/", v.BatchEditView.as_view(), name="batchsend_edit"),
    path("batches/<int:pk>/progress/", v.BatchProgressView.as_view(), name="batchsend_progress"),
    path("batches/<int:pk>/send/", v.BatchSendView.as_view(), name="batchsend_send"),
    path("batches/<int:pk>/resume/", v.BatchResumeView.as_view(), name="batchsend_resume"),
    path("batches/<int:pk>/delete/", v.BatchDeleteView.as_view(), name="batchsend_delete"),
]
portal = []
company = []
site = []
