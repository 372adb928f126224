from django.urls import path

from . import portal_views as v

app_name = "portal_resumes"

urlpatterns = [
    path("", v.resume_list, name="list"),
    path("add/", v.resume_edit, name="add"),
    path("<int:pk>/", v.resume_detail, name="detail"),
    path("<int:pk>/edit/", v.resume_edit, name="edit"),
    path("<int:pk>/attachment/", v.resume_attachment, name="attachment"),
    path("<int:pk>/delete/", v.resume_delete, name="delete"),
]
