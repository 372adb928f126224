import django_tables2 as tables
from django.utils.html import format_html

from careers.core.tables import BaseTable
from careers.studentfiles.tables import StudentColumnsMixin

from .models import Resume


class ResumeTable(StudentColumnsMixin, BaseTable):
    title = tables.Column(linkify=("resumes:resume_detail", {"pk": tables.A("pk")}))
    job_type = tables.Column()
    expected_position = tables.Column()
    expected_industry = tables.Column(accessor="expected_industry__name", verbose_name="期望行业")
    salary = tables.Column(accessor="salary_min", verbose_name="期望月薪")
    visibility = tables.Column()
    review_status = tables.Column()
    is_recommended = tables.BooleanColumn(yesno="推荐,—")
    updated_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name="更新时间")

    class Meta(BaseTable.Meta):
        model = Resume
        fields = ("pk", "student_number", "name", "graduation_year", "college", "major", "title", "job_type",
                  "expected_position", "expected_industry", "salary", "visibility", "review_status",
                  "is_recommended", "updated_at")
        default_columns = ("student_number", "name", "college", "major", "title", "job_type", "expected_industry",
                           "salary", "review_status", "is_recommended", "updated_at")

    def render_salary(self, record):
        return record.salary_display

    def render_is_recommended(self, value):
        return format_html('<span class="badge text-bg-warning">推荐</span>') if value else "—"
