"""URLs of the stats area. Each list is collected by careers/events/urls.py:

backoffice → /events/  namespace "events"          (back office)
company    → /company/ namespace "company_events"  (the employer portal)
site       → /         namespace "site_events"     (public pages: no login)
portal     → /me/      namespace "portal_events"   (a logged-in student's pages)
"""

from django.urls import path

from . import views as v

backoffice = [
    path("fairs/<int:pk>/stats/", v.FairStatsView.as_view(), name="fair_stats"),
    path("fairs/<int:pk>/stats/export/", v.FairStatsExportView.as_view(), name="fair_stats_export"),
    path("talks/<int:pk>/stats/", v.TalkStatsView.as_view(), name="talk_stats"),
    path("talks/<int:pk>/stats/export/", v.TalkStatsExportView.as_view(), name="talk_stats_export"),
    path("reminders/", v.RemindersView.as_view(), name="reminders"),
]
company = []
site = []
portal = []
