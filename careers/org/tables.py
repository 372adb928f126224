import django_tables2 as tables

from careers.core.tables import BaseTable

from .models import Campus, College, Department, Major


def detail_link(name):
    return (f"org:{name}_detail", {"pk": tables.A("pk")})


class MajorTable(BaseTable):
    name = tables.Column(linkify=detail_link("major"))
    specialization = tables.Column()
    major_code = tables.Column()
    education_level = tables.Column(accessor="education_level__name", verbose_name="学历",
                                    order_by="education_level__code")
    duration = tables.Column(accessor="duration__name", verbose_name="学制")
    discipline = tables.Column(accessor="discipline__name", verbose_name="专业类别")
    college = tables.Column(accessor="college__name", verbose_name="学院")
    department = tables.Column(accessor="department__name", verbose_name="系别")
    campus = tables.Column(accessor="campus__name", verbose_name="校区")
    is_active = tables.BooleanColumn(yesno="✔,✘")

    class Meta(BaseTable.Meta):
        model = Major
        fields = ("pk", "name", "specialization", "major_code", "education_level", "duration", "discipline",
                  "college", "department", "campus", "is_active")


class CollegeTable(BaseTable):
    name = tables.Column(linkify=detail_link("college"))
    code = tables.Column()
    major_count = tables.Column(verbose_name="专业数")

    class Meta(BaseTable.Meta):
        model = College
        fields = ("pk", "name", "code", "major_count", "sort")


class DepartmentTable(BaseTable):
    name = tables.Column(linkify=detail_link("department"))
    college = tables.Column(accessor="college__name", verbose_name="学院")

    class Meta(BaseTable.Meta):
        model = Department
        fields = ("pk", "name", "college")


class CampusTable(BaseTable):
    name = tables.Column(linkify=detail_link("campus"))

    class Meta(BaseTable.Meta):
        model = Campus
        fields = ("pk", "name", "code", "sort")
