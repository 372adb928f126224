"""简历: the back office (/students/resumes/, namespace "resumes") and 学生中心 (`portal`, mounted at /me/resumes/
with namespace "portal_resumes", config/urls.py)."""

from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import portal_views as pv
from . import views as v

app_name = "resumes"

urlpatterns = [
    *model_urls("", "resume", list=v.ResumeListView, detail=v.ResumeView, attachment=v.ResumeAttachmentView,
                export=ExportView.of(v.ResumeListView)),
    path("recommend/", v.ResumeRecommendView.as_view(), name="resume_recommend"),
    path("unrecommend/", v.ResumeUnrecommendView.as_view(), name="resume_unrecommend"),
]

portal = ([
    path("", pv.resume_list, name="list"),
    path("add/", pv.resume_edit, name="add"),
    path("<int:pk>/", pv.resume_detail, name="detail"),
    path("<int:pk>/edit/", pv.resume_edit, name="edit"),
    path("<int:pk>/attachment/", pv.resume_attachment, name="attachment"),
    path("<int:pk>/delete/", pv.resume_delete, name="delete"),
], "portal_resumes")
