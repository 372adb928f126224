"""Tables of the 就业信息 list and the 未就业名单."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html

from careers.core.tables import BaseTable
from careers.students.models import Student

from . import unemployed
from .models import EmploymentRecord

NOWRAP = {"td": {"class": "text-nowrap"}}
REVIEW_STYLES = {"pending": "text-bg-warning", "rejected": "text-bg-danger", "approved": "text-bg-success"}


def review_badge(record):
    style = REVIEW_STYLES.get(record.review_status, "text-bg-light border")
    return format_html('<span class="badge {}">{}</span>', style, record.get_review_status_display())


class EmploymentRecordTable(BaseTable):
    student_number = tables.Column(accessor="student__student_number", verbose_name="学号",
                                   linkify=("employment:employmentrecord_edit", {"pk": tables.A("pk")}), attrs=NOWRAP)
    name = tables.Column(accessor="student__name", verbose_name="姓名", attrs=NOWRAP)
    gender = tables.Column(accessor="student__gender", verbose_name="性别")
    graduation_year = tables.Column(accessor="student__graduation_year", verbose_name="毕业年份")
    education_level = tables.Column(accessor="student__major__education_level__name", verbose_name="学历")
    college = tables.Column(accessor="student__major__college__name", verbose_name="学院")
    major = tables.Column(accessor="student__major__name", verbose_name="专业")
    destination = tables.Column(accessor="destination__name", verbose_name="毕业去向",
                                order_by=("destination__sort",))
    category = tables.Column(accessor="destination__extra", verbose_name="去向类别", orderable=False)
    employer_name = tables.Column()
    employer_credit_code = tables.Column()
    employer_nature = tables.Column(accessor="employer_nature__name", verbose_name="单位性质")
    employer_industry = tables.Column(accessor="employer_industry__name", verbose_name="单位行业")
    employer_region = tables.Column(accessor="employer_region__name", verbose_name="单位所在地")
    placed_on = tables.DateColumn(format="Y-m-d", attrs=NOWRAP)
    review_status = tables.Column(attrs=NOWRAP)
    reviewed_at = tables.DateTimeColumn(format="Y-m-d", attrs=NOWRAP)
    actions = tables.Column(empty_values=(), orderable=False, verbose_name="操作")

    class Meta(BaseTable.Meta):
        model = EmploymentRecord
        fields = ("pk", "student_number", "name", "gender", "graduation_year", "education_level", "college", "major",
                  "destination", "category", "employer_name", "employer_credit_code", "employer_nature",
                  "employer_industry", "employer_region", "placed_on", "review_status", "reviewed_at", "actions")
        default_columns = ("student_number", "name", "college", "major", "destination", "employer_name",
                           "placed_on", "review_status", "reviewed_at", "actions")

    def render_gender(self, record):
        return record.student.get_gender_display()

    def render_category(self, value):
        return (value or {}).get("category", "—")

    def render_review_status(self, record):
        return review_badge(record)

    def render_actions(self, record):
        label = "审核" if record.review_status == "pending" else "编辑"
        style = "btn-warning" if label == "审核" else "btn-outline-primary"
        return format_html('<a class="btn {} btn-sm py-0" href="{}">{}</a>', style,
                           reverse("employment:employmentrecord_edit", kwargs={"pk": record.pk}), label)


class UnemployedTable(BaseTable):
    student_number = tables.Column(verbose_name="学号")
    name = tables.Column()
    gender = tables.Column()
    graduation_year = tables.Column()
    education_level = tables.Column(accessor="major__education_level__name", verbose_name="学历")
    college = tables.Column(accessor="major__college__name", verbose_name="学院")
    major = tables.Column(accessor="major__name", verbose_name="专业")
    phone = tables.Column()
    destination = tables.Column(accessor="employment__destination__name", verbose_name="毕业去向",
                                default="—", orderable=False)
    reason = tables.Column(empty_values=(), orderable=False, verbose_name="原因")
    actions = tables.Column(empty_values=(), orderable=False, verbose_name="操作")

    class Meta(BaseTable.Meta):
        model = Student
        fields = ("pk", "student_number", "name", "gender", "graduation_year", "education_level", "college", "major",
                  "phone", "destination", "reason", "actions")

    def render_reason(self, record):
        return unemployed.reason(record)

    def render_actions(self, record):
        employment = unemployed.employment_of(record)
        if employment is None:
            return "—"
        return format_html('<a class="btn btn-outline-primary btn-sm py-0" href="{}">就业信息</a>',
                           reverse("employment:employmentrecord_edit", kwargs={"pk": employment.pk}))
