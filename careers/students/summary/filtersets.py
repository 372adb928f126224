"""Filters of the 学生信息汇总 list."""

import django_filters

from careers.codes.models import Code
from careers.core.filtersets import BaseFilterSet
from careers.org.models import College

from ..models import Student


class StudentSummaryFilterSet(BaseFilterSet):
    search_fields = ("student_number", "name", "id_number")
    graduation_year = django_filters.NumberFilter(label="毕业年份")
    major__college = django_filters.ModelChoiceFilter(label="学院", queryset=College.objects.all())
    enrolment_status = django_filters.ModelChoiceFilter(
        label="学籍状态", queryset=Code.objects.of("enrolment_status").order_by("sort", "code"))
    review_status = django_filters.ChoiceFilter(label="数据状态", choices=Student.ReviewStatus.choices)

    class Meta:
        model = Student
        fields = ["q", "graduation_year", "major__college", "enrolment_status", "review_status"]
