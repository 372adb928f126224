"""URLs of the jobs area. Each list is joined by careers/recruitment/urls.py into one part of the site:

admin    → /recruitment/   namespace "recruitment"          (back office, 招聘服务管理 → 职位管理)
company  → /company/       namespace "company"              (the employer's own portal)
site     → /               namespace "site"                 (public pages: no login)
portal   → /me/            namespace "portal_recruitment"   (a logged-in student's pages)
"""

from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import company as company_views
from . import site as site_views
from . import views as v

admin = [
    *model_urls("jobs", "job", list=v.JobListView, detail=v.JobReviewView, export=ExportView.of(v.JobListView)),
    path("jobs/bulk-review/", v.JobBulkReviewView.as_view(), name="job_bulk_review"),
    path("jobs/bump/", v.JobBumpView.as_view(), name="job_bump"),
]
company = [
    path("jobs/", company_views.job_list, name="job_list"),
    path("jobs/add/", company_views.job_add, name="job_add"),
    path("jobs/<int:pk>/", company_views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/edit/", company_views.job_edit, name="job_edit"),
    path("jobs/<int:pk>/close/", company_views.job_close, name="job_close"),
    path("jobs/<int:pk>/repost/", company_views.job_repost, name="job_repost"),
]
site = [
    path("jobs/", site_views.job_list, name="job_list"),
    path("jobs/<int:pk>/", site_views.job_detail, name="job_detail"),
    path("employers/<int:pk>/", site_views.employer_detail, name="employer_detail"),
]
portal = []
