"""URLs of the participants area. Each list is included by one of the site's URL modules:

admin    → /events/    namespace "events"          (back office)
company  → /company/   namespace "company_events"  (the employer portal)
site     → /           namespace "site_events"     (public pages: no login)
portal   → /me/        namespace "portal_events"   (a logged-in student's pages)
"""

from django.urls import path

from . import company_participants as company_views

admin = []
company = [
    path("fairs/", company_views.fair_list, name="fair_list"),
    path("fairs/<int:pk>/", company_views.fair_detail, name="fair_detail"),
    path("fairs/<int:pk>/apply/", company_views.apply, name="apply"),
    path("fairs/<int:pk>/withdraw/", company_views.withdraw, name="withdraw"),
    path("fairs/<int:pk>/receipt/", company_views.receipt, name="receipt"),
    path("fairs/<int:pk>/receipt.pdf", company_views.receipt_pdf, name="receipt_pdf"),
    path("fairs/<int:pk>/receipt/upload/", company_views.receipt_upload, name="receipt_upload"),
    path("fairs/<int:pk>/files/<str:kind>/", company_views.participation_file, name="participation_file"),
]
site = []
portal = []
