import django_tables2 as tables

from careers.core.tables import BaseTable

from .models import Student


class StudentTable(BaseTable):
    student_number = tables.Column(linkify=("students:student_detail", {"pk": tables.A("pk")}))
    name = tables.Column()
    gender = tables.Column()
    graduation_year = tables.Column()
    education_level = tables.Column(accessor="major__education_level__name", verbose_name="学历")
    college = tables.Column(accessor="major__college__name", verbose_name="学院")
    major = tables.Column(accessor="major__name", verbose_name="专业")
    phone = tables.Column()

    class Meta(BaseTable.Meta):
        model = Student
        fields = ("pk", "student_number", "name", "gender", "graduation_year", "education_level", "college", "major",
                  "phone")
