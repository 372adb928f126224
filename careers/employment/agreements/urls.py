"""协议书管理: back office (/employment/agreements/…) and 学生中心 (/me/agreements/…) URL lists."""

from django.urls import path

from careers.core.urls_helpers import model_urls
from careers.core.views.exports import ExportView

from . import company as ca
from . import portal as pa
from . import views as av
from .exports import APPLICATION_EXPORT_FIELDS, NUMBER_EXPORT_FIELDS, SIGNING_EXPORT_FIELDS

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
    # 网上签约
    *model_urls("agreements/online", "onlineagreement", list=av.OnlineAgreementListView,
                detail=av.OnlineAgreementView,
                export=ExportView.of(av.OnlineAgreementListView, fields=SIGNING_EXPORT_FIELDS),
                approve=av.SigningApproveView, reject=av.SigningRejectView, pdf=av.SigningPdfView),
]

portal_urlpatterns = [
    path("agreements/", pa.home, name="agreements"),
    path("agreements/apply/", pa.apply_view, name="agreement_apply"),
    path("agreements/<int:pk>/withdraw/", pa.withdraw_view, name="agreement_withdraw"),
    path("agreements/<int:pk>/application-form/", pa.application_form, name="agreement_form"),
    path("agreements/materials/<int:pk>/", pa.material_file, name="agreement_material"),
    path("agreements/online/new/", pa.signing_start, name="signing_start"),
    path("agreements/online/<int:pk>/", pa.signing_detail, name="signing_detail"),
    path("agreements/online/<int:pk>/edit/", pa.signing_edit, name="signing_edit"),
    path("agreements/online/<int:pk>/submit/", pa.signing_submit, name="signing_submit"),
    path("agreements/online/<int:pk>/cancel/", pa.signing_cancel, name="signing_cancel"),
    path("agreements/online/<int:pk>/pdf/", pa.signing_pdf, name="signing_pdf"),
]

# the employer portal (/company/, namespace "company_employment")
company_urlpatterns = [
    path("agreements/", ca.signing_list, name="signing_list"),
    path("agreements/<int:pk>/", ca.signing_detail, name="signing_detail"),
    path("agreements/<int:pk>/confirm/", ca.signing_confirm, name="signing_confirm"),
    path("agreements/<int:pk>/decline/", ca.signing_decline, name="signing_decline"),
    path("agreements/<int:pk>/pdf/", ca.signing_pdf, name="signing_pdf"),
]
