import django_tables2 as tables
from django.utils.html import format_html

from careers.core.tables import BaseTable
from careers.studentfiles.tables import StudentColumnsMixin

from .models import Application

BADGES = {"offer": "text-bg-success", "interview": "text-bg-primary", "rejected": "text-bg-secondary",
          "viewed": "text-bg-info", "delivered": "text-bg-light border"}


class ApplicationTable(StudentColumnsMixin, BaseTable):
    student_number = tables.Column(accessor="student__student_number", verbose_name="学号",
                                   linkify=("recruitment:application_detail", {"pk": tables.A("pk")}))
    job = tables.Column(accessor="job__title", verbose_name="职位")
    employer = tables.Column(accessor="employer__name", verbose_name="用人单位")
    resume_title = tables.Column(accessor="resume_title", verbose_name="简历名称", orderable=False)
    status = tables.Column()
    employer_note = tables.Column()
    created_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name="投递时间")
    status_changed_at = tables.DateTimeColumn(format="Y-m-d H:i")

    class Meta(BaseTable.Meta):
        model = Application
        fields = ("pk", "student_number", "name", "graduation_year", "college", "major", "job", "employer",
                  "resume_title", "status", "employer_note", "created_at", "status_changed_at")
        default_columns = ("student_number", "name", "college", "major", "job", "employer", "status", "created_at",
                           "status_changed_at")

    def render_status(self, value, record):
        return format_html('<span class="badge {}">{}</span>', BADGES.get(record.status, ""), value)
