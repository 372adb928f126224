"""URLs of the checkin area. Each list is collected by careers/events/urls.py:

backoffice → /events/  namespace "events"          (back office)
company    → /company/ namespace "company_events"  (the employer portal)
site       → /         namespace "site_events"     (public pages: no login)
portal     → /me/      namespace "portal_events"   (a logged-in student's pages)

The device API lives on the ninja `api` in api.py (/api/checkin/).
"""

from django.urls import path

from careers.core.urls_helpers import model_urls

from . import company as company_checkin
from . import portal as portal_checkin
from . import views as v
from .exports import CheckInExportView

backoffice = [
    *model_urls("checkins", "checkin", list=v.CheckInListView, add=v.CheckInAddView, export=CheckInExportView),
    path("checkins/qr/<str:kind>/<int:pk>/", v.CheckinQrView.as_view(), name="checkin_qr"),
    *model_urls("checkin-devices", "checkindevice", list=v.CheckinDeviceListView, add=v.CheckinDeviceAddView,
                toggle=v.CheckinDeviceToggleView),
]
company = [
    path("fairs/<int:pk>/checkin/<str:token>/", company_checkin.checkin, name="checkin"),
]
site = []
portal = [
    path("checkin/<str:kind>/<int:pk>/<str:token>/", portal_checkin.checkin, name="checkin"),
]
