"""就业信息, 未就业名单: back office (/employment/) and 学生中心 (/me/) URL lists."""

from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import portal as pe
from . import views as ev
from .exports import EMPLOYMENT_EXPORT_FIELDS, export_queryset

urlpatterns = [
    *model_urls("records", "employmentrecord", list=ev.EmploymentRecordListView, edit=ev.EmploymentRecordEditView,
                export=ExportView.of(ev.EmploymentRecordListView, queryset=export_queryset,
                                     fields=EMPLOYMENT_EXPORT_FIELDS)),
    path("records/<int:pk>/fill-template/", ev.EmploymentTemplateView.as_view(), name="employmentrecord_template"),
    path("records/bulk-review/", ev.EmploymentBulkReviewView.as_view(), name="employmentrecord_bulk_review"),
    path("records/initialise/", ev.EmploymentInitialiseView.as_view(), name="employmentrecord_initialise"),
    path("records/employers/", ev.EmployerLookupView.as_view(), name="employer_lookup"),
    path("unemployed/", ev.UnemployedListView.as_view(), name="unemployed_list"),
    path("unemployed/export/", ev.UnemployedExportView.as_view(), name="unemployed_export"),
]

portal_urlpatterns = [
    path("employment/", pe.home, name="employment_home"),
    path("employment/report/", pe.report, name="employment_report"),
    path("employment/fill-template/", pe.fill_template, name="employment_template"),
    path("employment/employers/", pe.employers, name="employment_employers"),
]
