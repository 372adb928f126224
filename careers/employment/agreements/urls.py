"""协议书管理: back office (/employment/agreements/…) and 学生中心 (/me/agreements/…) URL lists."""

from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import portal as pa
from . import views as av
from .exports import APPLICATION_EXPORT_FIELDS, NUMBER_EXPORT_FIELDS

urlpatterns = [
    *model_urls("agreements", "agreementapplication", list=av.AgreementApplicationListView,
                detail=av.AgreementApplicationView,
                export=ExportView.of(av.AgreementApplicationListView, fields=APPLICATION_EXPORT_FIELDS),
                approve=av.ApproveView, reject=av.RejectView, register=av.RegisterView, reset=av.ResetView,
                agreement=av.AgreementPrintView),
    path("agreements/<int:pk>/application-form/", av.ApplicationFormView.as_view(),
         name="agreementapplication_form"),
    path("agreements/print-batch/", av.PrintBatchView.as_view(), name="agreementapplication_print_batch"),
    path("agreements/print/", av.BatchPrintView.as_view(), name="agreementapplication_batch_print"),
    path("agreements/forms-for-colleges/", av.FormsForCollegesView.as_view(), name="agreementapplication_college_forms"),
    path("agreements/files/<int:pk>/", av.MaterialFileView.as_view(), name="applicationmaterial_file"),
    *model_urls("agreement-numbers", "agreementnumber", list=av.AgreementNumberListView,
                export=ExportView.of(av.AgreementNumberListView, fields=NUMBER_EXPORT_FIELDS)),
    path("agreements/settings/", av.AgreementSettingsView.as_view(), name="agreementsettings_edit"),
    *model_urls("agreements/materials", "materialrequirement", add=av.MaterialRequirementEditView,
                edit=av.MaterialRequirementEditView, delete=av.MaterialRequirementDeleteView),
]

portal_urlpatterns = [
    path("agreements/", pa.home, name="agreements"),
    path("agreements/apply/", pa.apply_view, name="agreement_apply"),
    path("agreements/<int:pk>/withdraw/", pa.withdraw_view, name="agreement_withdraw"),
    path("agreements/<int:pk>/application-form/", pa.application_form, name="agreement_form"),
    path("agreements/materials/<int:pk>/", pa.material_file, name="agreement_material"),
]
