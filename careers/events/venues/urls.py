"""URLs of the venues area. Each list is collected by careers/events/urls.py:

backoffice → /events/  namespace "events"          (back office)
company    → /company/ namespace "company_events"  (the employer portal)
site       → /         namespace "site_events"     (public pages: no login)
portal     → /me/      namespace "portal_events"   (a logged-in student's pages)
"""

from django.urls import path

from careers.core.urls_helpers import model_urls

from . import views as v

backoffice = [
    *model_urls("venues", "venue", list=v.VenueListView, add=v.VenueEditView, edit=v.VenueEditView),
    path("venues/activate/", v.VenueActivateView.as_view(), name="venue_activate"),
    path("venues/calendar/", v.VenueCalendarView.as_view(), name="venue_calendar"),
]
company = []
site = []
portal = []
