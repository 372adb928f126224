"""URLs of the appeals area. Each list is included by one of the site's URL modules:

admin    → /recruitment/   namespace "recruitment"          (back office, 招聘服务管理)
company  → /company/       namespace "company"              (the employer's own portal)
site     → /               namespace "site"                 (public pages: no login)
portal   → /me/            namespace "portal_recruitment"   (a logged-in student's pages)
"""

from django.urls import path

from careers.core.urls_helpers import model_urls

from . import company_appeals
from . import views_appeals as v

admin = [
    *model_urls("appeals", "accountappeal", list=v.AccountAppealListView, detail=v.AccountAppealView,
                licence=v.AccountAppealLicenceView, handle=v.AccountAppealHandleView),
]
# Public: the unit has lost its account, so these need no login.
company = [
    path("appeal/", company_appeals.appeal, name="appeal"),
    path("appeal/done/", company_appeals.appeal_done, name="appeal_done"),
    path("reset/<str:token>/", company_appeals.reset, name="reset"),
]
site = []
portal = []
