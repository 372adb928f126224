"""URLs of the appeals area. Each list is joined by careers/recruitment/urls.py into one part of the site:

admin    → /recruitment/   namespace "recruitment"          (back office, 招聘服务管理)
company  → /company/       namespace "company"              (the employer's own portal)
site     → /               namespace "site"                 (public pages: no login)
portal   → /me/            namespace "portal_recruitment"   (a logged-in student's pages)
"""

from django.urls import path

from careers.core.urls_helpers import model_urls

from . import company as company_views
from . import views as v

admin = [
    *model_urls("appeals", "accountappeal", list=v.AccountAppealListView, detail=v.AccountAppealView,
                licence=v.AccountAppealLicenceView, handle=v.AccountAppealHandleView),
]
# Public: the unit has lost its account, so these need no login.
company = [
    path("appeal/", company_views.appeal, name="appeal"),
    path("appeal/done/", company_views.appeal_done, name="appeal_done"),
    path("reset/<str:token>/", company_views.reset, name="reset"),
]
site = []
portal = []
