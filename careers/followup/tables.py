import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from careers.core.tables import BaseTable

from .models import SITUATION_LABELS, LedgerStudent, difficulty_labels
from .queries import employment_label

SITUATION_STYLES = {"signed": "success", "offered": "success", "seeking": "warning", "unreachable": "danger"}


class LedgerTable(BaseTable):
    """就业跟踪台账: one row per student, with the latest entry's state (annotations, see queries.py)."""

    student_number = tables.Column(verbose_name="学号",
                                   linkify=("followup:ledgerstudent_detail", {"pk": tables.A("pk")}))
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
        fields = ("student_number", "name", "graduation_year", "education_level", "college", "major", "phone",
                  "latest_situation", "latest_contacted_on", "latest_difficulties", "latest_next_contact_on",
                  "employment", "actions")
        exclude = ("pk",)
        default_columns = ("student_number", "name", "college", "major", "latest_situation", "latest_contacted_on",
                           "latest_difficulties", "latest_next_contact_on", "employment", "actions")

    def render_latest_situation(self, value):
        return format_html('<span class="badge text-bg-{}">{}</span>', SITUATION_STYLES.get(value, "secondary"),
                           SITUATION_LABELS.get(value, value))

    def render_latest_difficulties(self, value):
        return difficulty_labels(value) or "—"

    def render_employment(self, record):
        return employment_label(record.employment_status, record.destination_name, record.placed)

    def render_actions(self, value):
        return format_html('<a class="btn btn-outline-primary btn-sm py-0" href="{}">跟踪记录</a>',
                           reverse("followup:ledgerstudent_detail", kwargs={"pk": value}))
