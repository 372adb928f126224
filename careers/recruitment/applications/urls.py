"""URLs of the applications area (简历投递). Each list is joined by careers/recruitment/urls.py into one part of the site:

admin    → /recruitment/   namespace "recruitment"          (back office, 招聘服务管理 → 简历投递管理)
company  → /company/       namespace "company"              (收到的简历, 人才库)
site     → /               namespace "site"                 (public pages: the 投递 button is an include)
portal   → /me/            namespace "portal_recruitment"   (投递简历, 我的投递)
"""

from django.urls import path

from careers.core.urls_helpers import model_urls

from . import company as company_views
from . import portal as portal_views
from . import views
from .exports import ApplicationExportView

admin = [
    *model_urls("applications", "application", list=views.ApplicationListView, detail=views.ApplicationView,
                export=ApplicationExportView),
]
company = [
    path("applications/", company_views.application_list, name="application_list"),
    path("applications/<int:pk>/", company_views.application_detail, name="application_detail"),
    path("applications/<int:pk>/move/", company_views.application_move, name="application_move"),
    path("applications/<int:pk>/attachment/", company_views.application_attachment, name="application_attachment"),
    path("resumes/", company_views.resume_search, name="resume_search"),
    path("resumes/<int:pk>/", company_views.resume_detail, name="resume_detail"),
]
site = []
portal = [
    path("applications/", portal_views.application_list, name="application_list"),
    path("applications/deliver/<int:job_pk>/", portal_views.application_deliver, name="application_deliver"),
]
