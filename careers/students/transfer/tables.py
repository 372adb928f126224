"""Table of the 专业转移审核 list."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from careers.core.tables import BaseTable

from ..models import MajorTransfer


class MajorTransferTable(BaseTable):
    student = tables.Column(accessor="student__name", verbose_name="学生", order_by=("student__name",))
    student_number = tables.Column(accessor="student__student_number", verbose_name="学号")
    years = tables.Column(accessor="from_year", verbose_name="毕业年份", orderable=False)
    from_major = tables.Column(accessor="from_major__name", verbose_name="原专业")
    from_college = tables.Column(accessor="from_major__college__name", verbose_name="原学院")
    to_major = tables.Column(accessor="to_major__name", verbose_name="转入专业")
    to_college = tables.Column(accessor="to_major__college__name", verbose_name="转入学院")
    reason = tables.Column()
    status = tables.Column()
    requested_by = tables.Column(accessor="requested_by__name", verbose_name="申请人")
    requested_at = tables.DateTimeColumn(format="Y-m-d H:i")
    decided_by = tables.Column(accessor="decided_by__name", verbose_name="审核人")
    actions = tables.Column(empty_values=(), orderable=False, verbose_name="操作")

    class Meta(BaseTable.Meta):
        model = MajorTransfer
        fields = ("student", "student_number", "years", "from_college", "from_major", "to_college", "to_major",
                  "reason", "status", "requested_by", "requested_at", "decided_by", "actions")
        exclude = ("pk",)

    def render_years(self, record):
        return f"{record.from_year} → {record.to_year}"

    def render_status(self, record, value):
        style = {"pending": "warning", "approved": "success", "rejected": "secondary"}[record.status]
        return format_html('<span class="badge text-bg-{}">{}</span>', style, value)

    def render_actions(self, record):
        label = "审核" if record.status == MajorTransfer.Status.PENDING else "查看"
        return format_html('<a class="btn btn-outline-primary btn-sm py-0" href="{}">{}</a>',
                           reverse("students:majortransfer_detail", kwargs={"pk": record.pk}), label)
