"""URLs of the participants area. Each list is collected by careers/events/urls.py:

backoffice → /events/  namespace "events"          (back office)
company    → /company/ namespace "company_events"  (the employer portal)
site       → /         namespace "site_events"     (public pages: no login)
portal     → /me/      namespace "portal_events"   (a logged-in student's pages)

`participant_list` (?fair=<pk>) and `fair_job_list` (?fair=<pk>) are the names other pages link to; the
`participation_*` / `participantjob_*` names are the generic ones (the shared views reverse those).
"""

from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import company as company_views
from . import views as v

ParticipationExportView = ExportView.of(v.ParticipantListView, fields=v.UNIT_EXPORT_FIELDS, queryset=v.participants)
ParticipantJobExportView = ExportView.of(v.FairJobListView, fields=v.JOB_EXPORT_FIELDS, queryset=v.fair_jobs)

backoffice = [
    path("participants/", v.ParticipantListView.as_view(), name="participant_list"),
    path("participants/confirm/", v.ParticipationBulkConfirmView.as_view(), name="participation_bulk_confirm"),
    path("participants/reject/", v.ParticipationBulkRejectView.as_view(), name="participation_bulk_reject"),
    path("participants/allocate-booths/", v.BoothAllocateView.as_view(), name="participation_allocate_booths"),
    path("participants/<int:pk>/files/<str:kind>/", v.ParticipationFileView.as_view(), name="participation_file"),
    *model_urls("participants", "participation", list=v.ParticipantListView, detail=v.ParticipationView,
                export=ParticipationExportView, settings=v.ParticipationSettingsView,
                review=v.ParticipationReviewView),
    path("fair-jobs/", v.FairJobListView.as_view(), name="fair_job_list"),
    path("fair-jobs/hide/", v.FairJobToggleView.as_view(), name="fair_job_hide"),
    path("fair-jobs/show/", v.FairJobShowView.as_view(), name="fair_job_show"),
    *model_urls("fair-jobs", "participantjob", list=v.FairJobListView, export=ParticipantJobExportView),
]
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
