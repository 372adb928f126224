"""URLs of the 就业活动 area. Each list is collected by careers/events/urls.py:

backoffice → /events/  namespace "events"          (back office)
site       → /         namespace "site_events"     (public pages: no login)
portal     → /me/      namespace "portal_events"   (a logged-in student's pages)
"""

from django.urls import path

from careers.core.urls_helpers import model_urls

from ..checkin import portal_registration
from . import site as site_views
from . import views as v

backoffice = [
    *model_urls("career-events/categories", "careereventcategory", **v.category_views),
    *model_urls("career-events", "careerevent", list=v.CareerEventListView, add=v.CareerEventEditView,
                detail=v.CareerEventView, edit=v.CareerEventEditView, export=v.CareerEventExportView,
                status=v.CareerEventStatusView, promo=v.CareerEventPromoView),
    path("career-events/registrations/", v.CareerEventRegistrationListView.as_view(),
         name="careerevent_registration_list"),
    path("career-events/registrations/export/", v.CareerEventRegistrationExportView.as_view(),
         name="careerevent_registration_export"),
]
company = []
site = [
    path("career-events/<int:pk>/", site_views.career_event_detail, name="career_event_detail"),
    path("career-events/<int:pk>/checkin-screen/", site_views.checkin_screen, name="career_event_checkin_screen"),
]
portal = [
    path("career-events/<int:pk>/register/", portal_registration.register, {"kind": "career_event"},
         name="career_event_register"),
    path("career-events/<int:pk>/cancel/", portal_registration.cancel, {"kind": "career_event"},
         name="career_event_cancel"),
]
