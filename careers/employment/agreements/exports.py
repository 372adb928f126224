"""Export fields of the 协议书管理 lists (plain database paths, read with values_list)."""

from careers.core.exports import ExportField
from careers.students.records.exports import identity_fields

from .models import AgreementApplication, AgreementNumber, OnlineAgreement


def field(model, name, accessor=None):
    return ExportField(name, str(model._meta.get_field(name).verbose_name), accessor or name)


APPLICATION_EXPORT_FIELDS = [
    *identity_fields("student__"),
    *(field(AgreementApplication, name) for name in ("kind", "reason", "status", "submitted_at", "reviewed_at")),
    ExportField("reviewed_by", "审核人", "reviewed_by__name"),
    field(AgreementApplication, "review_note"),
    field(AgreementApplication, "batch_label"),
    ExportField("number", "协议书编号", "number__number"),
    field(AgreementApplication, "printed_at"),
    field(AgreementApplication, "reset_count"),
]

NUMBER_EXPORT_FIELDS = [
    field(AgreementNumber, "number"),
    *identity_fields("student__"),
    *(field(AgreementNumber, name) for name in ("status", "source", "batch_label", "issued_at", "voided_at",
                                                 "void_reason")),
    ExportField("issued_by", "发放人", "issued_by__name"),
    ExportField("voided_by", "作废人", "voided_by__name"),
]

SIGNING_EXPORT_FIELDS = [
    *identity_fields("student__"),
    ExportField("employer", "用人单位", "employer__name"),
    *(field(OnlineAgreement, name) for name in ("status", "job_title", "contract_period", "salary", "probation",
                                                 "start_date", "other_terms", "submitted_at", "employer_contact",
                                                 "employer_phone", "employer_confirmed_at", "employer_note",
                                                 "approved_at", "school_note")),
    ExportField("number", "协议书编号", "number__number"),
]
