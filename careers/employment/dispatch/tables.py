"""Tables of the 派遣信息 list and the 主管单位库."""

import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html

from careers.core.batch import BatchReportMixin
from careers.core.tables import PK_MARK, BaseTable, FastRowsTable

from .models import DispatchRecord, SupervisingAuthority

REVIEW_STYLES = {"pending": "text-bg-warning", "rejected": "text-bg-danger", "approved": "text-bg-success"}


class DispatchTable(BatchReportMixin, FastRowsTable):
    batch_lookup = "student__"  # the rows are 派遣信息; the batch matches their students
    student_number = tables.Column(accessor="student__student_number", verbose_name="学号")
    name = tables.Column(accessor="student__name", verbose_name="姓名")
    graduation_year = tables.Column(accessor="student__graduation_year", verbose_name="毕业年份")
    education_level = tables.Column(accessor="student__major__education_level__name", verbose_name="学历")
    college = tables.Column(accessor="student__major__college__name", verbose_name="学院")
    major = tables.Column(accessor="student__major__name", verbose_name="专业")
    origin_region = tables.Column(accessor="student__origin_region__name", verbose_name="生源地")
    kind = tables.Column()
    receiving_unit = tables.Column()
    receiving_region = tables.Column(accessor="receiving_region__name", verbose_name="签往单位所在地")
    supervising_authority = tables.Column(accessor="supervising_authority__name", verbose_name="主管单位")
    report_address = tables.Column()
    report_postal_code = tables.Column()
    archive_unit = tables.Column()
    certificate_number = tables.Column()
    review_status = tables.Column()
    reviewed_at = tables.DateTimeColumn(format="Y-m-d H:i")
    actions = tables.Column(empty_values=(), orderable=False, verbose_name="操作")

    class Meta(FastRowsTable.Meta):
        model = DispatchRecord
        template_name = "core/table_prerendered.html"
        fields = ("pk", "student_number", "name", "graduation_year", "education_level", "college", "major",
                  "origin_region", "kind", "receiving_unit", "receiving_region", "supervising_authority",
                  "report_address", "report_postal_code", "archive_unit", "certificate_number", "review_status",
                  "reviewed_at", "actions")
        default_columns = ("student_number", "name", "college", "major", "kind", "receiving_unit",
                           "supervising_authority", "review_status", "reviewed_at", "actions")
        order_by = ("student_number",)

    @cached_property
    def can_change(self):
        return self.user is not None and self.user.has_permission("employment.dispatchrecord.change")

    @cached_property
    def edit_url(self):
        """编辑/审核 for those who may change records, else the read-only page."""
        name = "dispatchrecord_edit" if self.can_change else "dispatchrecord_detail"
        return reverse(f"employment:{name}", kwargs={"pk": PK_MARK})

    # -- rows (FastRowsTable: tables2's cell path costs about a second for 200 rows) --------------------
    NAMED = {"origin_region": ("student", "origin_region_id"), "receiving_region": (None, "receiving_region_id"),
             "supervising_authority": (None, "supervising_authority_id")}

    def prepare_rows(self, shown, records):
        """{column: {pk: name}} for the shown region / 主管单位 columns: one query per kind, not a join each."""
        from careers.codes.models import Code

        found = {}
        for column in shown:
            if column not in self.NAMED:
                continue
            via, attname = self.NAMED[column]
            ids = {getattr(getattr(r, via) if via else r, attname) for r in records} - {None}
            model = SupervisingAuthority if column == "supervising_authority" else Code
            found[column] = dict(model.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
        self.named = found

    def cell(self, name, record):
        if name == "pk":
            return format_html('<input type="checkbox" name="pk" value="{}" class="form-check-input" form="bulk-form" '
                               'aria-label="选择 {}">', record.pk, record.student.student_number)
        if name == "student_number":
            return format_html('<a href="{}">{}</a>', self.edit_url.replace(PK_MARK, str(record.pk)),
                               record.student.student_number)
        if name == "kind":
            return record.get_kind_display()
        if name == "review_status":
            return self.review_badge(record)
        if name == "reviewed_at":
            return date_format(timezone.localtime(record.reviewed_at), "Y-m-d H:i") if record.reviewed_at else "—"
        if name == "actions":
            label = ("审核" if record.review_status == "pending" else "编辑") if self.can_change else "查看"
            return format_html('<a class="btn btn-outline-primary btn-sm py-0" href="{}">{}</a>',
                               self.edit_url.replace(PK_MARK, str(record.pk)), label)
        if name in self.NAMED:
            via, attname = self.NAMED[name]
            value = self.named[name].get(getattr(getattr(record, via) if via else record, attname))
            return "—" if value in (None, "") else value
        return super().cell(name, record)

    def review_badge(self, record):
        """审核状态; the title lists the fields a pending report changes."""
        style = REVIEW_STYLES.get(record.review_status, "text-bg-light border")
        label = record.get_review_status_display()
        pending = [n for n in (record.pending_changes or {}) if n in DispatchRecord.REVIEW_FIELDS]
        if not pending:
            return format_html('<span class="badge {}">{}</span>', style, label)
        fields = "、".join(str(DispatchRecord._meta.get_field(n).verbose_name) for n in pending)
        return format_html('<span class="badge {}" title="修改了：{}">{}（{} 项）</span>', style, fields, label,
                           len(pending))


class SupervisingAuthorityTable(BaseTable):
    name = tables.Column(linkify=("employment:supervisingauthority_edit", {"pk": tables.A("pk")}))
    code = tables.Column()
    region = tables.Column(accessor="region__name", verbose_name="所在地区")
    address = tables.Column()
    postal_code = tables.Column()
    phone = tables.Column()
    is_active = tables.BooleanColumn(yesno="是,否")

    class Meta(BaseTable.Meta):
        model = SupervisingAuthority
        fields = ("pk", "name", "code", "region", "address", "postal_code", "phone", "is_active")


