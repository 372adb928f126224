"""Table of the 学生信息汇总 list."""

import django_tables2 as tables

from careers.core.tables import BaseTable

from ..models import Student


class StudentSummaryTable(BaseTable):
    student_number = tables.Column(linkify=("students:student_summary", {"pk": tables.A("pk")}))
    name = tables.Column(linkify=("students:student_summary", {"pk": tables.A("pk")}))
    gender = tables.Column()
    graduation_year = tables.Column()
    education_level = tables.Column(accessor="major__education_level__name", verbose_name="学历")
    college = tables.Column(accessor="major__college__name", verbose_name="学院")
    major = tables.Column(accessor="major__name", verbose_name="专业")
    enrolment_status = tables.Column(accessor="enrolment_status__name", verbose_name="学籍状态")
    review_status = tables.Column()

    class Meta(BaseTable.Meta):
        model = Student
        fields = ("student_number", "name", "gender", "graduation_year", "education_level", "college", "major",
                  "enrolment_status", "review_status")
        exclude = ("pk",)
