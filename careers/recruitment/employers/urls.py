"""URLs of the employers area. Each list is joined by careers/recruitment/urls.py into one part of the site:

admin    → /recruitment/   namespace "recruitment"          (back office, 招聘服务管理 → 用人单位管理)
company  → /company/       namespace "company"              (the employer's own portal + public registration)
site     → /               namespace "site"                 (public pages: no login)
portal   → /me/            namespace "portal_recruitment"   (a logged-in student's pages)
"""

from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import company as company_views
from . import views as v

admin = [
    *model_urls("employers", "employer", list=v.EmployerListView, detail=v.EmployerView,
                review=v.EmployerReviewView, active=v.EmployerActiveView, licence=v.EmployerLicenceView,
                registry=v.EmployerRegistryView, messages=v.EmployerMessagesView,
                export=ExportView.of(v.EmployerListView, fields=v.EXPORT_FIELDS)),
    path("employers/bulk-review/", v.EmployerBulkReviewView.as_view(), name="employer_bulk_review"),
    path("employers/message/", v.EmployerMessageView.as_view(), name="employer_message"),  # 发送消息 (WeChat 8.6)
]
company = [
    path("", company_views.home, name="home"),
    path("register/", company_views.register, name="register"),
    path("profile/", company_views.profile, name="profile"),
    path("profile/edit/", company_views.profile_edit, name="profile_edit"),
    path("profile/licence/", company_views.licence, name="licence"),
]
site = []
portal = []
