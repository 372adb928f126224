"""派遣信息 and 主管单位库: back office (/employment/) and 学生中心 (/me/) URL lists."""

from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import portal
from . import views as dv
from .exports import DISPATCH_EXPORT_FIELDS

urlpatterns = [
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
]

portal_urlpatterns = [
    path("dispatch/", portal.dispatch, name="dispatch"),
    path("dispatch/authorities/", portal.authority_lookup, name="dispatch_authorities"),
]
