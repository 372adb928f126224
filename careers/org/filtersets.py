import django_filters

from careers.codes.models import Code
from careers.core.filtersets import BaseFilterSet

from .models import Campus, College, Department, Major


class MajorFilterSet(BaseFilterSet):
    search_fields = ("name", "major_code", "specialization")
    education_level = django_filters.ModelChoiceFilter(label="学历", queryset=Code.objects.of("education_level"))
    campus = django_filters.ModelChoiceFilter(label="校区", queryset=Campus.objects.all())
    college = django_filters.ModelChoiceFilter(label="学院", queryset=College.objects.all())
    department = django_filters.ModelChoiceFilter(label="系别", queryset=Department.objects.all())
    discipline = django_filters.ModelChoiceFilter(label="专业类别", queryset=Code.objects.of("discipline"))
    is_active = django_filters.BooleanFilter(label="启用")

    class Meta:
        model = Major
        fields = ["q", "education_level", "campus", "college", "department", "discipline", "is_active"]


class CollegeFilterSet(BaseFilterSet):
    search_fields = ("name", "code")

    class Meta:
        model = College
        fields = ["q"]


class DepartmentFilterSet(BaseFilterSet):
    search_fields = ("name",)
    college = django_filters.ModelChoiceFilter(label="学院", queryset=College.objects.all())

    class Meta:
        model = Department
        fields = ["q", "college"]


class CampusFilterSet(BaseFilterSet):
    search_fields = ("name", "code")

    class Meta:
        model = Campus
        fields = ["q"]
