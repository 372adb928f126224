from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import views as v

app_name = "resumes"

urlpatterns = [
    *model_urls("", "resume", list=v.ResumeListView, detail=v.ResumeView, attachment=v.ResumeAttachmentView,
                export=ExportView.of(v.ResumeListView)),
    path("recommend/", v.ResumeRecommendView.as_view(), name="resume_recommend"),
    path("unrecommend/", v.ResumeUnrecommendView.as_view(), name="resume_unrecommend"),
]
