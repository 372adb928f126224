"""派遣与就业, mounted at /employment/ (config/urls.py). Each area adds its lines below its heading."""

from django.urls import path  # noqa: F401

app_name = "employment"

urlpatterns = []

# -- 派遣信息, 主管单位库, 功能时间设置 (dispatch) --
from careers.core.urls_helpers import model_urls  # noqa: E402
from careers.core.views.exports import ExportView  # noqa: E402

from . import views_dispatch as dv  # noqa: E402
from .exports_dispatch import DISPATCH_EXPORT_FIELDS  # noqa: E402

urlpatterns += [
    *model_urls("dispatch", "dispatchrecord", list=dv.DispatchListView, detail=dv.DispatchRecordView,
                edit=dv.DispatchEditView,
                export=ExportView.of(dv.DispatchListView, fields=DISPATCH_EXPORT_FIELDS)),
    path("dispatch/bulk-review/", dv.DispatchBulkReviewView.as_view(), name="dispatchrecord_bulk_review"),
    path("dispatch/initialise/", dv.DispatchInitialiseView.as_view(), name="dispatchrecord_initialise"),
    path("dispatch/batch/", dv.DispatchBatchView.as_view(), name="dispatchrecord_batch"),
    *model_urls("authorities", "supervisingauthority", list=dv.SupervisingAuthorityListView,
                add=dv.SupervisingAuthorityEditView, edit=dv.SupervisingAuthorityEditView),
    path("authorities/active/", dv.SupervisingAuthorityActiveView.as_view(), name="supervisingauthority_active"),
    path("authorities/lookup/", dv.SupervisingAuthorityLookupView.as_view(), name="supervisingauthority_lookup"),
    *model_urls("windows", "reportingwindow", list=dv.ReportingWindowListView, add=dv.ReportingWindowEditView,
                edit=dv.ReportingWindowEditView, delete=dv.ReportingWindowDeleteView),
]

# -- 就业信息, 未就业名单 (employment) --
from careers.core.urls_helpers import model_urls  # noqa: E402
from careers.core.views.exports import ExportView  # noqa: E402

from . import views_employment as ev  # noqa: E402
from .exports_employment import EMPLOYMENT_EXPORT_FIELDS, export_queryset  # noqa: E402

urlpatterns += [
    *model_urls("records", "employmentrecord", list=ev.EmploymentRecordListView, edit=ev.EmploymentRecordEditView,
                export=ExportView.of(ev.EmploymentRecordListView, queryset=export_queryset,
                                     fields=EMPLOYMENT_EXPORT_FIELDS)),
    path("records/<int:pk>/fill-template/", ev.EmploymentTemplateView.as_view(), name="employmentrecord_template"),
    path("records/bulk-review/", ev.EmploymentBulkReviewView.as_view(), name="employmentrecord_bulk_review"),
    path("records/initialise/", ev.EmploymentInitialiseView.as_view(), name="employmentrecord_initialise"),
    path("records/employers/", ev.EmployerLookupView.as_view(), name="employer_lookup"),
    path("records/regions/", ev.RegionLookupView.as_view(), name="region_lookup"),
    path("unemployed/", ev.UnemployedListView.as_view(), name="unemployed_list"),
    path("unemployed/export/", ev.UnemployedExportView.as_view(), name="unemployed_export"),
]

# -- 与省系统不一致的就业信息 (provincial comparison) --
from .provincial import views as provincial_views  # noqa: E402

urlpatterns += [
    path("provincial/", provincial_views.CompareView.as_view(), name="provincial_compare"),
    path("provincial/template/", provincial_views.TemplateView.as_view(), name="provincial_template"),
    path("provincial/<uuid:pk>/", provincial_views.ResultView.as_view(), name="provincial_result"),
    path("provincial/<uuid:pk>/export/", provincial_views.ExportView.as_view(), name="provincial_export"),
]
