"""URLs of the employers area. Each list is joined by careers/recruitment/urls.py into one part of the site:

admin    → /recruitment/   namespace "recruitment"          (back office, 招聘服务管理 → 用人单位管理)
company  → /company/       namespace "company"              (the employer's own portal + public registration)
site     → /               namespace "site"                 (public pages: no login)
portal   → /me/            namespace "portal_recruitment"   (a logged-in student's pages)
"""

from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import company as cv
from . import views as ev

admin = [
    *model_urls("employers", "employer", list=ev.EmployerListView, detail=ev.EmployerView,
                review=ev.EmployerReviewView, active=ev.EmployerActiveView, licence=ev.EmployerLicenceView,
                registry=ev.EmployerRegistryView, messages=ev.EmployerMessagesView,
                export=ExportView.of(ev.EmployerListView, fields=ev.EXPORT_FIELDS)),
    path("employers/bulk-review/", ev.EmployerBulkReviewView.as_view(), name="employer_bulk_review"),
]
company = [
    path("", cv.home, name="home"),
    path("register/", cv.register, name="register"),
    path("regions/", cv.region_lookup, name="region_lookup"),
    path("profile/", cv.profile, name="profile"),
    path("profile/edit/", cv.profile_edit, name="profile_edit"),
    path("profile/licence/", cv.licence, name="licence"),
]
site = []
portal = []
