"""URLs of the talks area. Each list is collected by careers/events/urls.py:

backoffice → /events/  namespace "events"          (back office)
company    → /company/ namespace "company_events"  (the employer portal)
site       → /         namespace "site_events"     (public pages: no login)
portal     → /me/      namespace "portal_events"   (a logged-in student's pages)
"""

from django.urls import path

from careers.core.urls_helpers import model_urls

from ..checkin import portal_registration
from . import company as company_talks
from . import portal as portal_talks
from . import site as site_talks
from . import views as v

backoffice = [
    *model_urls("talks", "talk", list=v.TalkListView, add=v.TalkEditView, detail=v.TalkDetailView,
                edit=v.TalkEditView, export=v.TalkExportView),
    path("talks/registrations/", v.TalkRegistrationListView.as_view(), name="talk_registration_list"),
    path("talks/registrations/export/", v.TalkRegistrationExportView.as_view(), name="talk_registration_export"),
]
company = [
    path("talks/", company_talks.talk_list, name="talk_list"),
    path("talks/apply/", company_talks.talk_apply, name="talk_apply"),
    path("talks/<int:pk>/", company_talks.talk_detail, name="talk_detail"),
    path("talks/<int:pk>/edit/", company_talks.talk_edit, name="talk_edit"),
    path("talks/<int:pk>/withdraw/", company_talks.talk_withdraw, name="talk_withdraw"),
]
site = [
    path("talks/", site_talks.talk_list, name="talk_list"),
    path("talks/<int:pk>/", site_talks.talk_detail, name="talk_detail"),
]
portal = [
    path("talks/<int:pk>/register/", portal_registration.register, {"kind": "talk"}, name="talk_register"),
    path("talks/<int:pk>/cancel/", portal_registration.cancel, {"kind": "talk"}, name="talk_cancel"),
    path("events/", portal_talks.my_events, name="my_events"),
]
