"""Export fields of the 就业信息 list and the 未就业名单 (codes as separate code and name columns)."""

from careers.core.exports import ExportField
from careers.students.records.exports import identity_fields

from . import unemployed
from .models import EmploymentRecord

export_queryset = EmploymentRecord.objects.select_related(
    "student__major__college", "student__major__education_level", "destination", "employer_nature",
    "employer_industry", "employer_region", "reviewed_by")


def field(name, accessor=None, label=None):
    return ExportField(name, label or str(EmploymentRecord._meta.get_field(name).verbose_name), accessor or name)


EMPLOYMENT_EXPORT_FIELDS = [
    *identity_fields("student__"),
    ExportField("major_code", "专业代码", "student__major__major_code"),
    ExportField("destination_code", "毕业去向代码", "destination__code"),
    field("destination", "destination__name"),
    field("employer_name"),
    field("employer_credit_code"),
    ExportField("employer_nature_code", "单位性质代码", "employer_nature__code"),
    field("employer_nature", "employer_nature__name"),
    ExportField("employer_industry_code", "单位行业代码", "employer_industry__code"),
    field("employer_industry", "employer_industry__name"),
    ExportField("employer_region_code", "单位所在地代码", "employer_region__code"),
    field("employer_region", "employer_region__name"),
    field("employer_address"),
    field("contact_person"),
    field("contact_phone"),
    field("position"),
    field("agreement_number"),
    field("placed_on"),
    field("study_major"),
    field("note"),
    field("review_status"),
    field("review_note"),
    field("submitted_at"),
    field("reviewed_at"),
    ExportField("reviewed_by", "审核人", "reviewed_by__name"),
]

UNEMPLOYED_EXPORT_FIELDS = [
    *identity_fields(id_number=False),
    ExportField("phone", "手机号码"),
    ExportField("email", "电子邮箱"),
    ExportField("destination", "毕业去向", lambda s: getattr(getattr(unemployed.employment_of(s), "destination", None),
                                                         "name", "")),
    ExportField("review_status", "就业信息审核状态",
                lambda s: unemployed.employment_of(s).get_review_status_display() if unemployed.employment_of(s)
                else ""),
    ExportField("reason", "原因", unemployed.reason),
]
