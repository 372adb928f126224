"""URLs of the programmes area (项目活动). Each list is collected by careers/events/urls.py:

backoffice → /events/  namespace "events"          (back office)
portal     → /me/      namespace "portal_events"   (a logged-in student's pages)
"""

from django.urls import path

from careers.core.urls_helpers import model_urls

from . import portal as p
from . import views as v

backoffice = [
    *model_urls("programmes/types", "programmeentrytype", list=v.ProgrammeEntryTypeListView,
                add=v.ProgrammeEntryTypeEditView, edit=v.ProgrammeEntryTypeEditView),
    *model_urls("programmes/entries", "programmeentry", list=v.ProgrammeEntryListView,
                detail=v.ProgrammeEntryDetailView, export=v.ProgrammeEntryExportView),
    path("programmes/entries/approve/", v.ProgrammeEntryApproveView.as_view(), name="programmeentry_approve"),
    path("programmes/entries/reject/", v.ProgrammeEntryRejectView.as_view(), name="programmeentry_reject"),
    path("programmes/entries/<int:pk>/file/", v.ProgrammeEntryFileView.as_view(), name="programmeentry_file"),
    *model_urls("programmes/members", "programmeentrymember", list=v.ProgrammeEntryMemberListView,
                export=v.ProgrammeEntryMemberExportView),
    *model_urls("programmes", "programme", list=v.ProgrammeListView, add=v.ProgrammeEditView,
                detail=v.ProgrammeDetailView, edit=v.ProgrammeEditView, export=v.ProgrammeExportView),
    path("programmes/<int:pk>/file/", v.ProgrammeFileView.as_view(), name="programme_file"),
]
company = []
site = []
portal = [
    path("programmes/", p.programme_list, name="programme_list"),
    path("programmes/<int:pk>/", p.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/file/", p.programme_file, name="programme_file"),
    path("programmes/<int:pk>/register/", p.register, name="programme_register"),
    path("programmes/entries/<int:pk>/", p.entry_detail, name="programme_entry"),
    path("programmes/entries/<int:pk>/edit/", p.entry_edit, name="programme_entry_edit"),
    path("programmes/entries/<int:pk>/file/", p.entry_file, name="programme_entry_file"),
    path("programmes/entries/<int:pk>/members/add/", p.member_add, name="programme_member_add"),
    path("programmes/entries/<int:pk>/members/remove/", p.member_remove, name="programme_member_remove"),
    path("programmes/entries/<int:pk>/submit/", p.entry_submit, name="programme_entry_submit"),
    path("programmes/entries/<int:pk>/withdraw/", p.entry_withdraw, name="programme_entry_withdraw"),
    path("programmes/invitations/<int:pk>/confirm/", p.invitation_confirm, name="programme_invitation_confirm"),
    path("programmes/invitations/<int:pk>/decline/", p.invitation_decline, name="programme_invitation_decline"),
]
