import django_tables2 as tables
from django.utils.html import format_html

from careers.core.tables import BaseTable

from .models import Job

BADGES = {"waiting": "warning", "re_review": "warning", "approved": "success", "rejected": "danger",
          "expired": "secondary", "closed": "secondary"}


class JobTable(BaseTable):
    title = tables.Column(linkify=("recruitment:job_detail", {"pk": tables.A("pk")}))
    employer = tables.Column(accessor="employer__name", verbose_name="用人单位")
    job_type = tables.Column()
    openings = tables.Column()
    region = tables.Column(accessor="region__name", verbose_name="工作地区")
    salary = tables.Column(accessor="salary_min", verbose_name="月薪", orderable=False)
    education = tables.Column(accessor="education__name", verbose_name="学历要求", default="不限")
    status = tables.Column(accessor="review_status", verbose_name="状态", orderable=False)
    deadline = tables.DateColumn(format="Y-m-d")
    submitted_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name="提交时间")
    bumped_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name="更新时间")

    class Meta(BaseTable.Meta):
        model = Job
        fields = ("pk", "title", "employer", "job_type", "openings", "region", "salary", "education", "status",
                  "deadline", "submitted_at", "bumped_at")
        default_columns = ("title", "employer", "job_type", "openings", "region", "salary", "status", "deadline",
                           "submitted_at", "bumped_at")

    def render_salary(self, record):
        return record.salary_display

    def value_salary(self, record):
        return record.salary_display

    def render_status(self, record):
        status = record.status
        return format_html('<span class="badge text-bg-{}">{}</span>', BADGES[status], status.label)

    def value_status(self, record):
        return record.get_status_display()
