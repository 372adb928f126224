import django_tables2 as tables
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from careers.core.batch import BatchReportMixin
from careers.core.tables import PK_MARK, BaseTable

from .models import SITUATION_LABELS, LedgerStudent, difficulty_labels
from .queries import employment_label

SITUATION_STYLES = {"signed": "success", "offered": "success", "seeking": "warning", "unreachable": "danger"}


class LedgerTable(BatchReportMixin, BaseTable):
    """就业跟踪台账: one row per student, with the latest entry's state (annotations, see queries.py)."""

    student_number = tables.Column(verbose_name="学号")
    name = tables.Column(verbose_name="姓名")
    graduation_year = tables.Column(verbose_name="毕业年份")
    education_level = tables.Column(accessor="major__education_level__name", verbose_name="学历")
    college = tables.Column(accessor="major__college__name", verbose_name="学院")
    major = tables.Column(accessor="major__name", verbose_name="专业", order_by=("major__name", "student_number"))
    phone = tables.Column(verbose_name="手机号码")
    latest_situation = tables.Column(verbose_name="最新求职状态")
    latest_contacted_on = tables.DateColumn(format="Y-m-d", verbose_name="最近联系")
    latest_difficulties = tables.Column(verbose_name="困难帮扶", orderable=False)
    latest_next_contact_on = tables.DateColumn(format="Y-m-d", verbose_name="下次联系")
    employment = tables.Column(accessor="employment_status", verbose_name="就业状态", empty_values=(),
                               order_by=("-placed", "destination_name"))
    actions = tables.Column(accessor="pk", verbose_name="操作", orderable=False)

    class Meta(BaseTable.Meta):
        model = LedgerStudent
        template_name = "core/table_prerendered.html"
        fields = ("student_number", "name", "graduation_year", "education_level", "college", "major", "phone",
                  "latest_situation", "latest_contacted_on", "latest_difficulties", "latest_next_contact_on",
                  "employment", "actions")
        exclude = ("pk",)
        default_columns = ("student_number", "name", "college", "major", "latest_situation", "latest_contacted_on",
                           "latest_difficulties", "latest_next_contact_on", "employment", "actions")

    # -- rows -------------------------------------------------------------------------------------
    # Rendered here rather than cell by cell through django-tables2 (as the student list does):
    # its per-cell signature inspection costs more than the page's queries.
    def body_html(self):
        page = getattr(self, "page", None)
        names = [column.name for column in self.columns]
        rows = []
        for row in page.object_list if page is not None else []:
            record = row.record
            cells = "".join(f"<td>{conditional_escape(self.cell(name, record))}</td>" for name in names)
            rows.append(f"<tr>{cells}</tr>")
        return mark_safe("".join(rows))  # noqa: S308 - every cell is escaped above

    @cached_property
    def detail_url(self):
        return reverse("followup:ledgerstudent_detail", kwargs={"pk": PK_MARK})

    def cell(self, name, record):
        if name == "student_number":
            return format_html('<a href="{}">{}</a>', self.detail_url.replace(PK_MARK, str(record.pk)),
                               record.student_number)
        if name == "actions":
            return format_html('<a class="btn btn-outline-primary btn-sm py-0" href="{}">跟踪记录</a>',
                               self.detail_url.replace(PK_MARK, str(record.pk)))
        if name == "latest_situation":
            value = record.latest_situation
            if not value:
                return "—"
            return format_html('<span class="badge text-bg-{}">{}</span>', SITUATION_STYLES.get(value, "secondary"),
                               SITUATION_LABELS.get(value, value))
        if name == "latest_difficulties":
            return difficulty_labels(record.latest_difficulties) or "—"
        if name == "employment":
            return employment_label(record.employment_status, record.destination_name, record.placed)
        if name in ("latest_contacted_on", "latest_next_contact_on"):
            value = getattr(record, name)
            return value.isoformat() if value else "—"
        value = record
        for part in str(self.base_columns[name].accessor or name).split("__"):
            value = getattr(value, part, None)
        return "—" if value in (None, "") else value
