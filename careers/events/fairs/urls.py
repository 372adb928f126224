"""URLs of the fairs area. Each list is collected by careers/events/urls.py:

backoffice → /events/  namespace "events"          (back office)
company    → /company/ namespace "company_events"  (the employer portal)
site       → /         namespace "site_events"     (public pages: no login)
portal     → /me/      namespace "portal_events"   (a logged-in student's pages)
"""

from django.urls import path

from careers.core.urls_helpers import model_urls

from ..checkin import portal_registration
from ..stats.exports import FairStatsExportView
from . import site as site_fairs
from . import views as v

backoffice = [
    *model_urls("fairs", "fair", list=v.FairListView, add=v.FairEditView, detail=v.FairView, edit=v.FairEditView,
                export=FairStatsExportView.of(v.FairListView)),
    path("fairs/<int:pk>/status/", v.FairStatusView.as_view(), name="fair_status"),
    path("fairs/registrations/", v.FairRegistrationListView.as_view(), name="fair_registration_list"),
    path("fairs/registrations/export/", v.FairRegistrationExportView.as_view(), name="fair_registration_export"),
]
company = []
site = [
    path("fairs/", site_fairs.fair_list, name="fair_list"),
    path("fairs/<int:pk>/", site_fairs.fair_detail, name="fair_detail"),
]
portal = [
    path("fairs/<int:pk>/register/", portal_registration.register, {"kind": "fair"}, name="fair_register"),
    path("fairs/<int:pk>/cancel/", portal_registration.cancel, {"kind": "fair"}, name="fair_cancel"),
]
