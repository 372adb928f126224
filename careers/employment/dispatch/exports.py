"""派遣信息导出: the fields an admin may pick; plain database paths, so exports read with values_list."""

from careers.core.exports import ExportField
from careers.students.records.exports import identity_fields

from .models import DispatchRecord


def field(name, accessor=None):
    """An export field labelled with the model field's own verbose name."""
    return ExportField(name, str(DispatchRecord._meta.get_field(name).verbose_name), accessor or name)


DISPATCH_EXPORT_FIELDS = [
    *identity_fields("student__"),
    ExportField("origin_region_code", "生源地代码", "student__origin_region__code"),
    ExportField("origin_region", "生源地", "student__origin_region__name"),
    field("kind"),
    field("receiving_unit"),
    ExportField("receiving_region_code", "签往单位所在地代码", "receiving_region__code"),
    field("receiving_region", "receiving_region__name"),
    field("supervising_authority", "supervising_authority__name"),
    ExportField("supervising_authority_code", "主管单位代码", "supervising_authority__code"),
    field("report_address"),
    field("report_postal_code"),
    field("archive_unit"),
    field("archive_address"),
    field("archive_postal_code"),
    field("hukou_address"),
    field("certificate_number"),
    field("note"),
    field("review_status"),
    field("review_note"),
    field("submitted_at"),
    field("reviewed_at"),
    ExportField("reviewed_by", "审核人", "reviewed_by__name"),
]
