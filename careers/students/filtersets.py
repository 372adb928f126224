import django_filters

from careers.codes.models import Code
from careers.core.filtersets import BaseFilterSet
from careers.org.models import College, Major

from .models import Student


class StudentFilterSet(BaseFilterSet):
    search_fields = ("student_number", "name", "id_number")
    graduation_year = django_filters.NumberFilter(label="毕业年份")
    major__college = django_filters.ModelChoiceFilter(label="学院", queryset=College.objects.all())
    major__education_level = django_filters.ModelChoiceFilter(label="学历", queryset=Code.objects.of("education_level"))
    major = django_filters.ModelChoiceFilter(label="专业", queryset=Major.objects.select_related("education_level"))
    gender = django_filters.ChoiceFilter(label="性别", choices=Student.Gender.choices)

    class Meta:
        model = Student
        fields = ["q", "graduation_year", "major__college", "major__education_level", "major", "gender"]
