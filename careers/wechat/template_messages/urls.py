"""This area's routes, collected by careers/wechat/urls.py: `backoffice` under /wechat/, `portal` under /me/wechat/,
`company` under /company/wechat/, `site` at the site root (public endpoints: callbacks, notifications, scan login)."""

from django.urls import path

from . import records, site, views

backoffice = [
    path("templates/", views.TemplateSettingListView.as_view(), name="templatesetting_list"),
    path("templates/<slug:kind>/", views.TemplateSettingEditView.as_view(), name="templatesetting_edit"),
    path("templates/<slug:kind>/test/", views.TemplateTestSendView.as_view(), name="templatesetting_test"),
    path("messages/students/", records.RecordListView.as_view(audience=records.STUDENTS), name="student_messages"),
    path("messages/students/<int:pk>/resend/", records.ResendView.as_view(audience=records.STUDENTS),
         name="student_message_resend"),
    path("messages/employers/", records.RecordListView.as_view(audience=records.EMPLOYERS), name="employer_messages"),
    path("messages/employers/<int:pk>/resend/", records.ResendView.as_view(audience=records.EMPLOYERS),
         name="employer_message_resend"),
]
portal = []
company = []
site = [
    path("wechat/r/<str:token>/", site.template_read, name="template_read"),
]
